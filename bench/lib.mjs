// What bench/bench.mjs and bench/profile.mjs share: where things are, how
// Chromium is started (as the end-to-end tests start it), and the context
// options every measurement uses.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const BENCH = dirname(fileURLToPath(import.meta.url));
export const REPO = resolve(BENCH, '..');
export const DIST = resolve(process.env.CAF_DIST ?? join(REPO, 'dist'));
export const OUT = join(BENCH, 'out');

// playwright-core and the static server of the end-to-end tests (tests/e2e).
export const { chromium } = await import(pathToFileURL(join(REPO, 'tests/e2e/node_modules/playwright-core/index.mjs')).href);
export const { startServer } = await import(pathToFileURL(join(REPO, 'tests/e2e/serve.mjs')).href);

// Chromium and its flags, as the end-to-end tests start it (tests/e2e/chromium.mjs).
export const { CHROMIUM, CHROMIUM_ARGS } = await import(pathToFileURL(join(REPO, 'tests/e2e/chromium.mjs')).href);

// A fresh context per cold figure: empty HTTP cache and storage. Service workers
// are blocked so an offline cache can never answer for the network.
export const CONTEXT = { locale: 'en-GB', timezoneId: 'Europe/London', serviceWorkers: 'block', acceptDownloads: true };

/** Worker files in dist/, whatever their (hashed) names. */
export const IS_WORKER_FILE = /pdf_worker/;

/** The two fixtures: draft files in bench/fixtures/. */
export const FIXTURES = ['typical', 'large'].map((name) => {
  const path = join(BENCH, 'fixtures', `${name}.caf.json`);
  const file = JSON.parse(readFileSync(path, 'utf8'));
  return { name, path, file, id: file.draft.id, key: `caf.draft.${file.draft.id}`, actions: file.draft.data.plan?.actions?.length ?? 0 };
});

/** Puts a stored draft in localStorage before the app starts (an init script; once per context). */
export function plant([key, value]) {
  if (localStorage.getItem(key) === null) localStorage.setItem(key, value);
}

// BENCH_CHROMIUM_ARGS adds flags for an experiment, e.g. '--js-flags=--no-liftoff'.
const EXTRA_ARGS = (process.env.BENCH_CHROMIUM_ARGS ?? '').split(' ').filter(Boolean);
export const launch = () => chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS, ...EXTRA_ARGS] });
