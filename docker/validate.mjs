// Checks docker/compose.yaml and docker/Dockerfile without a Docker engine:
//   1. parses compose.yaml (YAML merge keys on) and applies Compose interpolation with sample values;
//   2. validates the result against the Compose Specification JSON schema
//      (docker/compose-spec.schema.json, vendored; another with --schema FILE);
//   3. checks what a schema cannot: scalable worker, Redis settings BullMQ needs, depends_on targets,
//      connection URLs pointing at services, grace periods, required secrets, and Dockerfile facts.
// Usage: node docker/validate.mjs [--schema FILE]      Exit code 1 on any failure.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const read = (file) => readFileSync(path.resolve(here, file), 'utf8');
const schemaArg = process.argv.indexOf('--schema');
const schemaFile =
  schemaArg > 0
    ? path.resolve(process.argv[schemaArg + 1] ?? '')
    : path.join(here, 'compose-spec.schema.json');

let passed = 0;
let failed = 0;
function check(name, ok, detail = '') {
  if (ok) passed += 1;
  else failed += 1;
  process.stdout.write(
    `${ok ? 'ok' : 'not ok'} - ${name}${!ok && detail ? `\n    ${detail}` : ''}\n`,
  );
}

async function optionalImport(name) {
  try {
    return await import(name);
  } catch (err) {
    if (err?.code === 'ERR_MODULE_NOT_FOUND') return null;
    throw err;
  }
}

async function parseYaml(text) {
  const yaml = await optionalImport('yaml');
  if (yaml) return yaml.parse(text, { merge: true });
  const js = await optionalImport('js-yaml');
  if (!js) throw new Error('no YAML parser: add the `yaml` package as a devDependency');
  // js-yaml 5 leaves `<<` out of its default schema; js-yaml 4 has it.
  const merge =
    js.mergeTag && js.CORE_SCHEMA?.withTags ? { schema: js.CORE_SCHEMA.withTags(js.mergeTag) } : {};
  return js.load(text, merge);
}

// Compose interpolation: $$, $VAR, ${VAR}, ${VAR:-d}, ${VAR-d}, ${VAR:?e}, ${VAR?e}, ${VAR:+a}, ${VAR+a}.
const VAR = /\$(?:(\$)|\{([A-Za-z_]\w*)(?:(:?[-?+])([^}]*))?\}|([A-Za-z_]\w*)|(\{))/g;
function interpolate(node, env, problems) {
  if (Array.isArray(node)) return node.map((n) => interpolate(n, env, problems));
  if (node && typeof node === 'object') {
    return Object.fromEntries(
      Object.entries(node).map(([k, v]) => [k, interpolate(v, env, problems)]),
    );
  }
  if (typeof node !== 'string') return node;
  return node.replace(VAR, (_m, dollar, braced, op, arg, bare, badBrace) => {
    if (dollar) return '$';
    if (badBrace) {
      problems.push(`unsupported interpolation in ${JSON.stringify(node)}`);
      return '';
    }
    const name = braced ?? bare;
    const value = env[name];
    const set = value !== undefined;
    const nonEmpty = set && value !== '';
    switch (op) {
      case ':-':
        return nonEmpty ? value : arg;
      case '-':
        return set ? value : arg;
      case ':+':
        return nonEmpty ? arg : '';
      case '+':
        return set ? arg : '';
      case ':?':
      case '?':
        if (op === ':?' ? !nonEmpty : !set) problems.push(`required variable ${name}: ${arg}`);
        return value ?? '';
      default:
        if (!set) problems.push(`variable ${name} is unset and has no default`);
        return value ?? '';
    }
  });
}

/** The vendored schema predates some keywords' spelling across Ajv versions: keep it neutral. */
function neutralSchema(node) {
  if (Array.isArray(node)) return node.map(neutralSchema);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([k, v]) => !(['id', '$id', '$schema'].includes(k) && typeof v === 'string'))
      .map(([k, v]) => [k, neutralSchema(v)]),
  );
}

function formatsOf(node, out = new Set()) {
  if (Array.isArray(node)) node.forEach((n) => formatsOf(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'format' && typeof v === 'string') out.add(v);
      else formatsOf(v, out);
    }
  }
  return out;
}

const DURATION = /^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/;
function durationMs(text) {
  if (typeof text !== 'string' || !DURATION.test(text)) return NaN;
  const unit = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1e3, m: 6e4, h: 3.6e6 };
  let ms = 0;
  for (const [, n, u] of text.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g))
    ms += Number(n) * unit[u];
  return ms;
}

const envOf = (svc) =>
  Array.isArray(svc?.environment)
    ? Object.fromEntries(
        svc.environment.map((e) => [e.split('=')[0], e.split('=').slice(1).join('=')]),
      )
    : { ...(svc?.environment ?? {}) };
const dependsOn = (svc) =>
  Array.isArray(svc?.depends_on)
    ? Object.fromEntries(svc.depends_on.map((s) => [s, { condition: 'service_started' }]))
    : (svc?.depends_on ?? {});
const commandText = (cmd) => (Array.isArray(cmd) ? cmd.join(' ') : String(cmd ?? ''));

// ---- compose.yaml ----------------------------------------------------------------------------
const rawText = read('compose.yaml');
const raw = await parseYaml(rawText);
const sampleEnv = {
  POSTGRES_PASSWORD: 'sample-postgres-password',
  ADMIN_PASSWORD: 'sample-admin-password',
};
const problems = [];
const compose = interpolate(raw, sampleEnv, problems);
check(
  'compose.yaml interpolates with POSTGRES_PASSWORD and ADMIN_PASSWORD set',
  problems.length === 0,
  [...new Set(problems)].join('; '),
);

const noSecrets = [];
interpolate(raw, {}, noSecrets);
for (const name of ['POSTGRES_PASSWORD', 'ADMIN_PASSWORD']) {
  check(
    `compose refuses to start without ${name}`,
    noSecrets.some((p) => p.startsWith(`required variable ${name}:`)),
  );
}

// Schema
const schema = JSON.parse(readFileSync(schemaFile, 'utf8'));
const ajvModule = await optionalImport('ajv');
if (!ajvModule) {
  check('ajv available for the schema check', false, 'add the `ajv` package as a devDependency');
} else {
  const Ajv = ajvModule.default?.default ?? ajvModule.default ?? ajvModule;
  const ajv = new Ajv({ allErrors: true, strict: false, logger: false });
  for (const f of formatsOf(schema)) ajv.addFormat(f, f === 'duration' ? DURATION : () => true);
  const validate = ajv.compile(neutralSchema(schema));
  const doc = { ...compose };
  if (!schema.properties?.name && 'name' in doc) {
    // The top-level `name` came to the spec after this schema was cut: check it here.
    check(
      'project name is valid',
      /^[a-z0-9][a-z0-9_-]*$/.test(String(doc.name)),
      `name: ${doc.name}`,
    );
    delete doc.name;
  }
  const ok = validate(doc);
  const errors = (validate.errors ?? [])
    .map(
      (e) =>
        `${e.instancePath ?? e.dataPath ?? ''} ${e.message}${e.params ? ' ' + JSON.stringify(e.params) : ''}`,
    )
    .join('\n    ');
  check(
    `compose.yaml matches the Compose schema (${path.relative(process.cwd(), schemaFile)})`,
    ok,
    errors,
  );
}

// Semantics
const services = compose.services ?? {};
for (const name of ['postgres', 'redis', 'api', 'worker'])
  check(`service ${name} exists`, name in services);
const { api, worker, redis, postgres } = services;

check('worker publishes no ports (scalable)', worker && !('ports' in worker));
check('worker has no container_name (scalable)', worker && !('container_name' in worker));
check('worker has no fixed hostname (scalable)', worker && !('hostname' in worker));

for (const [name, svc] of Object.entries(services)) {
  const missing = Object.keys(dependsOn(svc)).filter((dep) => !(dep in services));
  check(
    `depends_on targets of ${name} exist`,
    missing.length === 0,
    `unknown: ${missing.join(', ')}`,
  );
  for (const v of svc.volumes ?? []) {
    const source = typeof v === 'string' ? v.split(':')[0] : v.source;
    const named =
      source && !source.startsWith('.') && !source.startsWith('/') && !source.startsWith('~');
    if (named) check(`volume ${source} of ${name} is declared`, source in (compose.volumes ?? {}));
  }
}

const redisCmd = commandText(redis?.command);
check(
  'redis keeps every key (--maxmemory-policy noeviction)',
  /--maxmemory-policy\s+noeviction\b/.test(redisCmd),
  redisCmd,
);
check(
  'redis persists with AOF (--appendonly yes)',
  /--appendonly\s+yes\b/.test(redisCmd),
  redisCmd,
);
check(
  'redis healthcheck pings',
  /redis-cli\b.*\bping\b/.test(commandText(redis?.healthcheck?.test)),
);
check(
  'postgres healthcheck uses pg_isready',
  /pg_isready/.test(commandText(postgres?.healthcheck?.test)),
);

for (const [name, svc] of [
  ['api', api],
  ['worker', worker],
]) {
  const env = envOf(svc);
  for (const [variable, protocols] of [
    ['DATABASE_URL', ['postgres:', 'postgresql:']],
    ['REDIS_URL', ['redis:', 'rediss:']],
  ]) {
    let url = null;
    try {
      url = new URL(String(env[variable]));
    } catch {
      /* reported below */
    }
    check(
      `${name}: ${variable} is a ${protocols[0]}// URL to a compose service`,
      url !== null && protocols.includes(url.protocol) && url.hostname in services,
      `${variable}=${url ? `${url.protocol}//${url.hostname}` : env[variable]}`,
    );
  }
  for (const dep of ['postgres', 'redis']) {
    check(
      `${name} waits for ${dep} to be healthy`,
      dependsOn(svc)[dep]?.condition === 'service_healthy',
    );
  }
  const mounts = (svc?.volumes ?? []).map((v) =>
    typeof v === 'string' ? v.split(':')[1] : v.target,
  );
  check(`${name}: DATA_DIR (${env.DATA_DIR}) is a mounted volume`, mounts.includes(env.DATA_DIR));
  const shutdownMs = Number(env.SHUTDOWN_TIMEOUT_MS ?? 10000);
  const graceMs = svc?.stop_grace_period === undefined ? 10000 : durationMs(svc.stop_grace_period);
  check(
    `${name}: stop_grace_period exceeds SHUTDOWN_TIMEOUT_MS`,
    graceMs > shutdownMs,
    `stop_grace_period=${svc?.stop_grace_period ?? '10s (default)'} SHUTDOWN_TIMEOUT_MS=${shutdownMs}`,
  );
}

check('api and worker run the same image', api?.image !== undefined && api.image === worker?.image);
check(
  'api takes ADMIN_PASSWORD from the host as required',
  /\$\{ADMIN_PASSWORD:\?/.test(String(raw.services?.api?.environment?.ADMIN_PASSWORD ?? '')),
);
const apiPort = String(envOf(api).PORT ?? 3000);
check(
  `api publishes its PORT (${apiPort})`,
  (api?.ports ?? []).some((p) =>
    typeof p === 'object'
      ? String(p.target) === apiPort
      : String(p).split(':').pop().split('/')[0] === apiPort,
  ),
);
check(
  'worker runs the worker entry point',
  /dist\/apps\/worker\/src\/main\.js/.test(commandText(worker?.command)),
);
check(
  'worker healthcheck probes WORKER_PORT',
  /healthcheck\.mjs\b.*\bworker\b/.test(commandText(worker?.healthcheck?.test)),
);

// ---- Dockerfile ------------------------------------------------------------------------------
const dockerfile = read('Dockerfile').replace(/\\\n/g, ' ');
const lines = dockerfile
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));
const args = Object.fromEntries(
  lines.filter((l) => /^ARG\s+\w+=/.test(l)).map((l) => l.replace(/^ARG\s+/, '').split('=')),
);
const stages = [];
for (const line of lines) {
  const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
  if (from)
    stages.push({
      image: from[1].replace(/\$\{(\w+)\}/g, (_m, a) => args[a] ?? ''),
      name: from[2],
      lines: [],
    });
  else stages.at(-1)?.lines.push(line);
}
const stage = (n) => stages.find((s) => s.name === n);
for (const n of ['deps', 'build', 'runtime'])
  check(`Dockerfile has stage ${n}`, stage(n) !== undefined);
const runtime = stages.at(-1) ?? { image: '', lines: [] };
const has = (re) => runtime.lines.some((l) => re.test(l));
check('runtime is the last stage', runtime.name === 'runtime');
// Node 20 reached end of life in April 2026: the image runs a maintained LTS line.
check(
  'runtime is a maintained Node LTS (22 or 24) on bookworm-slim',
  /^node:(22|24)-bookworm-slim$/.test(runtime.image),
  runtime.image,
);
check('runtime installs production dependencies only', /npm ci\b.*--omit=dev/.test(dockerfile));
check('npm ci uses a cache mount', /--mount=type=cache,target=\/root\/\.npm/.test(dockerfile));
check('runtime sets NODE_ENV=production', has(/^ENV\b.*\bNODE_ENV=production\b/));
check(
  'runtime sets DATA_DIR=/data and declares the volume',
  has(/^ENV\b.*\bDATA_DIR=\/data\b/) && has(/^VOLUME\b.*\/data/),
);
check('runtime hands /data to node', has(/chown\s+node:node\s+\/data/));
const userAt = runtime.lines.findLastIndex((l) => /^USER\s/.test(l));
check('runtime runs as node', userAt >= 0 && /^USER\s+node\b/.test(runtime.lines[userAt]));
check(
  'runtime runs under tini',
  has(/^ENTRYPOINT\s+\["\/usr\/bin\/tini",\s*"--"\]/) && has(/apt-get install\b.*\btini\b/),
);
check('runtime has a HEALTHCHECK with node', has(/^HEALTHCHECK\b.*\bCMD\b.*\bnode\b/));
check('runtime exposes 3000', has(/^EXPOSE\s+3000\b/));
check(
  'runtime CMD runs the API alone',
  has(/^CMD\b.*dist\/apps\/api\/src\/main\.js/) && !has(/^CMD\b.*apps\/platform/),
);

// Every COPY from the build context must survive .dockerignore.
const ignored = read('../.dockerignore')
  .split('\n')
  .map((l) =>
    l
      .trim()
      .replace(/^\*\*\//, '')
      .replace(/\/$/, ''),
  )
  .filter((l) => l && !l.startsWith('#') && !l.startsWith('!'));
const contextSources = lines
  .filter((l) => /^COPY\s/.test(l) && !/--from=/.test(l))
  .flatMap((l) =>
    l
      .replace(/^COPY\s+(--\S+\s+)*/, '')
      .split(/\s+/)
      .slice(0, -1),
  );
for (const src of new Set(contextSources)) {
  const hit = ignored.find((p) => src === p || src.startsWith(`${p}/`));
  check(`COPY ${src} is not excluded by .dockerignore`, hit === undefined, `matched ${hit}`);
}

// The image installs with `npm ci`, which refuses a lock file that lacks other platforms' optional
// packages; npm's own dry run over package.json and the lock file alone says whether it would pass.
{
  const dir = mkdtempSync(path.join(tmpdir(), 'yishi-npm-ci-'));
  let detail = '';
  try {
    for (const f of ['package.json', 'package-lock.json'])
      copyFileSync(path.resolve(here, '..', f), path.join(dir, f));
    execFileSync('npm', ['ci', '--dry-run', '--ignore-scripts', '--no-audit', '--no-fund'], {
      cwd: dir,
      stdio: 'pipe',
      timeout: 120_000,
    });
  } catch (err) {
    detail = String(err.stderr ?? err.message)
      .split('\n')
      .filter((l) => /Missing|in sync|error/i.test(l))
      .slice(0, 4)
      .join('\n    ');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  check("npm ci accepts package-lock.json (every platform's optional packages)", !detail, detail);
}

process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exitCode = failed === 0 ? 0 : 1;
