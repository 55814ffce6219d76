import { defineConfig, type Plugin } from 'vite';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

// The Maven build writes into the jar's classes (PARLEY_WEB_OUT); a plain `npm run build` into dist/.
const outDir = process.env.PARLEY_WEB_OUT ?? 'dist';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** Precompresses every text file (brotli and gzip) and lists the app's files for the server, which serves only those. */
function precompress(): Plugin {
  return {
    name: 'parley-precompress',
    apply: 'build',
    closeBundle() {
      const all = files(outDir).filter((f) => !f.endsWith('.gz') && !f.endsWith('.br') && !f.endsWith('parley-web-files.txt'));
      for (const file of all) {
        if (!/\.(js|css|html|svg|json|txt)$/.test(file)) continue;
        const data = readFileSync(file);
        writeFileSync(file + '.gz', gzipSync(data, { level: 9 }));
        writeFileSync(file + '.br', brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
      }
      writeFileSync(join(outDir, 'parley-web-files.txt'), all.map((f) => relative(outDir, f).split('\\').join('/')).join('\n') + '\n');
    },
  };
}

export default defineConfig({
  plugins: [precompress()],
  build: { outDir, emptyOutDir: true, target: 'es2022', sourcemap: false, modulePreload: { polyfill: false } },
  test: { environment: 'jsdom', include: ['test/**/*.test.ts', 'test/**/*.test.tsx'] },
} as never);
