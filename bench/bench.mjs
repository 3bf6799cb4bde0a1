// The benchmark behind bench/run (issue 8): one headless Chromium run against
// the release bundle (dist/) served on 127.0.0.1, printing a markdown table and
// writing it to bench/results.md (raw numbers: bench/out/results.json).
// A benchmark, not a test: nothing here asserts a time.
//
// Usage (bench/run builds dist/ and installs jsPDF first):
//   node bench/bench.mjs [--runs N] [--warmup N] [--out FILE]
//
// Every timed figure is measured inside the browser with performance.now()
// (through an init script, which the app's Content-Security-Policy does not
// apply to), so Playwright's own round trips are not in the numbers.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { BENCH as here, CONTEXT, DIST, FIXTURES, IS_WORKER_FILE, OUT, REPO, launch, plant, startServer } from './lib.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const RUNS = Number(opt('runs', process.env.BENCH_RUNS ?? 7));
const WARMUP = Number(opt('warmup', 1));
const RESULTS = resolve(opt('out', join(here, 'results.md')));

const log = (...a) => console.error('[bench]', ...a);

// ---------------------------------------------------------------- in-page instrumentation

/** Runs before any of the app's scripts in every page of a context. */
function instrument() {
  const b = (window.__bench = { startNew: undefined, workers: [], posts: [], replies: [], downloads: [], stores: [], marker: null });
  // Cold start: the moment "Start a new CAF" is in the document and enabled.
  const seen = () => {
    if (b.startNew !== undefined) return;
    const button = document.getElementById('start-new');
    if (button && !button.disabled) b.startNew = performance.now();
  };
  new MutationObserver(seen).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled'] });
  // The PDF worker: when it is created, says Ready, gets a request, replies.
  const NativeWorker = window.Worker;
  window.Worker = class BenchWorker extends NativeWorker {
    constructor(url, options) {
      super(url, options);
      const record = { url: String(url), created: performance.now(), ready: undefined };
      b.workers.push(record);
      this.addEventListener('message', (event) => {
        const now = performance.now();
        if (event.data === '"Ready"') record.ready = now;
        else b.replies.push(now);
      });
    }
    postMessage(message, ...rest) {
      b.posts.push({ at: performance.now(), json: typeof message === 'string' ? message : null });
      return super.postMessage(message, ...rest);
    }
  };
  // The download the app starts with a click on a blob: link.
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function benchClick() {
    if (this.download) b.downloads.push({ at: performance.now(), name: this.download });
    return click.call(this);
  };
  // Every stored draft: when, how long setItem took, and whether it holds the marker text.
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function benchSetItem(key, value) {
    const t0 = performance.now();
    try {
      return setItem.call(this, key, value);
    } finally {
      const t1 = performance.now();
      if (String(key).startsWith('caf.draft.')) {
        b.stores.push({ key, at: t1, setItemMs: t1 - t0, chars: String(value).length, marked: b.marker !== null && String(value).includes(b.marker) });
      }
    }
  };
}

// ---------------------------------------------------------------- statistics and formatting

const sorted = (xs) => [...xs].sort((a, b) => a - b);
function median(xs) {
  const s = sorted(xs);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
const stat = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), n: xs.length, all: xs });
const fmtMs = (s) => (s ? `${ms(s.median)} (${ms(s.min)}–${ms(s.max)})` : 'n/a');
function ms(x) {
  if (x >= 100) return `${Math.round(x).toLocaleString('en-GB')} ms`;
  if (x >= 10) return `${x.toFixed(1)} ms`;
  return `${x.toFixed(2)} ms`;
}
const fmtBytes = (n) => `${n.toLocaleString('en-GB')} B`;
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
const ratio = (a, b) => (a && b ? `${(a / b).toFixed(2)}×` : 'n/a');
const gz = (buf) => gzipSync(buf, { level: 9 }).length;

// ---------------------------------------------------------------- the run

mkdirSync(OUT, { recursive: true });
const app = await startServer(DIST);
const peerDir = join(OUT, 'peer');
rmSync(peerDir, { recursive: true, force: true });
mkdirSync(peerDir, { recursive: true });
// The peer's page: a separate origin (another port) and no CSP of the app's.
writeFileSync(join(peerDir, 'index.html'), '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>jsPDF peer</title></head><body></body></html>\n');
copyFileSync(join(here, 'node_modules/jspdf/dist/jspdf.umd.min.js'), join(peerDir, 'jspdf.umd.min.js'));
copyFileSync(join(here, 'jspdf-render.js'), join(peerDir, 'jspdf-render.js'));
copyFileSync(join(REPO, 'src/pdf/fonts/DejaVuSans.ttf'), join(peerDir, 'DejaVuSans.ttf'));
copyFileSync(join(REPO, 'src/pdf/fonts/DejaVuSans-Bold.ttf'), join(peerDir, 'DejaVuSans-Bold.ttf'));
const peer = await startServer(peerDir);

const browser = await launch();
const loadAtStart = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const results = { runs: RUNS, warmup: WARMUP, started: new Date().toISOString(), chromium: browser.version(), origin: app.origin };
const errors = [];

/** A fresh context with the instrumentation, optionally with drafts planted. */
async function freshContext(planted = []) {
  const context = await browser.newContext(CONTEXT);
  await context.addInitScript(instrument);
  for (const entry of planted) await context.addInitScript(plant, entry);
  // Only the app's own origin is ever contacted.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(app.origin) || url.startsWith(peer.origin) || /^(data|blob):/.test(url)) return route.continue();
    errors.push(`blocked a request to ${url}`);
    return route.abort('blockedbyclient');
  });
  return context;
}

const watch = (page) => page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
const repeat = async (label, fn) => {
  const out = [];
  for (let i = 0; i < WARMUP + RUNS; i += 1) {
    const value = await fn(i);
    if (i >= WARMUP) out.push(value);
    log(`${label} ${i < WARMUP ? 'warm-up' : `run ${i - WARMUP + 1}/${RUNS}`}: ${JSON.stringify(value, (k, v) => (typeof v === 'number' ? Math.round(v * 100) / 100 : v))}`);
  }
  return out;
};

// --- 0. The fixtures import through the app's own "Import a draft file", and
// what the app stores is what the later figures plant.
{
  const context = await freshContext();
  const page = await context.newPage();
  watch(page);
  await page.goto(app.url ?? `${app.origin}/`);
  for (const fx of FIXTURES) {
    await page.locator('#start-new').waitFor();
    await page.locator('#import-file').setInputFiles(fx.path);
    await page.waitForFunction((key) => localStorage.getItem(key) !== null, fx.key, { timeout: 60_000 });
    fx.stored = await page.evaluate((key) => localStorage.getItem(key), fx.key);
    fx.storedBytes = Buffer.byteLength(fx.stored, 'utf8');
    log(`imported ${fx.name}: stored ${fx.storedBytes} bytes`);
    await page.goto(`${app.origin}/`);
  }
  await context.close();
}

// --- 1 and 2. First load and cold start.
// Cold start = navigation start (performance.timeOrigin of a fresh context:
// empty cache and storage, service workers blocked) → the drafts page's
// "Start a new CAF" button is in the document and enabled (its click handler
// is attached with it). Then: click on it → the new draft's task list shows its
// first task link (#task-start): the first step is usable. First load = every
// response (page and worker, by Resource Timing) complete by then.
{
  const firstLoads = [];
  const cold = await repeat('cold start', async () => {
    const context = await freshContext();
    const page = await context.newPage();
    watch(page);
    const bodies = [];
    context.on('response', (response) => bodies.push(response.body().then((body) => ({ url: response.url(), body }), () => null)));
    await page.goto(`${app.origin}/`, { waitUntil: 'commit' });
    await page.waitForFunction(() => window.__bench.startNew !== undefined, null, { timeout: 60_000 });
    const ready = await page.evaluate(() => window.__bench.startNew);
    const newDraft = await page.evaluate(
      () =>
        new Promise((done) => {
          const t0 = performance.now();
          const check = () => {
            if (document.getElementById('task-start')) {
              observer.disconnect();
              const now = performance.now();
              done({ ms: now - t0, at: now });
            }
          };
          const observer = new MutationObserver(check);
          observer.observe(document, { childList: true, subtree: true });
          document.getElementById('start-new').click();
          check();
        }),
    );
    await page.waitForLoadState('networkidle');
    // The first step is usable once the task list shows: count what had arrived by then.
    const resources = await page.evaluate(() =>
      [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')].map((e) => ({ url: e.name, end: e.responseEnd, body: e.encodedBodySize })),
    );
    const fetched = (await Promise.all(bodies)).filter(Boolean);
    await context.close();
    // The first load is what had arrived when "Start a new CAF" became
    // usable (the size report's "first load" group); the draft's pages
    // are what arrived between then and the task list (issue 26).
    const sized = (list) =>
      list.map((r) => {
        const got = fetched.find((f) => f.url === r.url);
        return { file: new URL(r.url).pathname, raw: got ? got.body.length : r.body, gzip: got ? gz(got.body) : NaN };
      });
    const files = sized(resources.filter((r) => r.end <= ready));
    const draft = sized(resources.filter((r) => r.end > ready && r.end <= newDraft.at));
    const after = [...new Set(resources.filter((r) => r.end > newDraft.at).map((r) => new URL(r.url).pathname))];
    firstLoads.push({ files, draft, after });
    return { ready, newDraft: newDraft.ms };
  });
  results.coldStart = stat(cold.map((c) => c.ready));
  results.newDraft = stat(cold.map((c) => c.newDraft));
  const load = firstLoads[firstLoads.length - 1];
  results.firstLoad = {
    files: load.files,
    fetchedAfterReady: load.after,
    raw: load.files.reduce((a, f) => a + f.raw, 0),
    gzip: load.files.reduce((a, f) => a + f.gzip, 0),
    draft: load.draft,
    draftRaw: load.draft.reduce((a, f) => a + f.raw, 0),
    draftGzip: load.draft.reduce((a, f) => a + f.gzip, 0),
    sameInEveryRun: firstLoads.every((l) => JSON.stringify(l.files.map((f) => [f.file, f.raw])) === JSON.stringify(load.files.map((f) => [f.file, f.raw]))),
  };
}

// --- 3. Autosave: an input event in "Why this assessment is being done" →
// the draft stored in localStorage (the app waits for a pause in typing, then
// saves). Also the save itself, run at once by a visibilitychange event.
results.autosave = {};
for (const fx of FIXTURES) {
  const context = await freshContext([[fx.key, fx.stored]]);
  const page = await context.newPage();
  watch(page);
  await page.goto(`${app.origin}/#draft/${fx.id}/reason`);
  await page.locator('#reason-summary').waitFor();
  await page.waitForTimeout(1500); // let the first save after opening pass
  const size = fx.name === 'large' ? 1197 : 240;
  const edits = await repeat(`autosave ${fx.name}`, (i) =>
    page.evaluate(
      async ({ i, size }) => {
        const b = window.__bench;
        const marker = `bench-edit-${i}-${Math.random().toString(36).slice(2)}`;
        const text = `${marker} Zoë, Ελένη and Олена. `.repeat(40).slice(0, size);
        const box = document.getElementById('reason-summary');
        b.marker = marker;
        const n0 = b.stores.length;
        box.value = text;
        const t0 = performance.now();
        box.dispatchEvent(new Event('input', { bubbles: true }));
        const found = await new Promise((done) => {
          const poll = () => {
            const hit = b.stores.slice(n0).find((s) => s.marked);
            if (hit) done(hit);
            else if (performance.now() - t0 > 10_000) done(null);
            else setTimeout(poll, 2);
          };
          poll();
        });
        // The save alone: the app saves at once when the page is hidden.
        const marker2 = `${marker}-now`;
        b.marker = marker2;
        box.value = text.replace(marker, marker2);
        box.dispatchEvent(new Event('input', { bubbles: true }));
        // The app marks the draft changed in an effect, which runs after this task.
        await new Promise((done) => setTimeout(done, 20));
        const n1 = b.stores.length;
        const s0 = performance.now();
        document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
        const saveMs = performance.now() - s0;
        const now = b.stores.slice(n1).find((s) => s.marked);
        b.marker = null;
        await new Promise((done) => setTimeout(done, 1200)); // the debounced save of the second edit
        return { inputToStored: found ? found.at - t0 : NaN, saveNow: now ? saveMs : NaN, setItem: now ? now.setItemMs : NaN, chars: now ? now.chars : 0 };
      },
      { i, size },
    ),
  );
  // Steady typing: a key (one more character and an input event) every
  // 300 ms, never the pause the debounce waits for; first key → the first
  // save with the typed text, while the keys go on (at most 5 s of them).
  const steady = await repeat(`steady typing ${fx.name}`, (i) =>
    page.evaluate(async (i) => {
      const b = window.__bench;
      const marker = `bench-steady-${i}-${Math.random().toString(36).slice(2)}`;
      const box = document.getElementById('reason-summary');
      const n0 = b.stores.length;
      b.marker = marker;
      const t0 = performance.now();
      let hit = null;
      for (let k = 0; !hit && performance.now() - t0 < 5000; k += 1) {
        box.value = `${marker} ${'steady typing '.repeat(4).slice(0, k)}`;
        box.dispatchEvent(new Event('input', { bubbles: true }));
        await new Promise((done) => setTimeout(done, 300));
        hit = b.stores.slice(n0).find((s) => s.marked) ?? null;
      }
      b.marker = null;
      await new Promise((done) => setTimeout(done, 1200)); // the debounced save after the last key
      return hit ? hit.at - t0 : NaN;
    }, i),
  );
  const storedBytes = await page.evaluate((key) => new Blob([localStorage.getItem(key)]).size, fx.key);
  await context.close();
  results.autosave[fx.name] = {
    steadyTyping: stat(steady),
    inputToStored: stat(edits.map((e) => e.inputToStored)),
    saveNow: stat(edits.map((e) => e.saveNow)),
    setItem: stat(edits.map((e) => e.setItem)),
    storedBytes,
  };
}

// --- 3b. The lock (issue 17). Unlock: 20 typical drafts locked with a
// passphrase; the click on "Unlock" → the drafts page lists all 20 (key
// derivation, verifier, opening every entry). Lock: the click on "Lock now"
// → the unlock page shows. Autosave of the large draft with the lock on:
// visibilitychange → the locked entry written to localStorage (sealing is
// asynchronous, so this waits for the write), beside the same figure with
// the lock off. Times are taken in the page, from the click until the page
// shows the result.
results.lock = {};
{
  const typical = FIXTURES.find((f) => f.name === 'typical');
  const large = FIXTURES.find((f) => f.name === 'large');
  const passphrase = 'otter kettle marble';
  const planted = Array.from({ length: 20 }, (_, i) => {
    const id = `${typical.id.slice(0, -2)}${String(i).padStart(2, '0')}`;
    return [`caf.draft.${id}`, typical.stored.replaceAll(typical.id, id)];
  });
  const context = await freshContext([...planted, [large.key, large.stored]]);
  const page = await context.newPage();
  watch(page);
  // The large draft's save with the lock off first.
  const saveOf = (page) =>
    page.evaluate(async (key) => {
      const b = window.__bench;
      const box = document.getElementById('reason-summary');
      box.value = `${box.value.slice(0, 1100)} ${Math.random().toString(36).slice(2)}`;
      box.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((done) => setTimeout(done, 20));
      const n = b.stores.length;
      const t0 = performance.now();
      document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
      const hit = await new Promise((done) => {
        const poll = () => {
          const found = b.stores.slice(n).find((s) => s.key === key);
          if (found) done(found);
          else if (performance.now() - t0 > 10_000) done(null);
          else setTimeout(poll, 0);
        };
        poll();
      });
      await new Promise((done) => setTimeout(done, 1200));
      return hit ? { ms: hit.at - t0, chars: hit.chars } : { ms: NaN, chars: 0 };
    }, large.key);
  await page.goto(`${app.origin}/#draft/${large.id}/reason`);
  await page.locator('#reason-summary').waitFor();
  await page.waitForTimeout(1500);
  const off = await repeat('autosave large, lock off', () => saveOf(page));
  await page.locator('a.caf-header__name').click();
  await page.locator('#lock-start').click();
  await page.locator('#new-passphrase').fill(passphrase);
  await page.locator('#new-passphrase-again').fill(passphrase);
  const s0 = Date.now();
  await page.locator('#set-passphrase').click();
  await page.locator('#lock-now-drafts').waitFor({ timeout: 60_000 });
  results.lock.setMs = Date.now() - s0;
  // Reopened by its address: the unlock page, then the draft.
  await page.goto(`${app.origin}/#draft/${large.id}/reason`);
  await page.reload();
  await page.locator('#unlock-passphrase').fill(passphrase);
  await page.locator('#unlock').click();
  await page.locator('#reason-summary').waitFor({ timeout: 60_000 });
  await page.waitForTimeout(1500);
  const on = await repeat('autosave large, lock on', () => saveOf(page));
  await page.locator('a.caf-header__name').click();
  await page.locator('#lock-now').waitFor();
  // In characters (UTF-16 code units), as localStorage counts them.
  const sizes = await page.evaluate(() => Object.fromEntries(Object.keys(localStorage).filter((k) => k.startsWith('caf.draft.')).map((k) => [k, localStorage.getItem(k).length])));
  const unlocks = [];
  const locks = [];
  await repeat('lock, then unlock 20 typical drafts (and the large one)', async () => {
    // Timed in the page: the click, then polled until the page shows the result.
    const inPage = (button) =>
      page.evaluate(
        (button) =>
          new Promise((resolve) => {
            const done =
              button === 'lock-now'
                ? () => document.getElementById('unlock-passphrase') !== null
                : () => document.querySelectorAll('#drafts .caf-drafts__item').length === 21;
            const t0 = performance.now();
            document.getElementById(button).click();
            const poll = () => (done() ? resolve(performance.now() - t0) : setTimeout(poll, 0));
            poll();
          }),
        button,
      );
    const lockMs = await inPage('lock-now');
    await page.locator('#unlock-passphrase').fill(passphrase);
    const unlockMs = await inPage('unlock');
    locks.push(lockMs);
    unlocks.push(unlockMs);
    return { lockMs, unlockMs };
  });
  // The browser's localStorage limit, in characters of keys and values.
  results.lock.capacityChars = await page.evaluate(() => {
    localStorage.clear();
    let size = 1 << 20;
    let total = 0;
    let n = 0;
    while (size >= 1024) {
      try {
        localStorage.setItem(`fill.${n}`, 'a'.repeat(size));
        total += size + `fill.${n}`.length;
        n += 1;
      } catch {
        size = Math.floor(size / 2);
      }
    }
    localStorage.clear();
    return total;
  });
  await context.close();
  results.lock.unlock = stat(unlocks.slice(WARMUP));
  results.lock.lock = stat(locks.slice(WARMUP));
  results.lock.saveOff = stat(off.map((e) => e.ms));
  results.lock.saveOn = stat(on.map((e) => e.ms));
  results.lock.largePlain = large.stored.length;
  results.lock.largeLocked = sizes[large.key];
  results.lock.typicalPlain = typical.stored.length;
  results.lock.typicalLocked = sizes[planted[0][0]];
}

// --- 4. CAF PDF in the app: click on "Create CAF PDF" (#create-caf-pdf) on the
// check page → the download starts (the app clicks a blob: link). "First" is
// in a fresh context, so it includes fetching, compiling and starting the
// worker's wasm, which the check page begins as it opens (pressed at once
// here, so the click waits for it); "warm" is the same page again. The
// worker's own share is request posted → PDF bytes back; "engine start +
// render" is worker created (the check page opening) → PDF bytes back.
async function clickForPdf(page) {
  const [download, t] = await Promise.all([
    page.waitForEvent('download', { timeout: 300_000 }),
    page.evaluate(
      () =>
        new Promise((done) => {
          const b = window.__bench;
          const n = { downloads: b.downloads.length, posts: b.posts.length, replies: b.replies.length, workers: b.workers.length };
          const t0 = performance.now();
          document.getElementById('create-caf-pdf').click();
          const poll = () => {
            if (b.downloads.length > n.downloads) {
              const worker = b.workers[b.workers.length - 1];
              // The check page starts the worker as it opens (issue 18), so
              // the first PDF's worker may already exist at the click: it is
              // fresh when this is the page's first reply.
              const fresh = n.replies === 0 && b.workers.length > 0;
              const post = b.posts[b.posts.length - 1];
              done({
                clickToDownload: b.downloads[b.downloads.length - 1].at - t0,
                workerStart: fresh ? worker.ready - worker.created : null,
                workerToBytes: fresh ? b.replies[b.replies.length - 1] - worker.created : null,
                render: b.replies[b.replies.length - 1] - post.at,
                clickToPost: post.at - t0,
                requestChars: post.json ? post.json.length : 0,
              });
            } else setTimeout(poll, 2);
          };
          poll();
        }),
    ),
  ]);
  const path = join(OUT, `download-${Date.now()}.pdf`);
  await download.saveAs(path);
  const bytes = readFileSync(path);
  rmSync(path);
  return { ...t, bytes };
}

// The PDF worker's memory, asked of the worker itself over the DevTools
// protocol (a browser-level session attached to the worker's target): its
// wasm memory (every WebAssembly.Memory in its heap; wasm memory never
// shrinks, so after the renders it is their peak) and its JS heap in use.
async function workerMemory() {
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { targetInfos } = await cdp.send('Target.getTargets');
    const workers = targetInfos.filter((t) => t.type === 'worker' && /pdf_worker/.test(t.url));
    if (workers.length !== 1) throw new Error(`expected one PDF worker, found ${workers.length}`);
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: workers[0].targetId, flatten: false });
    let next = 0;
    const pending = new Map();
    cdp.on('Target.receivedMessageFromTarget', (e) => {
      const m = JSON.parse(e.message);
      if (!pending.has(m.id)) return;
      const { ok, fail } = pending.get(m.id);
      pending.delete(m.id);
      if (m.error) fail(new Error(`${m.error.message} (worker)`));
      else ok(m.result);
    });
    const ask = (method, params = {}) =>
      new Promise((ok, fail) => {
        next += 1;
        pending.set(next, { ok, fail });
        cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: next, method, params }) }).catch(fail);
      });
    const proto = await ask('Runtime.evaluate', { expression: 'WebAssembly.Memory.prototype' });
    const { objects } = await ask('Runtime.queryObjects', { prototypeObjectId: proto.result.objectId });
    const wasm = await ask('Runtime.callFunctionOn', {
      objectId: objects.objectId,
      functionDeclaration: 'function () { return this.reduce((sum, memory) => sum + memory.buffer.byteLength, 0); }',
      returnByValue: true,
    });
    const heap = await ask('Runtime.getHeapUsage');
    return { wasmBytes: wasm.result.value, jsHeapUsed: heap.usedSize, jsHeapTotal: heap.totalSize };
  } finally {
    await cdp.detach().catch(() => {});
  }
}

results.pdf = {};
const workerBytes = new Map();
for (const fx of FIXTURES) {
  let lastPage;
  let lastContext;
  const first = await repeat(`CAF Lite PDF ${fx.name}, first`, async (i) => {
    if (lastContext) await lastContext.close();
    const context = await freshContext([[fx.key, fx.stored]]);
    if (i === 0) context.on('response', (r) => IS_WORKER_FILE.test(r.url()) && r.body().then((b) => workerBytes.set(new URL(r.url()).pathname, b), () => {}));
    const page = await context.newPage();
    watch(page);
    await page.goto(`${app.origin}/#draft/${fx.id}/check`);
    await page.locator('#create-caf-pdf:not([disabled])').waitFor({ timeout: 60_000 });
    const r = await clickForPdf(page);
    lastPage = page;
    lastContext = context;
    return { ...r, bytes: r.bytes.length };
  });
  // The request the page posted: the Document the jsPDF peer renders too.
  const request = await lastPage.evaluate(() => window.__bench.posts[window.__bench.posts.length - 1].json);
  writeFileSync(join(OUT, `${fx.name}.request.json`), request);
  await lastPage.locator('#create-caf-pdf:not([disabled])').waitFor();
  let pdf;
  const warm = await repeat(`CAF Lite PDF ${fx.name}, warm`, async () => {
    const r = await clickForPdf(lastPage);
    pdf = r.bytes;
    await lastPage.locator('#create-caf-pdf:not([disabled])').waitFor();
    return { ...r, bytes: r.bytes.length };
  });
  const memory = await workerMemory();
  await lastContext.close();
  const pdfPath = join(OUT, `caf-lite-${fx.name}.pdf`);
  writeFileSync(pdfPath, pdf);
  results.pdf[fx.name] = {
    request,
    first: { clickToDownload: stat(first.map((r) => r.clickToDownload)), workerStart: stat(first.map((r) => r.workerStart)), workerToBytes: stat(first.map((r) => r.workerToBytes)), render: stat(first.map((r) => r.render)) },
    warm: { clickToDownload: stat(warm.map((r) => r.clickToDownload)), render: stat(warm.map((r) => r.render)), clickToPost: stat(warm.map((r) => r.clickToPost)) },
    bytes: pdf.length,
    memory,
    pdfPath,
    requestChars: request.length,
  };
}
results.workerLoad = [...workerBytes].map(([file, body]) => ({ file, raw: body.length, gzip: gz(body) }));

// --- 5. The peer: jsPDF renders the same Document (the captured request) on a
// page of its own origin. "First" = a fresh context: load jsPDF and the two
// font files, then render; "warm" = render again in that page (fonts already
// read, as CAF Lite's are compiled into its worker).
function peerFirst({ request }) {
  return new Promise((done, fail) => {
    const t0 = performance.now();
    const script = (src) =>
      new Promise((ok, bad) => {
        const s = document.createElement('script');
        s.src = src;
        s.onload = ok;
        s.onerror = () => bad(new Error(`could not load ${src}`));
        document.head.append(s);
      });
    const base64 = async (url) => {
      const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
      let text = '';
      for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
      return btoa(text);
    };
    Promise.all([script('jspdf.umd.min.js').then(() => script('jspdf-render.js')), base64('DejaVuSans.ttf'), base64('DejaVuSans-Bold.ttf')])
      .then(([, regular, bold]) => {
        window.__fonts = { regular, bold };
        const loaded = performance.now();
        const pdf = window.cafRenderWithJsPDF(request, window.__fonts);
        const t1 = performance.now();
        done({ first: t1 - t0, load: loaded - t0, render: t1 - loaded, bytes: pdf.byteLength });
      })
      .catch(fail);
  });
}
function peerWarm({ request, keep }) {
  const t0 = performance.now();
  const pdf = window.cafRenderWithJsPDF(request, window.__fonts);
  const render = performance.now() - t0;
  let b64 = null;
  if (keep) {
    const bytes = new Uint8Array(pdf);
    let text = '';
    for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    b64 = btoa(text);
  }
  return { render, bytes: pdf.byteLength, b64 };
}

results.peer = {};
for (const fx of FIXTURES) {
  const { request } = results.pdf[fx.name];
  let lastContext;
  let lastPage;
  const first = await repeat(`jsPDF ${fx.name}, first`, async () => {
    if (lastContext) await lastContext.close();
    lastContext = await freshContext();
    lastPage = await lastContext.newPage();
    watch(lastPage);
    await lastPage.goto(`${peer.origin}/index.html`);
    return lastPage.evaluate(peerFirst, { request });
  });
  let pdf;
  const warm = await repeat(`jsPDF ${fx.name}, warm`, async (i) => {
    const r = await lastPage.evaluate(peerWarm, { request, keep: i === WARMUP + RUNS - 1 });
    if (r.b64) pdf = Buffer.from(r.b64, 'base64');
    return { render: r.render, bytes: r.bytes };
  });
  await lastContext.close();
  const pdfPath = join(OUT, `jspdf-${fx.name}.pdf`);
  writeFileSync(pdfPath, pdf);
  results.peer[fx.name] = {
    first: stat(first.map((r) => r.first)),
    load: stat(first.map((r) => r.load)),
    firstRender: stat(first.map((r) => r.render)),
    warm: stat(warm.map((r) => r.render)),
    bytes: pdf.length,
    pdfPath,
  };
}
// What the peer downloads to make its first PDF: jsPDF, the layout script and
// the two font files (CAF Lite's worker has the same fonts compiled in).
const peerFiles = ['jspdf.umd.min.js', 'jspdf-render.js', 'DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) => readFileSync(join(peerDir, f)));
results.peerLoad = { raw: peerFiles.reduce((a, b) => a + b.length, 0), gzip: peerFiles.reduce((a, b) => a + gz(b), 0) };

// --- Both PDFs read back: pages, embedded fonts, and the same words.
function readBack(path) {
  const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  // name, then type, encoding, emb, sub, uni, object id: keep "type encoding emb".
  const fonts = execFileSync('pdffonts', [path], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .filter(Boolean)
    .map((l) => {
      const f = l.trim().split(/\s+/);
      return `${f.slice(1, -6).join(' ')}, ${f[f.length - 6]}, embedded ${f[f.length - 5]}`;
    });
  const text = execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8' });
  const words = text.split(/\s+/).filter((w) => w && !/^\d+$/.test(w));
  const counts = {};
  for (const f of fonts) counts[f] = (counts[f] ?? 0) + 1;
  return { pages: Number(info.match(/^Pages:\s+(\d+)/m)[1]), fonts: Object.entries(counts).map(([f, n]) => `${n} × ${f}`), words };
}
for (const fx of FIXTURES) {
  const a = readBack(results.pdf[fx.name].pdfPath);
  const b = readBack(results.peer[fx.name].pdfPath);
  const bag = (ws) => ws.slice().sort().join('\n');
  results.pdf[fx.name].pages = a.pages;
  results.pdf[fx.name].fonts = a.fonts;
  results.peer[fx.name].pages = b.pages;
  results.peer[fx.name].fonts = b.fonts;
  results.pdf[fx.name].words = a.words.length;
  results.peer[fx.name].words = b.words.length;
  results.sameWords = { ...(results.sameWords ?? {}), [fx.name]: bag(a.words) === bag(b.words) };
}

await browser.close();
await app.close();
await peer.close();
results.finished = new Date().toISOString();
results.errors = errors;

// ---------------------------------------------------------------- the table

function machine() {
  const mem = readFileSync('/proc/meminfo', 'utf8').match(/^MemTotal:\s+(\d+)/m);
  const model = readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.*)$/m)?.[1] ?? cpus()[0]?.model ?? 'unknown';
  const git = (...a) => {
    try {
      return execFileSync('git', a, { cwd: REPO, encoding: 'utf8' }).trim();
    } catch {
      return '';
    }
  };
  const dirty = git('status', '--porcelain', '--untracked-files=no') ? ' (with uncommitted changes)' : '';
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  return {
    cpus: cpus().length,
    model,
    ramGiB: mem ? (Number(mem[1]) / 1024 / 1024).toFixed(1) : (totalmem() / 2 ** 30).toFixed(1),
    commit: `${git('rev-parse', '--short=12', 'HEAD')}${dirty}`,
    node: process.version,
    load,
  };
}

const m = machine();
results.machine = m;
const P = results.pdf;
const J = results.peer;
const A = results.autosave;
const fl = results.firstLoad;
const wl = results.workerLoad;
const wlRaw = wl.reduce((a, f) => a + f.raw, 0);
const wlGz = wl.reduce((a, f) => a + f.gzip, 0);
const FX = Object.fromEntries(FIXTURES.map((f) => [f.name, f]));

const lines = [];
const row = (...cells) => lines.push(`| ${cells.join(' | ')} |`);
lines.push(`# CAF Lite benchmark`, '');
lines.push(`${results.started.slice(0, 10)} · commit ${m.commit} · ${m.cpus} cores (\`nproc\`), ${m.model}, ${m.ramGiB} GiB RAM · Chromium ${results.chromium} (headless, Debian) · Node ${m.node} · load average (1, 5, 15 min) ${loadAtStart} at the start, ${m.load} at the end (the machine is shared)`, '');
lines.push(`Made by \`bash bench/run\`. Times: median (min–max) of ${RUNS} runs after ${WARMUP} warm-up run${WARMUP === 1 ? '' : 's'}, measured in the page with \`performance.now()\`. Bytes: what the browser fetched from the release bundle served on 127.0.0.1 (\`gzip -9\` of the same bytes alongside; the bench server does not compress).`, '');
lines.push('## CAF Lite', '');
row('figure', 'value', 'notes');
row('---', '---', '---');
row('First load, raw', `${fmtBytes(fl.raw)} (${kb(fl.raw)})`, `${fl.files.length} files: ${fl.files.map((f) => `${f.file.replace(/^\//, '') || 'index.html'} ${kb(f.raw)}`).join(', ')}`);
row('First load, gzip -9', `${fmtBytes(fl.gzip)} (${kb(fl.gzip)})`, `everything fetched from navigation until "Start a new CAF" is usable${fl.sameInEveryRun ? '; the same files and sizes in every run' : ''}`);
row('A new draft\'s pages, gzip -9', `${fmtBytes(fl.draftGzip)} (${kb(fl.draftGzip)})`, `fetched after "Start a new CAF" until the task list shows: ${fl.draft.map((f) => `${f.file.replace(/^\//, '')} ${kb(f.raw)}`).join(', ') || 'nothing'}${fl.fetchedAfterReady.length ? `; fetched later, not counted: ${fl.fetchedAfterReady.join(', ')}` : ''}`);
row('PDF worker (first "Create CAF PDF"), raw', `${fmtBytes(wlRaw)} (${kb(wlRaw)})`, `${wl.length} files: ${wl.map((f) => `${f.file.replace(/^\//, '')} ${kb(f.raw)}`).join(', ')}`);
row('PDF worker, gzip -9', `${fmtBytes(wlGz)} (${kb(wlGz)})`, '');
row('Cold start: navigation → "Start a new CAF" usable', fmtMs(results.coldStart), 'fresh context (empty cache and storage, service workers blocked); the button in the document and enabled');
row('"Start a new CAF" click → task list shown', fmtMs(results.newDraft), 'same runs; until `#task-start` is in the document');
for (const name of ['typical', 'large']) {
  const a = A[name];
  row(`Autosave, ${name} draft (${kb(a.storedBytes)} stored): input event → draft in localStorage`, fmtMs(a.inputToStored), 'includes the app\'s wait for a pause in typing (debounce)');
  row(`Autosave, ${name} draft: steady typing, a key every 300 ms → first save`, fmtMs(a.steadyTyping), 'first key → the first save holding the typed text, while the keys go on (no pause for the debounce); at most 5 s of keys');
  row(`Autosave, ${name} draft: the save itself`, fmtMs(a.saveNow), `visibilitychange → saved (read back, check revision, encode, write); of which \`localStorage.setItem\` ${fmtMs(a.setItem)}`);
}
{
  const L = results.lock;
  row('Unlock, 20 typical drafts and the large one: "Unlock" → all listed', fmtMs(L.unlock), 'PBKDF2-HMAC-SHA-256 600,000 iterations, the verifier, then every entry opened (WebCrypto AES-256-GCM)');
  row('Lock: "Lock now" → the unlock page', fmtMs(L.lock), 'the open draft saved, the key and plain text forgotten');
  row('Autosave, large draft: visibilitychange → in localStorage, lock off', fmtMs(L.saveOff), '');
  row('Autosave, large draft: the same, lock on', fmtMs(L.saveOn), `sealed, then written; ${ratio(L.saveOn.median, L.saveOff.median)} the lock-off time`);
  row('Stored size in characters, locked / plain', `typical ${L.typicalLocked.toLocaleString('en-GB')} / ${L.typicalPlain.toLocaleString('en-GB')} (${ratio(L.typicalLocked, L.typicalPlain)}); large ${L.largeLocked.toLocaleString('en-GB')} / ${L.largePlain.toLocaleString('en-GB')} (${ratio(L.largeLocked, L.largePlain)})`, 'base64 of the UTF-8 ciphertext and its tag, plus the envelope: 4/3 of the UTF-8 bytes, so more for text outside ASCII');
  row('Setting the passphrase with 21 drafts', `${L.setMs.toLocaleString('en-GB')} ms`, 'one run');
  const fits = (chars) => Math.floor(L.capacityChars / chars);
  row('localStorage limit (Chromium), and how many drafts fit', `${L.capacityChars.toLocaleString('en-GB')} characters`, `typical: ${fits(L.typicalPlain)} plain, ${fits(L.typicalLocked)} locked; large: ${fits(L.largePlain)} plain, ${fits(L.largeLocked)} locked`);
}
lines.push('');
lines.push('## CAF PDF: CAF Lite (printpdf in a Web Worker, wasm) against jsPDF', '');
row('figure', 'CAF Lite', `jsPDF ${readJspdfVersion()}`, 'CAF Lite / jsPDF');
row('---', '---', '---', '---');
for (const name of ['typical', 'large']) {
  const p = P[name];
  const j = J[name];
  const label = name === 'typical' ? `typical CAF (${FX.typical.actions} actions)` : `large CAF (${FX.large.actions} actions, every text near its limit)`;
  row(`**${label}**: pages`, `${p.pages}`, `${j.pages}`, '');
  row(`${name}: PDF size`, `${fmtBytes(p.bytes)} (${kb(p.bytes)})`, `${fmtBytes(j.bytes)} (${kb(j.bytes)})`, ratio(p.bytes, j.bytes));
  row(`${name}: first PDF: engine start + render`, fmtMs(p.first.workerToBytes), fmtMs(J[name].first), ratio(p.first.workerToBytes.median, j.first.median));
  row(`${name}: ⤷ of which engine start`, fmtMs(p.first.workerStart), fmtMs(J[name].load), ratio(p.first.workerStart.median, j.load.median));
  row(`${name}: ⤷ of which the first render`, fmtMs(p.first.render), fmtMs(J[name].firstRender), ratio(p.first.render.median, j.firstRender.median));
  row(`${name}: warm render`, fmtMs(p.warm.render), fmtMs(j.warm), ratio(p.warm.render.median, j.warm.median));
  const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
  row(
    `${name}: worker memory after ${RUNS + WARMUP + 1} renders: wasm + JS heap in use`,
    `${mb(p.memory.wasmBytes + p.memory.jsHeapUsed)} (wasm ${mb(p.memory.wasmBytes)}, the peak: it never shrinks; JS heap ${mb(p.memory.jsHeapUsed)})`,
    '',
    '',
  );
  row(`${name}: click → download, first`, fmtMs(p.first.clickToDownload), '', '');
  row(`${name}: click → download, warm`, fmtMs(p.warm.clickToDownload), '', '');
}
row('Downloaded for the first PDF (code and fonts), raw', `${fmtBytes(wlRaw)} (${kb(wlRaw)})`, `${fmtBytes(results.peerLoad.raw)} (${kb(results.peerLoad.raw)})`, ratio(wlRaw, results.peerLoad.raw));
row('Downloaded for the first PDF, gzip -9', `${fmtBytes(wlGz)} (${kb(wlGz)})`, `${fmtBytes(results.peerLoad.gzip)} (${kb(results.peerLoad.gzip)})`, ratio(wlGz, results.peerLoad.gzip));
lines.push('');
lines.push('Notes:', '');
lines.push(`- **The same document.** The check page builds a \`pdf::Document\` and posts it to the worker as a \`RenderRequest\` (JSON, ${P.typical.requestChars.toLocaleString('en-GB')} and ${P.large.requestChars.toLocaleString('en-GB')} characters); the bench captures that message and hands the same JSON to \`bench/jspdf-render.js\`, which lays the model out with jsPDF (its \`getTextWidth\`/\`splitTextToSize\`, the same margins, sizes, keep-with-next rules, column widths and repeated table headers as \`src/pdf/layout.rs\`) and embeds the same DejaVu Sans files (\`src/pdf/fonts/\`, Identity-H; jsPDF subsets them to the glyphs used, as CAF Lite does). Read back with poppler (\`pdffonts\`): CAF Lite ${P.large.fonts.join('; ')}; jsPDF ${J.large.fonts.join('; ')}; the same words (pdftotext, as a sorted multiset, page numbers left out): typical ${results.sameWords.typical ? 'yes' : 'NO'}, large ${results.sameWords.large ? 'yes' : 'NO'}.`);
lines.push(`- **First PDF.** CAF Lite: worker created → PDF bytes back in the page (fetch the worker's JS and wasm, compile, start, render); "engine start" is worker created → its "Ready" message. jsPDF: a fresh page loads \`jspdf.umd.min.js\` and \`jspdf-render.js\` and fetches the two font files, then renders. Both in a fresh context (empty cache). **Warm render**: CAF Lite: request posted → PDF bytes back (JSON decode, layout, font subsetting, writing, compression, the transfer); jsPDF: the same JSON → \`output('arraybuffer')\` on the page's main thread (fonts already read as base64, as CAF Lite's are compiled into its worker). **Click → download** is what a user waits for in CAF Lite: it adds building the document from the draft on the page.`);
lines.push(`- **Pages**: the large CAF prints ${P.large.pages} pages in both, far more than the issue's guess of about 20: with every text near its limit, most of them are the delivery-plan table (${FX.large.actions} rows, each with up to 1,000 characters of action and progress and 300 of outcome in columns a fraction of the page wide) and the strengths-and-needs table (14 notes of 1,000 characters).`);
lines.push("- **Downloaded for the first PDF**: CAF Lite's worker files (its wasm holds printpdf, the layout and both fonts); for jsPDF `jspdf.umd.min.js`, `bench/jspdf-render.js` and the two font files.");
lines.push('- **Where jsPDF runs.** On its own origin (a second 127.0.0.1 port serving a blank page, `jspdf.umd.min.js`, `jspdf-render.js` and the font files from `bench/out/peer/`), in the same Chromium process as the app, because the app\'s Content-Security-Policy rightly forbids injected scripts. No CSP bypass is used.');
lines.push(`- **Autosave**: a value is set in the reason box and one \`input\` event dispatched; "→ draft in localStorage" ends when \`localStorage.setItem\` returns with the new text (timed by wrapping \`Storage.prototype.setItem\`). The app saves after a pause in typing, so this figure is mostly that deliberate wait. The large draft is the largest the app supports (${FX.large.actions} plan actions, every long text 3 characters under its limit, names in Latin Extended, Greek and Cyrillic).`);
lines.push('- **Fixtures**: `bench/fixtures/typical.caf.json` and `large.caf.json` (made by `bench/make-fixtures.mjs`), imported once through the app\'s own "Import a draft file"; later runs plant the stored draft the import produced before the app starts.');
lines.push('- **Service worker**: every context is created with `serviceWorkers: "block"`, so no offline cache answers for the network and cold figures stay cold.');
if (results.errors.length) lines.push(`- **Errors during the run**: ${results.errors.join('; ')}`);
lines.push('');
const table = lines.join('\n');
writeFileSync(RESULTS, table);
writeFileSync(join(OUT, 'results.json'), JSON.stringify({ ...results, pdf: Object.fromEntries(Object.entries(results.pdf).map(([k, v]) => [k, { ...v, request: undefined }])) }, null, 1));
console.log(table);
log(`wrote ${RESULTS} and ${join(OUT, 'results.json')}`);

function readJspdfVersion() {
  try {
    return JSON.parse(readFileSync(join(here, 'node_modules/jspdf/package.json'), 'utf8')).version;
  } catch {
    return '';
  }
}
