// The page in parts (issue 26): the first screen comes without the draft
// pages' module, which is fetched when a draft opens; a module that does not
// arrive says so with "Try again", and nothing typed is lost; on a slow link
// the step heading still gets focus once the page arrives; a tab left open
// across a new release never loads a module of another build.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { DIST, REPO, eventually, withPage } from './harness.mjs';

const MODULE = /\/split_draft_pages-[0-9a-f]{16}\.wasm$/;
const moduleRequests = (app) => app.requests.filter((url) => MODULE.test(new URL(url).pathname));
// Reviews, meetings and the printable pages: a module of their own.
const PLAN_MODULE = /\/split_plan_pages-[0-9a-f]{16}\.wasm$/;
const planModuleRequests = (app) => app.requests.filter((url) => PLAN_MODULE.test(new URL(url).pathname));

/** A draft with a name typed and stored; resolves to its id. */
async function draftWithName(page, app, name) {
  await page.goto(app.url('/'));
  await page.locator('#start-new').click();
  await page.locator('#task-child').click();
  await page.locator('#child-given_name').fill(name);
  const id = (await page.evaluate(() => location.hash)).split('/')[1];
  await page.waitForFunction(([key, text]) => (localStorage.getItem(key) ?? '').includes(text), [`caf.draft.${id}`, name]);
  return id;
}

/** Removes from `app.errors` what a refused module request logs, and fails on anything else. */
function expectModuleFailureErrors(app) {
  const unexpected = app.errors.filter((e) => !/Failed to load resource|split module|Failed to fetch|instantiateStreaming|HTTP status|404/i.test(e));
  assert.deepEqual(unexpected, [], 'only the refused module request is logged');
  app.errors.splice(0);
}

// Without a service worker, so that its precache (which fetches every
// module after the first screen) does not count.
const noServiceWorker = { contextOptions: { serviceWorkers: 'block' } };

test('the first screen loads without the draft pages, and a draft opens and works', { timeout: 120_000 }, () =>
  withPage(async (page, app) => {
    await page.goto(app.url('/'));
    await page.locator('#start-new').waitFor();
    await page.waitForLoadState('networkidle');
    assert.deepEqual(moduleRequests(app), [], 'the drafts page did not fetch the draft pages');
    const id = await draftWithName(page, app, 'Amara');
    assert.equal(moduleRequests(app).length, 1, 'the module is fetched once, when the draft opens');
    // Every step of the draft is in it, Check answers too.
    for (const step of ['start', 'plan', 'check']) {
      await page.goto(`${app.url('/')}#draft/${id}/${step}`);
      await page.locator('#step-heading').waitFor();
    }
    assert.equal(moduleRequests(app).length, 1, 'and never again in this page');
    assert.deepEqual(planModuleRequests(app), [], 'the steps do not fetch the plan pages');
    // Reviews, meetings and the printable handout come in one more module, once.
    for (const step of ['reviews', 'meetings', 'handout', 'tasks', 'reviews']) {
      await page.goto(`${app.url('/')}#draft/${id}/${step}`);
      await page.locator('#step-heading').waitFor();
    }
    assert.equal(planModuleRequests(app).length, 1, 'the plan pages are fetched once');
    assert.equal(moduleRequests(app).length, 1, 'the draft pages still once');
  }, noServiceWorker));

test('a module that does not arrive says so, and Try again opens the draft with nothing lost', { timeout: 120_000 }, () =>
  withPage(async (page, app) => {
    const id = await draftWithName(page, app, 'Bartholomew');
    await page.route(MODULE, (route) => route.abort('connectionfailed'));
    await page.goto(`${app.url('/')}#draft/${id}/child`);
    await page.reload();
    const panel = page.locator('#module-failed');
    await panel.waitFor();
    assert.match(await panel.textContent(), /has not loaded.*Your drafts are kept on this device/s);
    await eventually(async () => (await page.evaluate(() => document.activeElement?.id)) === 'module-failed-heading', { message: 'focus on the message' });
    assert.equal(await page.title(), 'Error: Not loaded – CAF Lite');
    assert.equal(await page.locator('#drafts').count(), 0);

    // Still refused: a second failure in a row reloads the page at the
    // draft's address (nothing is held only in this page), which says so again.
    await Promise.all([page.waitForEvent('load'), page.locator('#module-retry').click()]);
    await panel.waitFor();
    assert.match(page.url(), new RegExp(`#draft/${id}/child$`));
    // Allowed again: Try again fetches it in place.
    await page.unroute(MODULE);
    await page.locator('#module-retry').click();
    await page.locator('#child-given_name').waitFor();
    assert.equal(await page.locator('#child-given_name').inputValue(), 'Bartholomew', 'the typed name is there');
    expectModuleFailureErrors(app);
  }, noServiceWorker));

test('on a slow link the step heading gets focus when the page arrives', { timeout: 120_000 }, () =>
  withPage(async (page, app) => {
    const id = await draftWithName(page, app, 'Chidi');
    let held = 0;
    await page.route(MODULE, async (route) => {
      held += 1;
      await new Promise((done) => setTimeout(done, 2000));
      await route.continue();
    });
    await page.goto(`${app.url('/')}#draft/${id}/child`);
    await page.reload();
    await page.locator('#module-loading').waitFor();
    await page.locator('#step-heading').waitFor();
    await eventually(async () => (await page.evaluate(() => document.activeElement?.id)) === 'step-heading', { message: 'focus on the step heading' });
    // And from the drafts page, by keyboard: Enter on "Open".
    await page.locator('a.caf-header__name').click();
    await page.reload();
    await page.locator(`#open-${id}`).focus();
    await page.keyboard.press('Enter');
    await page.locator('#task-child').waitFor();
    await eventually(async () => (await page.evaluate(() => document.activeElement?.id)) === 'step-heading', { message: 'focus on the task list heading' });
    assert.equal(held, 2, 'the module was held back both times');
  }, noServiceWorker));

/** The release id sw.js names (its cache is `caf-lite-<id>`). */
const releaseId = (dir) => JSON.parse(/^const RELEASE = (\{.*\});$/m.exec(readFileSync(join(dir, 'sw.js'), 'utf8'))[1]).id;

/**
 * A copy of the build as another release would be: the same app, every page
 * file named by another hash (and the names inside them, the inline loader's
 * CSP hash and sw.js made again).
 */
function otherRelease(dir) {
  cpSync(DIST, dir, { recursive: true });
  const page = readdirSync(dir).filter((f) => /^(caf-lite|__wasm_split|(split|chunk)_[a-z0-9_]+)-[0-9a-f]{16}(_bg)?\.(js|wasm)$/.test(f));
  const old = /-([0-9a-f]{16})(_bg)?\./.exec(page[0])[1];
  const fresh = createHash('sha256').update(`another release of ${old}`).digest('hex').slice(0, 16);
  for (const file of [...page, 'index.html']) {
    const path = join(dir, file);
    if (/\.(js|html)$/.test(file)) writeFileSync(path, readFileSync(path, 'utf8').replaceAll(old, fresh));
    for (const encoded of ['.gz', '.br']) rmSync(`${path}${encoded}`, { force: true });
    if (file !== 'index.html') renameSync(path, join(dir, file.replace(old, fresh)));
  }
  rmSync(join(dir, 'sw.js'), { force: true });
  execFileSync('node', [join(REPO, '.ci', 'csp-hash.mjs')], { env: { ...process.env, TRUNK_STAGING_DIR: dir }, stdio: 'pipe' });
  execFileSync('node', [join(REPO, '.ci', 'offline.mjs'), dir], { stdio: 'pipe', env: { ...process.env, TRUNK_PROFILE: 'debug' } });
  return fresh;
}

test('a tab left open across a new release loads no module of another build: Try again opens the new release', { timeout: 300_000 }, () => {
  const work = mkdtempSync(join(tmpdir(), 'caf-split-release-'));
  const b = join(work, 'b');
  const hashB = otherRelease(b);
  return withPage(async (page, app) => {
    const id = await draftWithName(page, app, 'Dagny');
    await page.locator('a.caf-header__name').click();
    await page.reload();
    await page.locator('#start-new').waitFor();
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 60_000 });
    const hashA = /caf-lite-([0-9a-f]{16})\.js/.exec(await page.content())[1];
    assert.notEqual(hashA, hashB);

    // Release B goes live, and its service worker takes over this tab,
    // dropping A's cache: A's module is nowhere now.
    await app.startServer(b);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    const cacheOfB = `caf-lite-${releaseId(b)}`;
    await eventually(async () => (await page.evaluate(async () => (await caches.keys()).join())) === cacheOfB, {
      timeoutMs: 90_000,
      message: "only release B's cache",
    });
    // The old page asks for its own build's module only. The browser's HTTP
    // cache would still answer with it (the same build: right, too); emptied,
    // the server of B has no such file, so the page says so.
    const cdp = await app.context.newCDPSession(page);
    await cdp.send('Network.clearBrowserCache');
    const before = app.requests.length;
    await page.locator(`#open-${id}`).click();
    await page.locator('#module-failed').waitFor();
    const atRetry = app.requests.length;
    const pageFiles = (from, to) => app.requests.slice(from, to).filter((u) => /\/(caf-lite|__wasm_split|split_|chunk_)[^/]*\.(js|wasm)$/.test(u));
    assert.ok(pageFiles(before, atRetry).length > 0, 'the old page asked for its module');
    for (const url of pageFiles(before, atRetry)) assert.ok(url.includes(hashA), `the old page asked only for its own build: ${url}`);
    // Try again asks again in place (A's module: refused again), then
    // reloads at the draft's address: the page of B, with B's module.
    await Promise.all([page.waitForEvent('load'), page.locator('#module-retry').click()]);
    await page.locator('#task-child').waitFor();
    const atReload = app.requests.findIndex((url, i) => i >= atRetry && new URL(url).pathname === '/');
    assert.ok(atReload > atRetry, 'the page was reloaded');
    for (const url of pageFiles(atRetry, atReload)) assert.ok(url.includes(hashA), `the old page asked only for its own build: ${url}`);
    await page.locator('#task-child').click();
    assert.equal(await page.locator('#child-given_name').inputValue(), 'Dagny', 'the draft is as it was stored');
    for (const url of pageFiles(atReload)) assert.ok(url.includes(hashB), `the new page loaded only release B's files: ${url}`);
    assert.ok(pageFiles(atReload).some((url) => MODULE.test(new URL(url).pathname)), "B's module was loaded");
    const shown = await page.evaluate(() => [...document.scripts].map((s) => s.textContent).join(''));
    assert.ok(shown.includes(hashB), 'the page is release B');
    expectModuleFailureErrors(app);
  }).finally(() => rmSync(work, { recursive: true, force: true }));
});
