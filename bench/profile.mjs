// Where the time goes when the PDF worker renders the large CAF: a Chrome
// DevTools CPU profile of the worker itself, taken over CDP (the worker is
// attached with Target.setAutoAttach and paused until the profiler runs).
// Run by `bash bench/run --profile` after the benchmark, or by hand:
//   node bench/profile.mjs NAMED_WASM [--fixture large] [--warm N]
// NAMED_WASM is the worker's wasm as wasm-bindgen wrote it, names included
// (bench/run copies it from $CARGO_TARGET_DIR/wasm-bindgen/release/). It is
// optimised exactly as Trunk does (wasm-opt -Oz) but with -g, which keeps the
// function names, and put in place of the worker wasm in a copy of dist/.
// Writes bench/out/profile-*.cpuprofile (open them in DevTools' Performance
// panel) and prints, and writes to bench/out/profile.md, the share of each
// phase and the top functions by self time.
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CONTEXT, DIST, FIXTURES, IS_WORKER_FILE, OUT, launch, plant, startServer } from './lib.mjs';

const args = process.argv.slice(2);
const named = args[0] && !args[0].startsWith('--') ? resolve(args[0]) : null;
if (!named) throw new Error('usage: node bench/profile.mjs NAMED_WASM [--fixture large] [--warm N]');
const opt = (name, fallback) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback);
const fx = FIXTURES.find((f) => f.name === opt('fixture', 'large'));
const WARM = Number(opt('warm', 5));
const INTERVAL_US = 100;

// A copy of dist/ whose worker wasm keeps its function names.
const dist = join(OUT, 'profile-dist');
rmSync(dist, { recursive: true, force: true });
cpSync(DIST, dist, { recursive: true });
const workerWasm = readdirSync(dist).find((f) => IS_WORKER_FILE.test(f) && f.endsWith('.wasm'));
execFileSync('wasm-opt', ['-Oz', '-g', `--output=${join(dist, workerWasm)}`, named], { stdio: 'inherit' });

const server = await startServer(dist);
const browser = await launch();
const context = await browser.newContext(CONTEXT);
await context.addInitScript(plant, [fx.key, JSON.stringify({ format_version: 1, draft: fx.file.draft })]);
const page = await context.newPage();
const cdp = await context.newCDPSession(page);

// The worker's own CDP session, through the page's (not flattened, so that
// Playwright's session is left alone).
let nextId = 0;
const pending = new Map();
let toWorker = null;
const attached = new Promise((ready) => {
  cdp.on('Target.attachedToTarget', async (event) => {
    if (event.targetInfo.type !== 'worker') return;
    const sessionId = event.sessionId;
    toWorker = (method, params = {}) =>
      new Promise((ok, fail) => {
        const id = (nextId += 1);
        pending.set(id, (reply) => (reply.error ? fail(new Error(`${method}: ${reply.error.message}`)) : ok(reply.result)));
        cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
      });
    await toWorker('Profiler.enable');
    await toWorker('Profiler.setSamplingInterval', { interval: INTERVAL_US });
    await toWorker('Profiler.start');
    await toWorker('Runtime.runIfWaitingForDebugger');
    ready();
  });
});
cdp.on('Target.receivedMessageFromTarget', (event) => {
  const message = JSON.parse(event.message);
  if (message.id && pending.has(message.id)) {
    pending.get(message.id)(message);
    pending.delete(message.id);
  }
});
await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });

await page.goto(`${server.origin}/#draft/${fx.id}/check`);
const button = page.locator('#create-caf-pdf:not([disabled])');
await button.waitFor({ timeout: 60_000 });
const pdf = async () => {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 300_000 }), page.locator('#create-caf-pdf').click()]);
  await download.path();
  await button.waitFor();
};

// First PDF: worker start, wasm compile and the first render.
await pdf();
await attached;
const first = (await toWorker('Profiler.stop')).profile;
// Warm PDFs, one profile over all of them.
await toWorker('Profiler.start');
for (let i = 0; i < WARM; i += 1) await pdf();
const warm = (await toWorker('Profiler.stop')).profile;
await browser.close();
await server.close();
writeFileSync(join(OUT, `profile-${fx.name}-first.cpuprofile`), JSON.stringify(first));
writeFileSync(join(OUT, `profile-${fx.name}-warm.cpuprofile`), JSON.stringify(warm));

// ---------------------------------------------------------------- analysis

// Phases, matched on function names; a sample counts for the deepest frame
// that matches one (so deflate inside printpdf's save counts as compression).
const PHASES = [
  ['JSON: decode the request', /serde_json|RenderRequest|answer_json/],
  ['fonts: read metrics (cmap, hmtx)', /FontMetrics|FontSet::embedded/],
  ['layout: measure, wrap, paginate', /caf_lite::pdf::layout/],
  ['fonts: subset per document (allsorts)', /allsorts|FontSet::subset/],
  ['printpdf: parse the subset font', /ParsedFont::from_bytes|ttf_parser|owned_ttf/],
  ['pages to PDF operators', /caf_lite::pdf::write|with_pages|PdfPage/],
  ['printpdf: serialise (save, lopdf writer)', /printpdf::|lopdf/],
  ['compression (deflate)', /miniz_oxide|flate2|deflate|zlib|adler/i],
  ['reply: copy bytes to JS, post', /Uint8Array|post_message|__wbg_post/],
  ['wasm start (JS glue, instantiate)', /__wbg_init|__wbg_load|__wbg_finalize|initSync|importScripts/],
];
const IDLE = new Set(['(idle)', '(program)', '(garbage collector)', '(root)']);
const clean = (name) => (name || '(anonymous)').replace(/::h[0-9a-f]{16}$/, '').replace(/^\$/, '');

function analyse(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map();
  const phase = new Map();
  let busy = 0;
  let total = 0;
  const special = new Map();
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i + 1] ?? INTERVAL_US) / 1000;
    total += dt;
    const node = byId.get(id);
    const name = node.callFrame.functionName;
    if (IDLE.has(name)) {
      special.set(name, (special.get(name) ?? 0) + dt);
      if (name !== '(idle)') busy += dt;
      return;
    }
    busy += dt;
    const key = clean(name);
    self.set(key, (self.get(key) ?? 0) + dt);
    let found = 'other (code inlined into the message handler, glue)';
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const frame = clean(byId.get(at).callFrame.functionName);
      const hit = PHASES.find(([, re]) => re.test(frame));
      if (hit) {
        found = hit[0];
        break;
      }
    }
    phase.set(found, (phase.get(found) ?? 0) + dt);
  });
  for (const name of ['(program)', '(garbage collector)']) if (special.has(name)) phase.set(`${name}: V8 (compiling, GC)`, special.get(name));
  return { total, busy, idle: special.get('(idle)') ?? 0, phase, self };
}

const lines = [];
const pct = (x, of) => `${((100 * x) / of).toFixed(1)} %`;
for (const [label, profile] of [['first PDF in a fresh worker', first], [`${WARM} warm PDFs`, warm]]) {
  const a = analyse(profile);
  lines.push(`### ${fx.name} CAF, ${label}: ${Math.round(a.busy)} ms of worker CPU (${Math.round(a.idle)} ms idle left out), sampled every ${INTERVAL_US} µs`, '');
  lines.push('| phase | ms | share |', '| --- | --- | --- |');
  for (const [name, ms] of [...a.phase].sort((x, y) => y[1] - x[1])) lines.push(`| ${name} | ${Math.round(ms)} | ${pct(ms, a.busy)} |`);
  lines.push('', '| top functions by self time | ms | share |', '| --- | --- | --- |');
  for (const [name, ms] of [...a.self].sort((x, y) => y[1] - x[1]).slice(0, 15)) lines.push(`| \`${name.slice(0, 110)}\` | ${Math.round(ms)} | ${pct(ms, a.busy)} |`);
  lines.push('');
}
const report = lines.join('\n');
writeFileSync(join(OUT, 'profile.md'), report);
console.log(report);
