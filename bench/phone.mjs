// Phone-profile rows for bench/run (issue 18): the release bundle served as a
// static host serves it (its precompressed .gz or .br copies, or nothing
// compressed), through a link like Lighthouse's mobile profile: 150 ms round
// trip and 1.6 Mbit/s down, shared by every request, with the page's CPU
// slowed 4× through the DevTools protocol (Emulation.setCPUThrottlingRate).
// A benchmark, not a test: nothing here asserts a time.
//
// What it measures (median, min–max of --runs, default 3):
//  - first visit: navigation → "Start a new CAF" in the page and enabled, in
//    a fresh context (empty cache), for a gzip, a brotli and an uncompressed host;
//  - first visit → a new draft's task list: "Start a new CAF" pressed at
//    once (gzip host), its module fetched on demand;
//  - repeat visit: the same, once the service worker has cached the app;
//  - first PDF: "Create CAF PDF" pressed 10 s after the check page opened
//    (the PDF maker not cached before) → the download starts; and pressed as
//    soon as the button shows, so the PDF maker's download is in the time.
// Not modelled: connection set-up (TCP and TLS add round trips per
// connection on a real phone) and TCP slow start, so the figures are a
// lower bound for a first visit.
// Limits, written down: the CPU slow-down applies to the page's own thread;
// the PDF worker is a thread of its own and runs at this machine's speed, so
// the first-PDF row understates a phone's time to render (its download,
// which dominates, is throttled like everything else).
//
// Usage: node bench/phone.mjs [--runs N]  (bench/run builds dist/ and runs it)
// Writes bench/out/phone.json and prints a markdown section on stdout.
import { request as httpRequest, createServer } from 'node:http';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTEXT, DIST, OUT, launch, startServer } from './lib.mjs';

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const RUNS = Number(runsAt >= 0 ? args[runsAt + 1] : process.env.BENCH_PHONE_RUNS ?? 3);
const log = (...a) => console.error('[bench phone]', ...a);

/** The phone profile. */
const RTT_MS = 150;
const DOWN_BYTES_PER_S = 1_600_000 / 8;
const CPU_SLOWDOWN = 4;

/**
 * A proxy in front of the static server that adds a round trip before each
 * response and sends every response body through one shared link of
 * DOWN_BYTES_PER_S, in 8 KiB slices, so parallel requests share the bandwidth
 * as they do on a phone. `encoding` is what the host sends: 'gzip', 'br' or
 * 'identity' (the browser's Accept-Encoding is replaced by it).
 */
async function throttledHost(inner, encoding) {
  let linkFreeAt = 0;
  const server = createServer((req, res) => {
    const headers = { ...req.headers, 'accept-encoding': encoding };
    setTimeout(() => {
      const upstream = httpRequest(`${inner.origin}${req.url}`, { method: req.method, headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        const slices = [];
        answer.on('data', (chunk) => {
          for (let i = 0; i < chunk.length; i += 8192) slices.push(chunk.subarray(i, i + 8192));
        });
        answer.on('end', () => {
          const send = () => {
            const slice = slices.shift();
            if (!slice) return res.end();
            const now = performance.now();
            const start = Math.max(now, linkFreeAt);
            linkFreeAt = start + (slice.length / DOWN_BYTES_PER_S) * 1000;
            setTimeout(() => {
              res.write(slice);
              send();
            }, linkFreeAt - now);
          };
          send();
        });
      });
      upstream.on('error', (err) => res.writeHead(502).end(String(err)));
      req.pipe(upstream);
    }, RTT_MS);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((ok) => { server.closeAllConnections?.(); server.close(ok); }) };
}

/** In every page: when "Start a new CAF" is there and enabled, and when a download starts. */
function instrument() {
  const b = (window.__phone = { startNew: undefined, taskStart: undefined, downloads: [] });
  const seen = () => {
    const button = document.getElementById('start-new');
    if (b.startNew === undefined && button && !button.disabled) b.startNew = performance.now();
    if (b.taskStart === undefined && document.getElementById('task-start')) b.taskStart = performance.now();
  };
  new MutationObserver(seen).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled'] });
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function phoneClick() {
    if (this.download) b.downloads.push(performance.now());
    return click.call(this);
  };
}

async function phonePage(context) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  return page;
}

const startNewAt = (page) => page.waitForFunction(() => window.__phone.startNew, null, { timeout: 120_000 }).then((h) => h.jsonValue());

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const stat = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), all: xs });
const secs = (x) => `${(x / 1000).toFixed(2)} s`;
const fmt = (s) => `${secs(s.median)} (${secs(s.min)}–${secs(s.max)})`;

const typical = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'typical.caf.json'), 'utf8')).draft;
const stored = JSON.stringify({ format_version: 1, write_token: '', draft: typical });

// As the README says a host should: precompressed copies, files named by
// their hash cached for ever, the rest revalidated.
const inner = await startServer(DIST, { precompressed: true, cacheHashed: true });
const browser = await launch();
const results = { runs: RUNS, profile: { rttMs: RTT_MS, downBytesPerS: DOWN_BYTES_PER_S, cpuSlowdown: CPU_SLOWDOWN } };
try {
  for (const encoding of ['gzip', 'br', 'identity']) {
    const host = await throttledHost(inner, encoding);
    const first = [];
    const firstDraft = [];
    const repeat = [];
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ ...CONTEXT, serviceWorkers: 'allow' });
      await context.addInitScript(instrument);
      const page = await phonePage(context);
      await page.goto(`${host.origin}/`);
      first.push(await startNewAt(page));
      if (encoding === 'gzip') {
        // At once: "Start a new CAF" → the new draft's task list, its
        // module fetched on demand (issue 26), beside the service worker's install.
        await page.locator('#start-new').click();
        await page.locator('#task-start').waitFor({ timeout: 120_000 });
        firstDraft.push(await page.evaluate(() => window.__phone.taskStart));
        // The service worker installs and caches the app; then the next visit.
        await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 120_000 });
        await page.waitForFunction(async () => (await caches.keys()).length > 0 && (await (await caches.open((await caches.keys())[0])).keys()).length > 5, null, { timeout: 120_000 });
        await page.goto(`${host.origin}/`);
        repeat.push(await startNewAt(page));
      }
      await context.close();
    }
    results[`firstVisit_${encoding}`] = stat(first);
    if (repeat.length) results.repeatVisit = stat(repeat);
    if (firstDraft.length) results.firstDraft = stat(firstDraft);
    log(`first visit, ${encoding} host: ${fmt(stat(first))}`);
    if (encoding === 'gzip') {
      for (const [name, waitMs] of [['firstPdf', 10_000], ['firstPdfAtOnce', 0]]) {
        const pdf = [];
        for (let run = 0; run < RUNS; run++) {
          const context = await browser.newContext({ ...CONTEXT, serviceWorkers: 'block' });
          await context.addInitScript(instrument);
          await context.addInitScript(([key, value]) => localStorage.getItem(key) ?? localStorage.setItem(key, value), [`caf.draft.${typical.id}`, stored]);
          const page = await phonePage(context);
          await page.goto(`${host.origin}/#draft/${typical.id}/check`);
          await page.locator('#create-caf-pdf').waitFor({ timeout: 120_000 });
          if (waitMs) await page.waitForTimeout(waitMs);
          const pressed = await page.evaluate(() => performance.now());
          await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.locator('#create-caf-pdf').click()]);
          const downloaded = await page.evaluate(() => window.__phone.downloads.at(-1));
          pdf.push(downloaded - pressed);
          await context.close();
        }
        results[name] = stat(pdf);
        log(`${name}: ${fmt(results[name])}`);
      }
    }
    await host.close();
  }
} finally {
  await browser.close();
  await inner.close();
}

mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, 'phone.json'), JSON.stringify(results, null, 2));
const rows = [
  ['First visit, gzip host: navigation → "Start a new CAF" usable', fmt(results.firstVisit_gzip), '≤ 2.0 s'],
  ['First visit, gzip host: navigation → a new draft\'s task list (its first step usable), "Start a new CAF" pressed at once', fmt(results.firstDraft), '≤ 2.5 s'],
  ['First visit, brotli host', fmt(results.firstVisit_br), ''],
  ['First visit, host that does not compress', fmt(results.firstVisit_identity), ''],
  ['Repeat visit (service worker), gzip host', fmt(results.repeatVisit), '≤ 1.0 s'],
  ['First "Create CAF PDF" → download, 10 s after the check page opened, PDF maker not cached before', fmt(results.firstPdf), '≤ 3 s'],
  ['First "Create CAF PDF" → download, pressed as soon as the check page shows', fmt(results.firstPdfAtOnce), ''],
];
const out = [
  '',
  '## Phone profile',
  '',
  `Made by \`bash bench/run\` (bench/phone.mjs): ${RTT_MS} ms round trip and ${(DOWN_BYTES_PER_S * 8 / 1e6).toFixed(1)} Mbit/s down, one link shared by every request, served by a proxy in front of the release bundle that sends its precompressed copies (or nothing compressed), with files named by their hash cacheable for ever and the rest revalidated, as the README asks of a host; the page's CPU slowed ${CPU_SLOWDOWN}× (DevTools \`Emulation.setCPUThrottlingRate\`; the PDF worker's thread is not slowed, so its render time is this machine's). No connection set-up or TCP slow start is modelled, so first visits are a lower bound. Median (min–max) of ${RUNS} runs, each in a fresh context.`,
  '',
  '| figure | CAF Lite | goal (issue 18) |',
  '|---|---|---|',
  ...rows.map((r) => `| ${r.join(' | ')} |`),
  '',
];
console.log(out.join('\n'));
