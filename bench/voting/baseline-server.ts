/**
 * The voting bench's baseline, run as a process of its own like the platform's API: `node:http`,
 * a JSON body, one `pg` INSERT per ballot (primary key on (resolution, unit)), 201 or 409.
 * DATABASE_URL, PORT and POOL_SIZE from the environment; GET /health answers 200 once listening.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Pool } from 'pg';

async function main(): Promise<void> {
  const pool = new Pool({
    connectionString: process.env.DATABASE_URL,
    max: Number(process.env.POOL_SIZE ?? 20),
  });
  await pool.query(`CREATE TABLE IF NOT EXISTS baseline_ballots (
    resolution_id uuid NOT NULL, unit_id uuid NOT NULL, choice text NOT NULL,
    cast_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (resolution_id, unit_id))`);
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const reply = (status: number) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(status < 300 ? '{"ok":true}' : '{"error":{"code":"X"}}');
    };
    if (req.method === 'GET' && req.url === '/health') {
      reply(200);
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: { resolutionId?: string; unitId?: string; choice?: string };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
      } catch {
        reply(400);
        return;
      }
      pool
        .query(
          `INSERT INTO baseline_ballots (resolution_id, unit_id, choice) VALUES ($1, $2, $3)`,
          [body.resolutionId, body.unitId, body.choice],
        )
        .then(
          () => reply(201),
          (error: { code?: string }) => reply(error.code === '23505' ? 409 : 500),
        );
    });
  });
  server.listen(Number(process.env.PORT), '127.0.0.1');
  const stop = () => {
    server.closeAllConnections();
    server.close(() => void pool.end().then(() => process.exit(0)));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

void main();
