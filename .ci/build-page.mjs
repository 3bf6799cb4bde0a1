// Trunk pre_build hook: builds the page's wasm (the `caf-lite` binary) into
// target/page/, which index.html pulls in (copy-dir of target/page/files,
// and the loader target/page/load.html inlined). Trunk's own rust pipeline
// still builds the PDF worker; it cannot split a module, so the page is
// built here.
//
// Release (`trunk build --release`), the page in parts:
//  1. cargo rustc --features split, linked with --emit-relocs so the
//     splitter can move code;
//  2. wasm-split-cli (wasm_split_cli_support, pinned in .ci/setup): the
//     first module, one module per `wasm_split` name (src/ui/on_demand.rs)
//     and __wasm_split.js, which fetches those modules on demand;
//  3. wasm-bindgen on the first module only (--keep-lld-exports: the
//     modules loaded later link to its functions and memory);
//  4. wasm-opt -Oz on every module, two at a time;
//  5. every file named with one hash of the whole page's bytes, and the
//     names inside the files rewritten to match, so a file can be cached
//     for ever and a tab of one release never loads another's module.
// Debug (`trunk serve`): one module, no wasm-opt, the same naming.
// CAF_SPLIT=0 builds a release page in one module (to compare sizes).
//
// Fails the build when a tool fails or a name it rewrites is missing, so a
// half-made page is never shipped.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(process.env.TRUNK_SOURCE_DIR ?? fileURLToPath(new URL('..', import.meta.url)));
const release = (process.env.TRUNK_PROFILE ?? 'release') === 'release';
const split = release && process.env.CAF_SPLIT !== '0';
const targetDir = process.env.CARGO_TARGET_DIR ?? join(repo, 'target');
const out = join(repo, 'target', 'page');
const files = join(out, 'files');
const work = join(out, 'work');
const NAME = 'caf-lite';

const fail = (message) => {
  console.error(`build-page: ${message}`);
  process.exit(1);
};
const run = (command, args) => {
  try {
    execFileSync(command, args, { stdio: 'inherit', cwd: repo });
  } catch {
    fail(`${command} ${args.join(' ')} failed`);
  }
};
const runAsync = (command, args) =>
  new Promise((done, failed) => {
    const child = spawn(command, args, { stdio: 'inherit', cwd: repo });
    child.on('error', failed);
    child.on('exit', (code) => (code === 0 ? done() : failed(new Error(`${command} exited ${code}`))));
  });

rmSync(out, { recursive: true, force: true });
mkdirSync(files, { recursive: true });
mkdirSync(work, { recursive: true });

// 1. cargo. TRUNK_BUILD_LOCKED is set by .ci/setup in CI: Cargo.lock must be current.
const cargo = ['--target', 'wasm32-unknown-unknown', '--bin', NAME, '--no-default-features'];
if (release) cargo.push('--release');
if (process.env.TRUNK_BUILD_LOCKED === 'true') cargo.push('--locked');
if (split) run('cargo', ['rustc', ...cargo, '--features', 'split', '--', '-C', 'link-arg=--emit-relocs']);
else run('cargo', ['build', ...cargo]);
const built = join(targetDir, 'wasm32-unknown-unknown', release ? 'release' : 'debug', `${NAME}.wasm`);

// 2, 3. Split, then wasm-bindgen on the first module.
let first = built;
if (split) {
  run('wasm-split-cli', ['--target', 'web', '--out-name', NAME, built, work]);
  first = join(work, `${NAME}.wasm`);
}
const bindgen = ['--target', 'web', '--no-typescript', '--out-dir', work, '--out-name', NAME];
if (split) bindgen.push('--keep-lld-exports');
run('wasm-bindgen', [...bindgen, first]);
rmSync(join(work, `${NAME}.wasm`), { force: true });

// 4. wasm-opt on every module, two at a time (two cores).
const modules = readdirSync(work).filter((name) => name.endsWith('.wasm'));
if (release) {
  const queue = [...modules];
  const worker = async () => {
    for (let name = queue.shift(); name; name = queue.shift()) {
      await runAsync('wasm-opt', ['-Oz', join(work, name), '-o', join(work, name)]);
    }
  };
  try {
    await Promise.all([worker(), worker()]);
  } catch (err) {
    fail(`wasm-opt: ${err.message}`);
  }
}

// 5. One hash of every byte of the page's files names them all.
const names = readdirSync(work, { withFileTypes: true }).map((entry) => {
  // wasm-bindgen writes snippets/ for a crate's inline JS: none today.
  if (!entry.isFile()) fail(`wasm-bindgen wrote ${entry.name}/, which this script does not name`);
  return entry.name;
}).sort();
const hash = createHash('sha256');
for (const name of names) hash.update(name).update(readFileSync(join(work, name)));
const h = hash.digest('hex').slice(0, 16);
const hashed = (name) => name.replace(/^([^.]*?)(_bg)?\.(js|wasm)$/, `$1-${h}$2.$3`);
const rewrite = (text, file) => {
  let result = text;
  for (const name of names) {
    // A quoted file name, but not an object key: wasm-bindgen's imports
    // object names the module by the name inside the wasm ("./__wasm_split.js": …).
    const quoted = new RegExp(`(["'])(\\./)?${name.replace(/[.]/g, '\\.')}\\1(?!\\s*:)`, 'g');
    result = result.replace(quoted, (_, q, dot) => `${q}${dot ?? ''}${hashed(name)}${q}`);
  }
  // What must be left: no file named without its hash (wasm-bindgen's
  // imports-object key is the name inside the wasm, not a file to fetch).
  const rest = result.replaceAll(`"./__wasm_split.js":`, '');
  for (const name of names) if (rest.includes(name)) fail(`${file} still names ${name} without its hash`);
  return result;
};
for (const name of names) if (hashed(name) === name) fail(`${name} does not take a hash: rename it in hashed()`);
for (const name of names) {
  const path = join(work, name);
  if (name.endsWith('.js')) writeFileSync(join(files, hashed(name)), rewrite(readFileSync(path, 'utf8'), name));
  else renameSync(path, join(files, hashed(name)));
}
const js = hashed(`${NAME}.js`);
const wasm = hashed(`${NAME}_bg.wasm`);
const loader = hashed('__wasm_split.js');
for (const needed of split ? [js, wasm, loader] : [js, wasm]) {
  if (!readdirSync(files).includes(needed)) fail(`${needed} was not made`);
}
// Every module but the first is fetched by the split loader, by its hashed name.
if (split) {
  const loaderText = readFileSync(join(files, loader), 'utf8');
  for (const name of names.filter((n) => n.endsWith('.wasm') && n !== `${NAME}_bg.wasm`)) {
    if (!loaderText.includes(`"./${hashed(name)}"`)) fail(`${loader} does not fetch ${hashed(name)}`);
  }
}

// The loader, inlined into index.html by Trunk (and allowed by its hash,
// .ci/csp-hash.mjs): what Trunk writes for its own rust pipeline, with the
// same TrunkApplicationStarted event, which index.html's fallback listens to.
writeFileSync(
  join(out, 'load.html'),
  `<link rel="modulepreload" href="./${js}" />
${split ? `<link rel="modulepreload" href="./${loader}" />\n` : ''}<link rel="preload" href="./${wasm}" as="fetch" type="application/wasm" crossorigin="anonymous" />
<script type="module">
import init from './${js}';
const wasm = await init({ module_or_path: './${wasm}' });
dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
</script>
`,
);
rmSync(work, { recursive: true, force: true });
console.error(`build-page: ${split ? 'split' : 'one module'}, ${readdirSync(files).join(', ')}`);
