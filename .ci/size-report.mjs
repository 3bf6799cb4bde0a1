// Prints the release bundle's files with raw, gzip -9 and brotli sizes (the
// precompressed .gz/.br copies beside each file, when the build wrote them),
// and totals for
// the first load (index.html and every file it names: the JS glue, the main
// wasm, the CSS, the icon, and the scripts those import), the modules
// fetched on demand (split_*.wasm: a draft's pages) and the PDF worker
// (loaded on the first print).
// Usage: node .ci/size-report.mjs [dist]. Exits non-zero when a total (gzip -9)
// is over its budget below; the figures are printed either way. Bytes are
// deterministic for a given toolchain, so a budget is a figure once reached
// plus a little room; lower it when a change makes the bundle smaller, and
// raise it only with a reason in the commit.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = resolve(process.argv[2] ?? 'dist');
const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (!/\.(gz|br)$/.test(name)) files.push(relative(dist, path));
  }
})(dist);

// <meta> tags name files without loading them (caf-pdf-worker names the
// worker's loader, started on the first Create PDF).
const html = readFileSync(join(dist, 'index.html'), 'utf8').replace(/<meta\b[^>]*>/gi, '');
// Every local file the page names: href/src attributes, and quoted paths in
// Trunk's inline loader script (which names the main wasm).
// The app fetches its settings as it starts; the service worker script is
// fetched once the page has loaded (it then fetches the files above again,
// usually from the browser's HTTP cache).
const named = new Set(['index.html', 'local-settings.json', 'sw.js']);
for (const m of html.matchAll(/(?:href|src)\s*=\s*"([^"]+)"|['"](\.?\/?[\w./-]+\.(?:js|wasm|css))['"]/g)) {
  const ref = (m[1] ?? m[2]).split(/[?#]/)[0];
  if (/^[a-z]+:/i.test(ref) || ref.startsWith('//')) continue;
  named.add(ref.replace(/^\.?\//, ''));
}
// And what those scripts import as they start (`import … from "./x.js"`):
// the page's glue imports __wasm_split-*.js, the loader of the modules
// fetched on demand (.ci/build-page.mjs).
for (let grew = true; grew; ) {
  grew = false;
  for (const file of [...named].filter((f) => f.endsWith('.js') && existsSync(join(dist, f)))) {
    for (const m of readFileSync(join(dist, file), 'utf8').matchAll(/\bfrom\s*["']\.\/([\w.-]+\.js)["']/g)) {
      if (!named.has(m[1])) {
        named.add(m[1]);
        grew = true;
      }
    }
  }
}

/** gzip -9 budgets in bytes: today's figures plus a little room, so neither grows unseen
 *  (issue 18's goals: first load 200,000, not yet met; PDF worker 450,000, met: the
 *  worker went 567,281 → 445,757 once allsorts stopped linking encoding_rs's legacy
 *  CJK decoders, vendor/allsorts-azul/CAF-LITE.md, and its budget is now the goal). The first
 *  load grew this wave (434,922 → 483,934, from the phone layout, the never-lose work
 *  and the consent truth work); bringing it down is issue 18's next step. The worker
 *  went 662,018 → 567,291 once printpdf stopped linking allsorts' WOFF2 path
 *  (vendor/printpdf/CAF-LITE.md). Issue 15's caseload pages (history and "Return to
 *  task list", where each CAF stands, the sibling CAF, retention) add 12,615 to the
 *  first load (main at e37cd31: 485,543; with them: 498,158), and the passphrase lock
 *  (issue 17: the locked store, WebCrypto calls, the unlock page and six passphrase
 *  forms) about 58,700 (485,487 → 544,150 on its own).
 *  Issue 26 split the page (.ci/build-page.mjs, src/ui/on_demand.rs): a draft's pages
 *  went into a module fetched when a draft opens, and the first load fell 556,576 →
 *  360,321 (with issue 24's remembered withdrawals back in); the draft pages' module is
 *  232,771. Both budgets are those figures plus a little room.
 *  Issue 27 (meetings) added pages and printouts that went in modules of their own
 *  (src/ui/on_demand.rs), each counted with the shared chunks the split loader fetches
 *  with it. Opening a draft ('draft pages', the former 'on demand' budget) fetches
 *  209,833, so its budget is lowered 240,000 → 215,000; reviews, meetings and the
 *  printable pages ('plan pages', new) 181,747; the drafts page's passphrase forms
 *  ('lock forms', new: moved out of the first load, which fell 372,499 → 351,763)
 *  30,098. The first load's budget is lowered 365,000 → 355,000. */
const BUDGETS = {
  'first load': 355_000,
  'draft pages': 215_000,
  'plan pages': 185_000,
  'lock forms': 32_000,
  'pdf worker': 450_000,
};

const isWorker = (f) => /(^|\/)pdf_worker[^/]*$/.test(f);
// The page's modules fetched on demand (src/ui/on_demand.rs): split_<name>-<hash>.wasm.
const isOnDemand = (f) => /(^|\/)(split|chunk)_[^/]*\.wasm$/.test(f);
const rows = files.sort().map((file) => {
  const body = readFileSync(join(dist, file));
  const group = named.has(file) ? 'first load' : isWorker(file) ? 'pdf worker' : isOnDemand(file) ? 'on demand' : 'other';
  const br = existsSync(join(dist, `${file}.br`))
    ? statSync(join(dist, `${file}.br`)).size
    : brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  return { file, raw: body.length, gz: gzipSync(body, { level: 9 }).length, br, group };
});
const precompressed = rows.filter((r) => existsSync(join(dist, `${r.file}.gz`))).length;

const fmt = (n) => n.toLocaleString('en-GB');
const width = Math.max(...rows.map((r) => r.file.length), 20);
const line = (a, b, c, e, d) => console.log(`${a.padEnd(width)}  ${b.padStart(11)}  ${c.padStart(11)}  ${e.padStart(11)}  ${d}`);
console.log(`Release bundle: ${dist} (${precompressed} of ${rows.length} files with .gz and .br copies beside them)`);
line('file', 'raw bytes', 'gzip -9', 'brotli', 'loaded');
for (const r of rows) line(r.file, fmt(r.raw), fmt(r.gz), fmt(r.br), r.group);
const totals = {};
for (const group of ['first load', 'on demand', 'pdf worker']) {
  const of = rows.filter((r) => r.group === group);
  const raw = of.reduce((a, r) => a + r.raw, 0);
  const gz = of.reduce((a, r) => a + r.gz, 0);
  const br = of.reduce((a, r) => a + r.br, 0);
  line(`TOTAL ${group} (${of.length} files)`, fmt(raw), fmt(gz), fmt(br), '');
  totals[group] = gz;
}
// What opening each on-demand part fetches: its module and the shared chunks
// the split loader names with it (`__wasm_split_load_<name> = …, [__chunk_3, …]`).
const loaderFile = rows.find((r) => /(^|\/)__wasm_split-[^/]*\.js$/.test(r.file));
const loaderText = loaderFile ? readFileSync(join(dist, loaderFile.file), 'utf8') : '';
const gzOf = (pattern) => rows.filter((r) => pattern.test(r.file)).reduce((a, r) => a + r.gz, 0);
for (const m of loaderText.matchAll(/__wasm_split_load_([a-z_]+) = [^\n]*\n(?:[^\n]*\n)*?, \[([^\]]*)\]\)/g)) {
  const [, name, deps] = m;
  const chunks = deps.split(',').map((d) => d.trim().replace(/^__/, '')).filter(Boolean);
  const group = name.replaceAll('_', ' ');
  totals[group] = gzOf(new RegExp(`(^|/)split_${name}-[^/]*\\.wasm$`)) + chunks.reduce((a, c) => a + gzOf(new RegExp(`(^|/)${c}-[^/]*\\.wasm$`)), 0);
  line(`OPENING ${group} (with ${chunks.join(', ') || 'no chunk'})`, '', fmt(totals[group]), '', '');
}
let over = false;
for (const [group, budget] of Object.entries(BUDGETS)) {
  if (totals[group] === undefined) {
    // A split build has every part; a build without the split has none.
    if (loaderText) {
      console.log(`budget ${group}: no such part in this build`);
      over = true;
    }
    continue;
  }
  const ok = totals[group] <= budget;
  over ||= !ok;
  console.log(`budget ${group}: ${fmt(totals[group])} of ${fmt(budget)} B gzip -9: ${ok ? 'within' : 'OVER BUDGET'}`);
}
const leaked = rows.filter((r) => r.group === 'first load' && isWorker(r.file));
if (leaked.length) console.log(`WARNING: index.html names PDF worker files: ${leaked.map((r) => r.file).join(', ')}`);
if (over) process.exit(1);
