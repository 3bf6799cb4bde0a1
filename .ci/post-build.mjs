// Trunk post_build hook: the two steps that edit the staged site, in order.
//  1. csp-hash.mjs allows Trunk's inline loader script by its hash, in
//     index.html's Content-Security-Policy;
//  2. offline.mjs content-hashes the PDF worker (naming it in index.html),
//     writes sw.js with the sha256 of every file it caches, index.html
//     included, then writes the .gz/.br copies.
// They are one hook because Trunk starts all the hooks of a stage at once and
// waits for them together: as two hooks, offline.mjs could hash index.html
// before csp-hash.mjs rewrote it, and every browser would then refuse to
// install that release's service worker (seen in CI: the app never worked
// offline, while a copy re-hashed by the tests did).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The skipped main rust link (index.html) stays in Trunk's output: drop it.
if (!process.env.TRUNK_STAGING_DIR) {
  console.error('post-build: TRUNK_STAGING_DIR is not set (run me as a Trunk post_build hook)');
  process.exit(1);
}
const html = join(process.env.TRUNK_STAGING_DIR, 'index.html');
writeFileSync(html, readFileSync(html, 'utf8').replace(/\s*<link\b[^>]*\bdata-trunk-skip\b[^>]*>/g, ''));

for (const step of ['csp-hash.mjs', 'offline.mjs']) {
  execFileSync(process.execPath, [fileURLToPath(new URL(step, import.meta.url))], { stdio: 'inherit' });
}
