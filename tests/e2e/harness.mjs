// Shared set-up for the end-to-end tests: serve the release bundle (dist/) on
// 127.0.0.1, drive Debian's Chromium through playwright-core (no Playwright
// browser download), and watch for what must never happen:
//   - a request to any origin other than the app's own (recorded for every
//     request in the context, and aborted by context-level routing);
//   - a Content-Security-Policy violation (`securitypolicyviolation` events);
//   - a console error or an uncaught page error.
// `app.assertClean()` fails the test on any of these; call it at the end of
// each test (or use `withPage`, which does).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.mjs';
import { startServer } from './serve.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const REPO = resolve(here, '..', '..');
export const DIST = resolve(process.env.CAF_DIST ?? join(REPO, 'dist'));
export const OUT = join(here, 'out');
export { CHROMIUM };

/** True for URLs that never leave the browser (no network request). */
function isLocalScheme(url) {
  return /^(data|about|chrome|chrome-extension|devtools):/i.test(url);
}

function originOf(url) {
  try {
    return new URL(url).origin;
  } catch {
    return 'null';
  }
}

/**
 * Starts the server and the browser. Resolves to an `app` with:
 * `origin`, `url(path)`, `newPage()`, `requests`, `foreignRequests`,
 * `cspViolations`, `errors`, `screenshot(page, name)`, `assertClean()`,
 * `stopServer()`, `startServer(dir)`, `close()`. Options: `contextOptions` for `browser.newContext`;
 * `precompressed` to serve the build's .br/.gz copies as a static host does (serve.mjs).
 */
export async function startApp({ contextOptions = {}, precompressed = false } = {}) {
  if (!existsSync(join(DIST, 'index.html'))) {
    throw new Error(`no ${join(DIST, 'index.html')}: run \`trunk build --release\` first (bash .ci/test does)`);
  }
  // What the server itself answered, path by path: a download no cache saved.
  const served = new Map();
  const onRequest = (path) => served.set(path, (served.get(path) ?? 0) + 1);
  let server = await startServer(DIST, { precompressed, onRequest });
  const { origin, port } = server;
  let browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  } catch (err) {
    await server.close();
    throw err;
  }
  const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/London', ...contextOptions });

  const requests = [];
  const foreignRequests = [];
  const cspViolations = [];
  const errors = [];

  const isForeign = (url) => !isLocalScheme(url) && originOf(url) !== origin;

  // Every request from any page or worker in the context, before it is sent.
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (isForeign(url)) {
      foreignRequests.push(`${route.request().method()} ${url} (aborted by route)`);
      await route.abort('blockedbyclient');
    } else {
      await route.continue();
    }
  });
  context.on('request', (request) => {
    const url = request.url();
    requests.push(url);
    if (isForeign(url)) foreignRequests.push(`${request.method()} ${url}`);
  });

  // CSP violations, reported straight to node (a binding is not subject to the
  // page's policy), and console output of type error.
  await context.exposeBinding('__cafReportCspViolation', (_source, v) => cspViolations.push(v));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cafReportCspViolation({
        directive: e.effectiveDirective,
        blockedURI: e.blockedURI,
        sourceFile: e.sourceFile,
        line: e.lineNumber,
        sample: e.sample,
      });
    });
  });

  const watchPage = (page) => {
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
    });
    page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
    page.on('websocket', (ws) => {
      if (originOf(ws.url().replace(/^ws/, 'http')) !== origin) foreignRequests.push(`websocket ${ws.url()}`);
    });
    page.on('worker', (worker) => {
      if (isForeign(worker.url())) foreignRequests.push(`worker ${worker.url()}`);
    });
  };
  context.on('page', watchPage);

  const app = {
    origin,
    browser,
    context,
    requests,
    foreignRequests,
    cspViolations,
    errors,
    url: (path = '/') => new URL(path, origin + '/').href,
    /** How many times the server answered requests for paths matching `pattern`. */
    servedCount: (pattern) => [...served].filter(([path]) => pattern.test(path)).reduce((n, [, count]) => n + count, 0),
    newPage: () => context.newPage(),
    async screenshot(page, name) {
      mkdirSync(OUT, { recursive: true });
      const path = join(OUT, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    assertClean() {
      assert.deepEqual(foreignRequests, [], `requests left the app's origin ${origin}`);
      assert.deepEqual(cspViolations, [], 'Content-Security-Policy violations');
      assert.deepEqual(errors, [], 'console or page errors');
    },
    /** Stops the web server: from now on the app's origin does not answer (the network is off). */
    async stopServer() {
      await server?.close();
      server = null;
    },
    /** Serves `dir` (a built site) at the same origin again: the network is back, maybe with a new release. */
    async startServer(dir = DIST) {
      await server?.close();
      server = await startServer(dir, { port, precompressed, onRequest });
    },
    async close() {
      await context.close().catch(() => {});
      await browser.close().catch(() => {});
      await server?.close();
    },
  };
  return app;
}

/** Opens a page of a fresh app, runs `fn(page, app)`, then checks the app stayed clean. */
export async function withPage(fn, options) {
  const app = await startApp(options);
  try {
    const page = await app.newPage();
    await fn(page, app);
    app.assertClean();
  } finally {
    await app.close();
  }
}

/** Polls `fn` until it returns a truthy value or `timeoutMs` passes. */
export async function eventually(fn, { timeoutMs = 5000, intervalMs = 50, message = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await fn();
    if (last) return last;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${message} (last: ${JSON.stringify(last)})`);
    await new Promise((ok) => setTimeout(ok, intervalMs));
  }
}
