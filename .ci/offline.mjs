// Trunk post_build step (post-build.mjs runs it after csp-hash.mjs): makes
// the built site safe to cache for offline use.
//  1. Content-hashes the PDF worker. Trunk names the page's files by their
//     hash but writes the worker as pdf_worker.js, pdf_worker_bg.wasm and
//     pdf_worker_loader.js; a page from one release could then start another
//     release's worker. They become pdf_worker-<hash>.js, pdf_worker-<hash>_bg.wasm
//     and pdf_worker_loader-<hash>.js, and index.html names the loader in
//     <meta name="caf-pdf-worker">, which the page reads.
//  2. Writes sw.js: the RELEASE line (an id, the sha256 of every file the
//     service worker caches at install, the worker files it caches on first
//     use) followed by the template public/sw.js.
//  3. Writes .gz and .br copies beside every file (precompress.mjs), last,
//     so they match what ships; they are never listed in sw.js.
// Usage: as a hook (TRUNK_STAGING_DIR), or `node .ci/offline.mjs <dir>` on a
// built site (the tests use this to make a second release). Fails the build
// when something it expects is missing, so a half-made site is never shipped.
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PRECOMPRESSED, files, precompress } from './precompress.mjs';

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('offline: give the built site as an argument, or run me as a Trunk post_build hook');
  process.exit(1);
}
const fail = (message) => {
  console.error(`offline: ${message}`);
  process.exit(1);
};

const SERVICE_WORKER = 'sw.js';
/** Council settings, edited after the build: cached, never hash-checked. */
const SETTINGS = 'local-settings.json';
const isWorkerFile = (name) => /^pdf_worker[-_.]/.test(name);
const sha256 = (bytes, encoding) => createHash('sha256').update(bytes).digest(encoding);

function hashWorker() {
  const loaderPath = join(dir, 'pdf_worker_loader.js');
  let loader;
  try {
    loader = readFileSync(loaderPath, 'utf8');
  } catch {
    return; // already hashed (a second run on a built site)
  }
  const script = './pdf_worker.js';
  const wasm = './pdf_worker_bg.wasm';
  if (!loader.includes(`"${script}"`) || !loader.includes(`"${wasm}"`)) {
    fail(`the worker loader no longer names ${script} and ${wasm}: ${loader}`);
  }
  const scriptBytes = readFileSync(join(dir, script));
  const wasmBytes = readFileSync(join(dir, wasm));
  const hash = createHash('sha256').update(scriptBytes).update(wasmBytes).digest('hex').slice(0, 16);
  const names = { script: `pdf_worker-${hash}.js`, wasm: `pdf_worker-${hash}_bg.wasm`, loader: `pdf_worker_loader-${hash}.js` };
  renameSync(join(dir, script), join(dir, names.script));
  renameSync(join(dir, wasm), join(dir, names.wasm));
  writeFileSync(join(dir, names.loader), loader.replace(`"${script}"`, `"./${names.script}"`).replace(`"${wasm}"`, `"./${names.wasm}"`));
  unlinkSync(loaderPath);

  const htmlPath = join(dir, 'index.html');
  const html = readFileSync(htmlPath, 'utf8');
  if (!html.includes('</head>')) fail('index.html has no </head>');
  const meta = `<meta name="caf-pdf-worker" content="${names.loader}" />`;
  writeFileSync(htmlPath, html.replace('</head>', `  ${meta}\n  </head>`));
}

function listFiles(root) {
  return files(root)
    .filter((path) => !PRECOMPRESSED.test(path))
    .map((path) => relative(root, path).split('\\').join('/'))
    .sort();
}

function writeServiceWorker() {
  const template = readFileSync(new URL('../public/sw.js', import.meta.url), 'utf8');
  const core = {};
  const later = [];
  const lines = [];
  for (const name of listFiles(dir)) {
    if (name === SERVICE_WORKER) continue;
    const bytes = readFileSync(join(dir, name));
    lines.push(`${name} ${sha256(bytes, 'hex')}`);
    if (isWorkerFile(name)) later.push(name);
    else core[name] = name === SETTINGS ? null : sha256(bytes, 'base64');
  }
  if (!('index.html' in core)) fail(`no index.html in ${dir}`);
  if (later.length === 0) fail(`no PDF worker files in ${dir}`);
  const release = { id: sha256(lines.join('\n'), 'hex').slice(0, 16), core, later };
  writeFileSync(join(dir, SERVICE_WORKER), `const RELEASE = ${JSON.stringify(release)};\n${template}`);
  console.error(`offline: release ${release.id}: ${Object.keys(core).length} files cached at install, ${later.length} on first use`);
}

hashWorker();
writeServiceWorker();
// Not for `trunk serve`'s debug rebuilds: brotli at its highest quality takes
// seconds on a 2-core machine, and nobody deploys a debug build.
if ((process.env.TRUNK_PROFILE ?? 'release') === 'release') {
  console.error(`offline: ${precompress(dir)} files precompressed (.gz and .br beside each)`);
}
