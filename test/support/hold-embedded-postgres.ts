/**
 * A process that uses the embedded PostgreSQL the way the running platform does: resolves it from
 * DATA_DIR and EMBEDDED_POSTGRES_PORT, prints `ready <startedHere>`, holds it until its stdin
 * closes, then stops it as the platform does at shutdown. For tests of who may stop the cluster.
 */
import { resolvePostgres } from '../../libs/dev-services/src';

async function main(): Promise<void> {
  const postgres = await resolvePostgres({
    dataDir: process.env.DATA_DIR ?? '',
    port: Number(process.env.EMBEDDED_POSTGRES_PORT),
    log: () => undefined,
  });
  process.stdout.write(`ready ${String(postgres.startedHere)}\n`);
  process.stdin.resume();
  await new Promise((resolve) => process.stdin.once('end', resolve));
  await postgres.stop();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  },
);
