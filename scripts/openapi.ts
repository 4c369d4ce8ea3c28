/**
 * Writes the OpenAPI document that /docs-json serves, without PostgreSQL or Redis (see
 * offlineOpenApiDocument). Used by `npm run lint:openapi` and `npm run gen:api-types`, on the build,
 * whose decorator metadata is the production one.
 *
 *   node dist/scripts/openapi.js <out.json>
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { offlineOpenApiDocument } from '../apps/api/src/openapi/offline-document';

async function main(out: string | undefined): Promise<void> {
  if (out === undefined) throw new Error('usage: node dist/scripts/openapi.js <out.json>');
  const document = await offlineOpenApiDocument();
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(document, null, 2)}\n`);
}

main(process.argv[2]).catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
