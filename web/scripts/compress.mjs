// After `vite build`: stores a brotli (.br, quality 11) and a gzip (.gz, level 9) copy beside
// every text file of dist/ of 1 KiB or more, which the C++ server sends by the request's
// Accept-Encoding (src/http/static_files.cpp). Prints what it saved.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = resolve(import.meta.dirname, '..', 'dist');
const TEXT = /\.(js|css|html|svg|json|txt|ico)$/;
let plain = 0;
let br = 0;
let files = 0;
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      walk(path);
      continue;
    }
    if (!TEXT.test(name)) continue;
    const data = readFileSync(path);
    if (data.length < 1024) continue;
    const b = brotliCompressSync(data, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
    });
    writeFileSync(path + '.br', b);
    writeFileSync(path + '.gz', gzipSync(data, { level: 9 }));
    plain += data.length;
    br += b.length;
    files += 1;
  }
}
walk(dist);
console.log(`compressed ${files} files: ${(plain / 1024).toFixed(1)} kB → ${(br / 1024).toFixed(1)} kB brotli`);
