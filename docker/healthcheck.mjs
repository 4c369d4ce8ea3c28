// Container health probe (the slim image has no curl): exits 0 when GET /health answers 2xx.
//   node docker/healthcheck.mjs          -> http://127.0.0.1:$PORT/health         (API, default 3000)
//   node docker/healthcheck.mjs worker   -> http://127.0.0.1:$WORKER_PORT/health  (worker, default 3001)
const worker = process.argv[2] === 'worker';
const port = worker ? process.env.WORKER_PORT || '3001' : process.env.PORT || '3000';
const url = `http://127.0.0.1:${port}/health`;

try {
  const res = await fetch(url, { signal: AbortSignal.timeout(4000) });
  if (!res.ok) {
    process.stderr.write(`${url} -> ${res.status} ${(await res.text()).slice(0, 200)}\n`);
    process.exit(1);
  }
  process.exit(0);
} catch (err) {
  process.stderr.write(`${url} -> ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
