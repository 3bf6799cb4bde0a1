// How every browser here is started: Debian's Chromium (no Playwright browser
// download) with these flags, by the end-to-end tests (harness.mjs) and the
// benchmarks (bench/lib.mjs) alike.
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

// stack-notes §6.2, plus --no-sandbox because CI runs as root.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-extensions',
  '--disable-default-apps',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-quic',
];
