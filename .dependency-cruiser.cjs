// @ts-check
/**
 * The boundary rules of the code's shape, run by `npm run lint`:
 *   depcruise apps libs --config .dependency-cruiser.cjs
 * Type-only imports count (tsPreCompilationDeps), and so do tests: a spec is code of its lib.
 *
 * Libraries only import downward, in these tiers (a tier in parentheses is one level):
 *   domain ← (config, observability, database, event-store, messaging, projections, relay,
 *   dev-services) ← platform ← access ← registry ← identity ← notifications ← cases
 *   ← (follow-up, voting, demands) ← apps
 * Identity sits on the registry: a caller's account (GET /me) shows their memberships, and its
 * writes go to the registry's audit log. Notifications sit below cases: cases and voting deliver
 * notices.
 * Within a feature tier, siblings do not import each other either (voting never imports
 * follow-up; the demands ledger opens and attaches to cases, below it); the infrastructure tier's libraries build on one another
 * (event-store on database, relay on event-store and messaging) and may.
 */

/** @param {readonly string[]} libs */
const libs = (names) => `^libs/(${names.join('|')})/`;

const TIERS = [
  ['domain'],
  [
    'config',
    'observability',
    'database',
    'event-store',
    'messaging',
    'projections',
    'relay',
    'dev-services',
  ],
  ['platform'],
  ['access'],
  ['registry'],
  ['identity'],
  ['notifications'],
  ['cases'],
  ['follow-up', 'voting', 'demands'],
];
const INFRA = 1;

/** One rule per library: nothing from its own tier (but itself) or above. */
const downwardOnly = TIERS.flatMap((tier, level) =>
  tier.map((lib) => {
    const above = TIERS.slice(level + 1).flat();
    const siblings = level === INFRA ? [] : tier.filter((other) => other !== lib);
    return {
      name: `libs-downward-only:${lib}`,
      comment:
        `libs/${lib} imports only the tiers below it` +
        (above.length + siblings.length > 0 ? ` (not ${[...siblings, ...above].join(', ')})` : ''),
      severity: 'error',
      from: { path: `^libs/${lib}/` },
      to: { path: libs([...siblings, ...above]) },
    };
  }),
).filter((rule) => rule.to.path !== '^libs/()/');

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-pure',
      comment:
        'libs/domain is plain TypeScript: it imports only itself (no Nest, no drivers, no other lib)',
      severity: 'error',
      from: { path: '^libs/domain/', pathNot: '\\.spec\\.ts$' },
      to: { pathNot: '^libs/domain/' },
    },
    {
      name: 'domain-specs-pure',
      comment: "libs/domain's specs import the domain, fast-check and Node's builtins only",
      severity: 'error',
      from: { path: '^libs/domain/.+\\.spec\\.ts$' },
      to: { pathNot: '^(libs/domain/|node_modules/fast-check/)', dependencyTypesNot: ['core'] },
    },
    {
      name: 'apps-not-apps',
      comment:
        'an app never imports another app; only apps/platform composes the API and the worker',
      severity: 'error',
      from: { path: '^apps/(?!platform/)([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'platform-composes-api-and-worker',
      comment:
        'apps/platform (npm start) imports the API and the worker apps, nothing of the web app',
      severity: 'error',
      from: { path: '^apps/platform/' },
      to: { path: '^apps/', pathNot: '^apps/(platform|api|worker)/' },
    },
    {
      name: 'libs-not-apps',
      comment: 'a library never imports an app',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'controllers-no-drivers',
      comment:
        'a controller is thin: it talks to the buses, never to PostgreSQL, Redis, BullMQ or TypeORM',
      severity: 'error',
      from: { path: '\\.controller\\.ts$' },
      to: { path: '^node_modules/(@types/)?(pg|ioredis|bullmq|typeorm)/' },
    },
    ...downwardOnly,
  ],
  options: {
    doNotFollow: { path: '^node_modules/' },
    exclude: { path: '^dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['types', 'import', 'require', 'node', 'default'],
      mainFields: ['types', 'typings', 'main'],
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
    },
    moduleSystems: ['cjs', 'es6'],
    reporterOptions: { text: { highlightFocused: true } },
  },
};
