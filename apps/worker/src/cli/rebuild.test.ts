import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { EventStore } from '@yishi/event-store';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import { appendRandomEvents, newStreamIds } from '../../../../test/support/events';
import { expectedCatalogue, readCatalogue } from '../../../../test/support/stream-catalogue';
import { main } from './rebuild';

const ROOT = path.resolve(__dirname, '../../../..');

function capture(): { write(text: string): void; text(): string } {
  const chunks: string[] = [];
  return { write: (t) => void chunks.push(t), text: () => chunks.join('') };
}

async function run(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = capture();
  const err = capture();
  const code = await main(args, env, out, err);
  return { code, stdout: out.text(), stderr: err.text() };
}

describe('npm run rebuild (real PostgreSQL)', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('rebuilds the named projection and prints a summary line', async () => {
    const store = new EventStore(db.pool);
    await appendRandomEvents(store, { streams: newStreamIds(20), events: 500 });
    const result = await run(['stream-catalogue'], { DATABASE_URL: db.url, LOG_LEVEL: 'silent' });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(
      /^rebuilt stream-catalogue: 500 events in \d+\.\d s \([\d,]+ events\/s\)\n$/,
    );
    expect(await readCatalogue(db.pool)).toEqual(await expectedCatalogue(db.pool));
  });

  it('prints usage and exits 2 without a known projection', async () => {
    const none = await run([], {});
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('stream-catalogue');
    const unknown = await run(['nope'], {});
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^unknown projection: nope\n/);
    const help = await run(['--help'], {});
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toContain('stream-catalogue');
  });

  it('reports bad configuration on stderr and exits 1', async () => {
    const result = await run(['stream-catalogue'], {
      LOG_LEVEL: 'loud',
      DATABASE_URL: 'mysql://x',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Invalid configuration:/);
    expect(result.stderr).toMatch(/LOG_LEVEL/);
    expect(result.stderr).not.toContain('mysql://x'); // a secret variable's value stays hidden
  });

  it('sets the exit code when run as a program', () => {
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'apps/worker/src/cli/rebuild.ts', 'nope'],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'silent' } },
    );
    expect(child.status).toBe(2);
    expect(child.stderr).toContain('unknown projection: nope');
  });
});
