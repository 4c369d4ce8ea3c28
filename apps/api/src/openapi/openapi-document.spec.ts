import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type OpenAPIObject } from '@nestjs/swagger';
import { SUMMARY_MAX_LENGTH } from '@yishi/access';
import { offlineOpenApiDocument } from './offline-document';

/**
 * The contract's rules for the OpenAPI document (http-api.md: every operation has a summary,
 * numbers are typed), checked on every route, so a new endpoint that breaks one fails here with its
 * name. `npm run lint:openapi` runs Redocly's recommended rules on the same document in CI.
 */

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
/** Routes that take no token and no input: they answer 200 or 503, never a 4xx. */
const NO_4XX = new Set(['GET /health', 'GET /metrics']);

interface Parameter {
  name: string;
  in: string;
}
interface Operation {
  summary?: string;
  parameters?: Parameter[];
  security?: Record<string, string[]>[];
  responses: Record<string, unknown>;
}
interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: unknown;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  $ref?: string;
}

function operations(document: OpenAPIObject): [string, string, Operation][] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.flatMap((m) => {
      const op = (item as Record<string, Operation | undefined>)[m];
      return op === undefined ? [] : [[`${m.toUpperCase()} ${path}`, path, op]];
    }),
  ) as [string, string, Operation][];
}

/** Where a schema says `object` and nothing else: what `number | null` without a type reflects to. */
function untypedObjects(schema: Schema | undefined, where: string): string[] {
  if (schema === undefined) return [];
  const own =
    schema.type === 'object' &&
    schema.properties === undefined &&
    schema.additionalProperties === undefined &&
    schema.allOf === undefined &&
    schema.oneOf === undefined &&
    schema.anyOf === undefined &&
    schema.$ref === undefined
      ? [where]
      : [];
  return [
    ...own,
    ...Object.entries(schema.properties ?? {}).flatMap(([k, s]) =>
      untypedObjects(s, `${where}.${k}`),
    ),
    ...untypedObjects(schema.items, `${where}[]`),
    ...[...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])].flatMap((s) =>
      untypedObjects(s, where),
    ),
  ];
}

describe('the OpenAPI document (/docs-json)', () => {
  let document: OpenAPIObject;
  let all: [string, string, Operation][];

  beforeAll(async () => {
    document = await offlineOpenApiDocument();
    all = operations(document);
  });

  it('describes the API, without any database (preview mode)', () => {
    expect(all.length).toBeGreaterThan(80);
    expect(all.map(([name]) => name)).toEqual(
      expect.arrayContaining([
        'POST /api/v1/auth/token',
        'GET /api/v1/communities/{communityId}/memberships',
        'GET /api/v1/cases/{caseId}',
      ]),
    );
  });

  it('gives every operation a short summary of its own', () => {
    const summaryOf = (op: Operation) => (op.summary ?? '').trim();
    const missing = all.filter(([, , op]) => summaryOf(op) === '').map(([n]) => n);
    expect(missing).toEqual([]);
    const long = all.filter(([, , op]) => summaryOf(op).length > SUMMARY_MAX_LENGTH);
    expect(long.map(([n]) => n)).toEqual([]);
    const byName = new Map<string, string[]>();
    for (const [name, , op] of all)
      byName.set(summaryOf(op), [...(byName.get(summaryOf(op)) ?? []), name]);
    expect([...byName.values()].filter((names) => names.length > 1)).toEqual([]);
  });

  it('declares every parameter of every path, and no other', () => {
    const wrong = all.flatMap(([name, path, op]) => {
      const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      const declared = (op.parameters ?? [])
        .filter((p) => p.in === 'path')
        .map((p) => p.name)
        .sort();
      return JSON.stringify(inPath) === JSON.stringify(declared)
        ? []
        : [`${name}: path has ${inPath.join(',')}, declared ${declared.join(',')}`];
    });
    expect(wrong).toEqual([]);
  });

  it('says of every operation whether it takes the bearer token, and a token route its 401/403', () => {
    const wrong = all.flatMap(([name, , op]) => {
      if (op.security === undefined) return [`${name}: no security`];
      if (op.security.length === 0) return [];
      const bearer = op.security.some((s) => 'bearer' in s);
      const answers = '401' in op.responses && '403' in op.responses;
      return bearer && answers ? [] : [`${name}: token without 401/403`];
    });
    expect(wrong).toEqual([]);
  });

  it('documents a 4xx answer on every operation that can give one', () => {
    const without = all
      .filter(([name, , op]) => !NO_4XX.has(name) && !Object.keys(op.responses).some(is4xx))
      .map(([n]) => n);
    expect(without).toEqual([]);
  });

  it('types every property: no bare `object` (a `number | null` reflects as one)', () => {
    const schemas = (document.components?.schemas ?? {}) as Record<string, Schema>;
    const bare = [
      ...Object.entries(schemas).flatMap(([name, s]) => untypedObjects(s, name)),
      ...all.flatMap(([name, , op]) =>
        (op.parameters ?? []).flatMap((p) =>
          untypedObjects((p as { schema?: Schema }).schema, `${name} ${p.name}`),
        ),
      ),
    ];
    expect(bare).toEqual([]);
  });
});

/** The classes declared in the source files that use @nestjs/swagger, with where. */
function swaggerClasses(dir: string): [string, string][] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : swaggerClasses(path);
    if (!/(?<!\.(spec|test))\.ts$/.test(entry.name)) return [];
    const text = readFileSync(path, 'utf8');
    if (!text.includes("from '@nestjs/swagger'")) return [];
    return [...text.matchAll(/^(?:export )?class (\w+)/gm)].map((m): [string, string] => [
      m[1] as string,
      path,
    ]);
  });
}

describe('the DTO classes', () => {
  it('have names of their own: the document keys schemas by class name, one would hide another', () => {
    const root = join(__dirname, '..', '..', '..', '..');
    const classes = ['apps', 'libs'].flatMap((d) => swaggerClasses(join(root, d)));
    const byName = new Map<string, string[]>();
    for (const [name, path] of classes)
      byName.set(name, [...(byName.get(name) ?? []), path.slice(root.length + 1)]);
    expect(classes.length).toBeGreaterThan(100);
    expect([...byName].filter(([, paths]) => paths.length > 1)).toEqual([]);
  });
});

function is4xx(status: string): boolean {
  return /^4(\d\d|XX)$/.test(status);
}
