import { Client } from 'pg';
import { withDatabase } from '@yishi/database';

/**
 * Administrative statements on the server (CREATE/DROP DATABASE, CHECKPOINT) through short-lived
 * connections to the server URL's own database, so no bench database stays in use by us.
 */
export class PostgresAdmin {
  private readonly created = new Set<string>();

  constructor(readonly serverUrl: string) {}

  async run<T>(fn: (client: Client) => Promise<T>): Promise<T> {
    const client = new Client({
      connectionString: this.serverUrl,
      application_name: 'yishi-bench',
    });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  }

  /** Creates `name` (from `template` when given) and returns its URL. Names are ours: [a-z0-9_]. */
  async createDatabase(name: string, template?: string): Promise<string> {
    assertName(name);
    if (template !== undefined) assertName(template);
    await this.run((c) =>
      c.query(`CREATE DATABASE ${name}${template === undefined ? '' : ` TEMPLATE ${template}`}`),
    );
    this.created.add(name);
    return withDatabase(this.serverUrl, name);
  }

  async dropDatabase(name: string): Promise<void> {
    assertName(name);
    await this.run((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    this.created.delete(name);
  }

  /** Drops every database this run created and has not dropped yet (also after a failure). */
  async dropAll(): Promise<void> {
    for (const name of [...this.created]) await this.dropDatabase(name);
  }

  /** Flushes dirty pages now, so a timed checkpoint does not land inside one contender's window. */
  async checkpoint(): Promise<void> {
    await this.run((c) => c.query('CHECKPOINT'));
  }

  async settings(names: readonly string[]): Promise<Record<string, string>> {
    return this.run(async (c) => {
      const out: Record<string, string> = {};
      for (const name of names) {
        const { rows } = await c.query<{ value: string }>('SELECT current_setting($1) AS value', [
          name,
        ]);
        out[name] = rows[0]?.value ?? '';
      }
      return out;
    });
  }
}

function assertName(name: string): void {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`unexpected database name ${name}`);
}
