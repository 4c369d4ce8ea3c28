// Prints the web app's JavaScript sizes, raw and gzipped, from Vite's manifest: the first page (the
// entry chunk and everything it imports statically, what index.html loads) against the budget of
// issue 7 (300 KB gzipped), then each lazily loaded chunk (a page loaded when first opened, such
// as the statistics page with ECharts). Only the first page's size can fail the build.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 300;
const dist = path.join(import.meta.dirname, '..', 'dist', 'web');
/** @type {Record<string, {file: string, name?: string, src?: string, isEntry?: boolean, imports?: string[], dynamicImports?: string[]}>} */
const manifest = JSON.parse(readFileSync(path.join(dist, '.vite', 'manifest.json'), 'utf8'));

const sizes = new Map();
const sizeOf = (file) => {
  if (!sizes.has(file)) {
    const bytes = readFileSync(path.join(dist, file));
    sizes.set(file, { raw: bytes.length, gzipped: gzipSync(bytes, { level: 9 }).length });
  }
  return sizes.get(file);
};
/** The chunk and its static imports, transitively: what loads with it. */
const closure = (key, into = new Set()) => {
  if (into.has(key)) return into;
  into.add(key);
  for (const imported of manifest[key]?.imports ?? []) closure(imported, into);
  return into;
};
const total = (keys) =>
  [...keys].reduce(
    (sum, key) => {
      const size = sizeOf(manifest[key].file);
      return { raw: sum.raw + size.raw, gzipped: sum.gzipped + size.gzipped };
    },
    { raw: 0, gzipped: 0 },
  );
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

const entries = Object.keys(manifest).filter((key) => manifest[key].isEntry === true);
if (entries.length !== 1)
  throw new Error(`web: expected one entry in the manifest, not ${entries}`);
const firstPage = closure(entries[0]);
const first = total(firstPage);
process.stdout.write(
  `web: first page JavaScript ${kb(first.raw)}, ${kb(first.gzipped)} gzipped ` +
    `(${firstPage.size} file${firstPage.size === 1 ? '' : 's'}; budget ${BUDGET_KB} KB gzipped)\n`,
);
// Every other JavaScript chunk loads on demand: its own size, and with the lazy chunks it imports.
for (const [key, chunk] of Object.entries(manifest)) {
  if (firstPage.has(key) || !chunk.file.endsWith('.js')) continue;
  const own = sizeOf(chunk.file);
  const loads = [...closure(key)].filter((k) => !firstPage.has(k));
  const more = loads.length > 1 ? `; ${kb(total(loads).gzipped)} gzipped with its imports` : '';
  process.stdout.write(
    `web:   lazy ${chunk.src ?? chunk.name ?? key}: ${kb(own.raw)}, ${kb(own.gzipped)} gzipped${more}\n`,
  );
}
if (first.gzipped > BUDGET_KB * 1024) {
  process.stderr.write(`web: the first page is over the ${BUDGET_KB} KB gzipped budget\n`);
  process.exit(1);
}
