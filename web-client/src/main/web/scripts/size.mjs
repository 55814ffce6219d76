// Measures the JavaScript of the app's first load (the scripts index.html loads, and what they preload), compressed
// with gzip and brotli as the server sends them, and fails the build above the budget.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const BUDGET = 300 * 1024;
const outDir = process.env.PARLEY_WEB_OUT ?? 'dist';
const html = readFileSync(join(outDir, 'index.html'), 'utf8');
const scripts = [...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="\/?([^"]+\.js)"/g)].map((m) => m[1]);
if (scripts.length === 0) {
  console.error('size: index.html loads no script');
  process.exit(1);
}
let raw = 0, gz = 0, br = 0;
for (const s of scripts) {
  raw += readFileSync(join(outDir, s)).length;
  gz += existsSync(join(outDir, s + '.gz')) ? readFileSync(join(outDir, s + '.gz')).length : Infinity;
  br += existsSync(join(outDir, s + '.br')) ? readFileSync(join(outDir, s + '.br')).length : Infinity;
}
const kb = (n) => (n / 1024).toFixed(1) + ' KB';
console.log(`web-client first-load JS: ${kb(raw)} raw, ${kb(gz)} gzip, ${kb(br)} brotli (budget ${kb(BUDGET)} compressed)`);
if (gz > BUDGET) {
  console.error('size: the first load is over budget');
  process.exit(1);
}
