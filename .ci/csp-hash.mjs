// Trunk post_build step (post-build.mjs runs it first): adds the sha256 of
// every inline <script> in the staged index.html to the script-src of its
// Content-Security-Policy <meta>.
// Trunk writes one inline module script that imports the wasm-bindgen glue and
// starts the app (plus a live-reload script under `trunk serve`); a static host
// cannot give it a nonce, so the policy names its hash. Fails the build if the
// policy or script-src is missing, so an unprotected page is never shipped.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const stagingDir = process.env.TRUNK_STAGING_DIR;
if (!stagingDir) {
  console.error('csp-hash: TRUNK_STAGING_DIR is not set (run me as a Trunk post_build hook)');
  process.exit(1);
}
const htmlPath = join(stagingDir, 'index.html');
let html = readFileSync(htmlPath, 'utf8');

// Under `trunk serve` the live-reload script holds placeholders that the dev
// server fills in per request (with the Host header it was reached by), which
// would change the script after it was hashed. Fill them in here instead, with
// what Trunk itself falls back to: the page's own host, and the public URL.
let base = process.env.TRUNK_PUBLIC_URL || '/';
if (!base.endsWith('/')) base += '/';
html = html
  .replace(/(['`])\{\{__TRUNK_ADDRESS__\}\}\1/g, 'window.location.host')
  .replaceAll('{{__TRUNK_WS_BASE__}}', base);

const hashes = [];
for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
  const [, attrs, body] = m;
  if (/\bsrc\s*=/i.test(attrs) || body.length === 0) continue;
  hashes.push(`'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
}

const metaRe = /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")([^"]*)(")/i;
const meta = html.match(metaRe);
if (!meta) {
  console.error(`csp-hash: no Content-Security-Policy <meta> in ${htmlPath}`);
  process.exit(1);
}
const directives = meta[2].split(';').map((d) => d.trim()).filter(Boolean);
const idx = directives.findIndex((d) => d.split(/\s+/)[0] === 'script-src');
if (idx < 0) {
  console.error('csp-hash: the Content-Security-Policy has no script-src');
  process.exit(1);
}
const sources = new Set(directives[idx].split(/\s+/));
for (const h of hashes) sources.add(h);
directives[idx] = [...sources].join(' ');
html = html.replace(metaRe, (_, a, __, c) => a + directives.join('; ') + c);
writeFileSync(htmlPath, html);
console.error(`csp-hash: ${hashes.length} inline script(s) allowed by hash in ${htmlPath}`);
