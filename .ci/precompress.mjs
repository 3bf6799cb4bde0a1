// Writes a precompressed copy beside each file of a built site: name.gz
// (gzip -9) and name.br (brotli, quality 11), for hosts that serve such files
// as they are (nginx `gzip_static` / `brotli_static`, many CDNs and static
// hosts). Hosts that compress on the fly ignore them. Called by offline.mjs,
// last, so the copies always match the files as shipped; any earlier copies
// are removed first (a second run on a built site, as the tests do).
// local-settings.json is left alone: councils edit it after the build, and a
// stale compressed copy would be served instead of their edit.
// Usage: `node .ci/precompress.mjs <dir>`, or import { precompress }.
import { readFileSync, readdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export const PRECOMPRESSED = /\.(gz|br)$/;
/** Files left uncompressed: edited after the build, or compressed already. */
const LEAVE = (name) => name === 'local-settings.json' || /\.(png|jpe?g|gif|webp|woff2?)$/i.test(name);

/** Every file below `dir` (full paths). */
export function files(dir) {
  const out = [];
  (function walk(d) {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(path);
    }
  })(dir);
  return out;
}

export function precompress(dir) {
  for (const path of files(dir).filter((p) => PRECOMPRESSED.test(p))) unlinkSync(path);
  let count = 0;
  for (const path of files(dir)) {
    const name = path.slice(path.lastIndexOf('/') + 1);
    if (LEAVE(name)) continue;
    const body = readFileSync(path);
    writeFileSync(`${path}.gz`, gzipSync(body, { level: 9 }));
    writeFileSync(
      `${path}.br`,
      brotliCompressSync(body, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      }),
    );
    count += 1;
  }
  return count;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('precompress: give the built site as an argument');
    process.exit(1);
  }
  console.error(`precompress: ${precompress(dir)} files, each with .gz and .br beside it`);
}
