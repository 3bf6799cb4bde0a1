// The app loads from the release bundle, keeps what is typed across a reload,
// and never talks to another origin.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DIST, eventually, startApp, withPage } from './harness.mjs';

const CHILD_NAME = 'Siobhán Ó Briain-Łukasiewicz';

test('a name typed into the first form field is restored after a reload', () =>
  withPage(async (page, app) => {
    await page.goto(app.url('/'));
    await page.locator('#start-new').click();
    await page.locator('#task-child').click();
    // The first text box of the child's step: the given name.
    const firstField = page.locator('main input[type="text"]').first();
    await firstField.waitFor({ state: 'visible' });
    const id = await firstField.getAttribute('id');
    assert.equal(id, 'child-given_name');
    assert.equal(await firstField.getAttribute('name'), 'child.given_name');
    assert.ok((await page.locator(`label[for="${id}"]`).count()) > 0, `a <label for="${id}"> exists`);

    await firstField.fill(CHILD_NAME);
    // Autosave is debounced: wait until the stored draft holds the name.
    await eventually(
      () => page.evaluate((name) => Object.values(localStorage).some((v) => v.includes(name)), CHILD_NAME),
      { message: 'the name to reach localStorage' },
    );
    await app.screenshot(page, 'first-field-typed');

    await page.reload();
    const restored = page.locator(`[id="${id}"]`);
    await restored.waitFor({ state: 'visible' });
    await eventually(async () => (await restored.inputValue()) === CHILD_NAME, {
      message: `the field to show ${JSON.stringify(CHILD_NAME)} again`,
    });
    await app.screenshot(page, 'first-field-restored');

    // First load fetches only the page's own files, never the PDF worker.
    assert.ok(app.requests.every((url) => url.startsWith(app.origin + '/')), 'all requests are same-origin');
    assert.ok(!app.requests.some((url) => /pdf_worker/.test(url)), 'the PDF worker is not loaded on first load');
  }));

test('the built page carries a strict Content-Security-Policy with the loader hash', () => {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const csp = html.match(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i)?.[1];
  assert.ok(csp, 'dist/index.html has a CSP <meta>');
  const scriptSrc = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src '));
  assert.match(scriptSrc, /'sha256-[A-Za-z0-9+/=]+'/, 'script-src names the inline loader by hash');
  assert.doesNotMatch(csp, /unsafe-inline|'unsafe-eval'|\*|https?:/, 'no wildcard, no unsafe-inline, no remote source');
  assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'no inline event handlers');
  assert.match(html, /<meta name="referrer" content="no-referrer"/);
  assert.match(html, /<html lang="en-GB"/);
  // The service worker and the manifest name no other origin either.
  for (const file of ['sw.js', 'manifest.webmanifest']) {
    // sw.js lists each file's sha256 in base64, which may hold "//" by chance.
    const text = readFileSync(join(DIST, file), 'utf8').replace(/"[A-Za-z0-9+/]{43}="/g, '"<sha256>"');
    assert.doesNotMatch(text, /\b(?:https?:)?\/\/[a-z0-9]/i, `${file} names no address`);
  }
});

// The tripwire itself: a page that does reach for another origin is caught.
// CSP is bypassed here on purpose, so the request is attempted and the
// context's routing sees (and aborts) it.
test('the harness catches a request to another origin', async () => {
  const app = await startApp({ contextOptions: { bypassCSP: true } });
  try {
    const page = await app.newPage();
    await page.goto(app.url('/'));
    const otherOrigin = app.origin.replace(/:(\d+)$/, (_, port) => `:${Number(port) === 65535 ? 65534 : Number(port) + 1}`);
    await page.evaluate((url) => fetch(url).catch(() => null), `${otherOrigin}/tripwire`);
    assert.equal(app.foreignRequests.length > 0, true, 'a foreign request was recorded');
    assert.throws(() => app.assertClean(), /left the app's origin/);
  } finally {
    await app.close();
  }
});
