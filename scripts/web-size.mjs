// Prints the web app's JavaScript size, raw and gzipped, and fails the build above the budget
// (issue 7: under 300 KB gzipped for the first page).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 300;
const dir = path.join(import.meta.dirname, '..', 'dist', 'web', 'assets');
let raw = 0;
let gzipped = 0;
for (const file of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
  const bytes = readFileSync(path.join(dir, file));
  raw += bytes.length;
  gzipped += gzipSync(bytes, { level: 9 }).length;
}
const kb = (n) => (n / 1024).toFixed(1);
process.stdout.write(
  `web: JavaScript ${kb(raw)} KB, ${kb(gzipped)} KB gzipped (budget ${BUDGET_KB} KB gzipped)\n`,
);
if (gzipped > BUDGET_KB * 1024) {
  process.stderr.write(`web: over the ${BUDGET_KB} KB gzipped budget\n`);
  process.exit(1);
}
