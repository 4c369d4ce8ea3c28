import { Client } from 'pg';

/**
 * Leadership by a session-level advisory lock held on a dedicated connection. If the process dies or
 * the connection drops, Postgres releases the lock and a standby takes over on its next try. Work
 * that must only be done by the leader is written through `client`, so a leader that lost its
 * session cannot write.
 */
export class AdvisoryLeader {
  private held: Client | undefined;

  constructor(
    private readonly databaseUrl: string,
    readonly name: string,
  ) {}

  get client(): Client | undefined {
    return this.held;
  }

  /** Returns the lock-holding client, or undefined while another process leads. */
  async tryAcquire(): Promise<Client | undefined> {
    if (this.held !== undefined) return this.held;
    const client = new Client({
      connectionString: this.databaseUrl,
      application_name: `yishi-${this.name}`,
    });
    client.on('error', () => {
      if (this.held === client) this.held = undefined;
    });
    await client.connect();
    try {
      const { rows } = await client.query<{ ok: boolean }>(
        'SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok',
        [`yishi:${this.name}`],
      );
      if (rows[0]?.ok === true) {
        this.held = client;
        return client;
      }
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    await client.end();
    return undefined;
  }

  /** Gives up leadership (closing the session releases the lock). */
  async release(): Promise<void> {
    const client = this.held;
    this.held = undefined;
    if (client !== undefined) await client.end().catch(() => undefined);
  }
}
