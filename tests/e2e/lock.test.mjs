// The drafts locked with a passphrase (caf-form.md §6a, issue 17): nothing
// typed is readable in storage, in any encoding; reload opens on the unlock
// page; a wrong passphrase is refused; the idle lock and "Lock now" across
// tabs; a damaged ciphertext is kept, listed and downloadable; a change of
// passphrase stopped half-way (as by a crash) loses nothing.
import assert from 'node:assert/strict';
import { createCipheriv, pbkdf2Sync, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { draftId, newDraftOnChildStep } from './drafts-helpers.mjs';
import { OUT, REPO, eventually, startApp } from './harness.mjs';
import { PASSPHRASE, allLocked, cafEntries, saveNow, setPassphrase, toDraftsPage, unlock } from './lock-helpers.mjs';

const NEW_PASSPHRASE = 'lantern pebble orchard';

// What is typed, and must never be readable in storage.
const TYPED = {
  'child-given_name': 'Zoëlle',
  'child-family_name': 'Quistgaard-Ó Briain',
  'child-nhs_number': '943 476 5919',
  'child-postcode': 'ME4 4TR',
};
const NOTES = 'Speech is behind what we would expect; Wednesdays are hard';
const DELETED_NAME = 'Bartholomew';

/** Every key and value in localStorage, and the base64-decoded form of every run of base64 in them. */
async function everythingStored(page) {
  const all = await page.evaluate(() => Object.keys(localStorage).flatMap((k) => [k, localStorage.getItem(k)]));
  const decoded = [];
  for (const text of all) {
    for (const run of text.match(/[A-Za-z0-9+/]{8,}={0,2}/g) ?? []) {
      for (const form of [run, run.replace(/=+$/, '')]) {
        const bytes = Buffer.from(form, 'base64');
        decoded.push(bytes.toString('utf8'), bytes.toString('latin1'));
      }
    }
  }
  return [...all, ...decoded].join('\n');
}

/** Words typed that must not be in storage: each, and its parts. */
const SECRETS = [...Object.values(TYPED), NOTES, DELETED_NAME, 'Zoëlle', 'Quistgaard', '9434765919', 'ME44TR', 'Wednesdays'];

function assertNoneStored(haystack, what) {
  for (const secret of SECRETS) {
    assert.ok(!haystack.includes(secret), `${what}: "${secret}" is readable in storage`);
    assert.ok(!haystack.toLowerCase().includes(secret.toLowerCase()), `${what}: "${secret}" (any case) is readable in storage`);
  }
}

async function typeInto(page, id, text) {
  const box = page.locator(`#${id}`);
  await box.fill(text);
}

/** A locked draft file (LOCKED-FORMAT.md) of `plain` under `passphrase`, made here rather than by the app. */
function sealFile(plain, passphrase, iterations) {
  const salt = randomBytes(16);
  const nonce = randomBytes(12);
  const key = pbkdf2Sync(Buffer.from(passphrase, 'utf8'), salt, iterations, 32, 'sha256');
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from('caf-lite.locked-draft 1', 'utf8'));
  const sealed = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  return {
    format: 'caf-lite.locked-draft',
    version: 1,
    kdf: 'PBKDF2-HMAC-SHA-256',
    iterations,
    salt: salt.toString('base64'),
    nonce: nonce.toString('base64'),
    ciphertext: sealed.toString('base64'),
  };
}

/** A new app whose local-settings.json says `settings` (no service worker, so the route answers). */
async function appWith(settings) {
  const app = await startApp({ contextOptions: { serviceWorkers: 'block' } });
  if (settings) {
    await app.context.route('**/local-settings.json', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(settings) }),
    );
  }
  return app;
}

/** Fills a draft with every secret; returns its id. */
async function fillDraft(page) {
  await newDraftOnChildStep(page);
  const id = await draftId(page);
  for (const [control, text] of Object.entries(TYPED)) await typeInto(page, control, text);
  await saveNow(page);
  await page.goto(page.url().replace(/child$/, 'reason'));
  await page.locator('#reason-summary').waitFor();
  await typeInto(page, 'reason-summary', NOTES);
  await saveNow(page);
  return id;
}

test('with a passphrase set, nothing typed is readable in any stored key or value, nor base64-decoded; reload opens on the unlock page; a wrong passphrase is refused; the right one opens every draft as typed', async () => {
  const app = await appWith(null);
  try {
    const page = await app.newPage();
    await page.goto(app.url('/'));
    // A draft to delete later, made before the lock.
    await newDraftOnChildStep(page);
    await typeInto(page, 'child-given_name', DELETED_NAME);
    await saveNow(page);
    await toDraftsPage(page);
    await setPassphrase(page);
    assert.match(await page.locator('#save-status').textContent(), /now locked with your passphrase/);
    await allLocked(page);
    // Fill a draft with the lock on, then delete the other one.
    const id = await fillDraft(page);
    await toDraftsPage(page);
    const deletedRow = page.locator('#drafts .caf-drafts__item').filter({ has: page.locator('.caf-drafts__name', { hasText: /^B$/ }) });
    await deletedRow.getByRole('button', { name: 'Delete draft' }).click();
    await page.getByRole('button', { name: 'Yes, delete it' }).click();
    await page.locator('#recently-deleted').waitFor();
    await allLocked(page);
    const entries = await cafEntries(page);
    assert.ok(Object.keys(entries).some((k) => k.startsWith('caf.deleted.')), 'the deleted copy is kept');
    assertNoneStored(await everythingStored(page), 'after typing and deleting');

    // Reload: the unlock page, and nothing of the drafts on it.
    await page.reload();
    await page.locator('#unlock-passphrase').waitFor();
    assert.equal(await page.locator('#locked-count').textContent(), '1 CAF is locked on this device.');
    assert.equal(await page.locator('#drafts').count(), 0, 'no list while locked');
    await page.locator('#unlock-passphrase').fill('otter kettle marbles');
    await page.locator('#unlock').click();
    await page.locator('#unlock-passphrase-error').waitFor({ timeout: 15000 });
    assert.match(await page.locator('#unlock-passphrase-error').textContent(), /That passphrase does not unlock the drafts on this device/);
    assert.match(await page.locator('#unlock-summary').textContent(), /There is a problem/);
    await unlock(page);
    // The drafts page lists it by initials; it opens exactly as typed.
    await page.locator('#drafts .caf-drafts__item').filter({ has: page.locator('.caf-drafts__name', { hasText: /^ZQ$/ }) }).getByRole('button', { name: /Continue/ }).click();
    await page.locator('#task-child').click();
    for (const [control, text] of Object.entries(TYPED)) assert.equal(await page.locator(`#${control}`).inputValue(), text, control);
    assert.equal(await draftId(page), id);
    await page.goto(page.url().replace(/child$/, 'reason'));
    assert.equal(await page.locator('#reason-summary').inputValue(), NOTES);
    app.assertClean();
  } finally {
    await app.close();
  }
});

test('idle for the local setting lock_after_minutes locks: the form leaves the page; "Lock now" in one tab locks every tab', async () => {
  const app = await appWith({ lock_after_minutes: 0.05 });
  try {
    const page = await app.newPage();
    await page.goto(app.url('/'));
    await setPassphrase(page);
    await fillDraft(page);
    // Three seconds without a key press: the unlock page, and no form.
    await page.locator('#unlock-passphrase').waitFor({ timeout: 15000 });
    assert.equal(await page.locator('#child-given_name, #reason-summary').count(), 0, 'the form is gone');
    assert.ok(!(await page.content()).includes(NOTES), 'nothing typed is left on the page');
    assertNoneStored(await everythingStored(page), 'after the idle lock');
    await unlock(page);
    assert.ok(await page.locator('#reason-summary').isVisible(), 'unlocking opens the draft the address names');
    assert.equal(await page.locator('#reason-summary').inputValue(), NOTES);
    app.assertClean();
  } finally {
    await app.close();
  }
  const two = await appWith({ lock_after_minutes: 30 });
  try {
    const a = await two.newPage();
    await a.goto(two.url('/'));
    await setPassphrase(a);
    await newDraftOnChildStep(a);
    const b = await two.newPage();
    await b.goto(two.url('/'));
    await unlock(b);
    await b.locator('#lock-now-drafts').waitFor();
    await a.locator('#lock-now').click();
    await a.locator('#unlock-passphrase').waitFor();
    await b.locator('#unlock-passphrase').waitFor({ timeout: 5000 });
    assert.equal(await b.locator('#drafts').count(), 0, 'tab B shows nothing of the drafts');
    two.assertClean();
  } finally {
    await two.close();
  }
});

test('a locked entry with one byte changed is listed as unreadable, kept exactly, and downloadable', async () => {
  const app = await appWith(null);
  try {
    const page = await app.newPage();
    await page.goto(app.url('/'));
    await setPassphrase(page);
    const id = await fillDraft(page);
    await toDraftsPage(page);
    await allLocked(page);
    await page.locator('#lock-now').click();
    await page.locator('#unlock-passphrase').waitFor();
    const key = `caf.draft.${id}`;
    const flipped = await page.evaluate((k) => {
      const entry = JSON.parse(localStorage.getItem(k));
      const bytes = Uint8Array.from(atob(entry.ciphertext), (c) => c.charCodeAt(0));
      bytes[10] ^= 1;
      entry.ciphertext = btoa(String.fromCharCode(...bytes));
      const text = JSON.stringify(entry);
      localStorage.setItem(k, text);
      return text;
    }, key);
    await unlock(page);
    const row = page.locator('.caf-unreadable');
    await row.waitFor();
    assert.match(await row.textContent(), /locked and could not be opened/);
    const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: 'Download the stored data' }).click()]);
    const path = await download.path();
    assert.equal(readFileSync(path, 'utf8'), flipped, 'the download is the stored text, byte for byte');
    await page.locator('#start-new').click();
    await page.locator('a.caf-header__name').click();
    await page.locator('.caf-unreadable').waitFor();
    assert.equal((await cafEntries(page))[key], flipped, 'the damaged entry is kept exactly');
    app.assertClean();
  } finally {
    await app.close();
  }
});

for (const stop of ['after-first-copy', 'after-commit']) {
  test(`changing the passphrase stopped ${stop} (as by a crash): every draft still opens, with the ${stop === 'after-commit' ? 'new' : 'old'} passphrase`, async () => {
    const app = await appWith(null);
    try {
      const page = await app.newPage();
      await page.goto(app.url('/'));
      const names = ['Amelia', 'Bernard', 'Cyrus'];
      for (const name of names) {
        await newDraftOnChildStep(page);
        await typeInto(page, 'child-given_name', name);
        await saveNow(page);
        await toDraftsPage(page);
      }
      await setPassphrase(page);
      await allLocked(page);
      await page.evaluate((at) => {
        window.__cafLiteTestStopRekey = at;
      }, stop);
      await page.locator('#change-passphrase summary').click();
      await page.locator('#current-passphrase').fill(PASSPHRASE);
      await page.locator('#new-passphrase').fill(NEW_PASSPHRASE);
      await page.locator('#new-passphrase-again').fill(NEW_PASSPHRASE);
      await page.locator('#change-passphrase-button').click();
      await page.locator('#current-passphrase-error').waitFor({ timeout: 20000 });
      assert.match(await page.locator('#current-passphrase-error').textContent(), /stopped by a test/);
      const during = await cafEntries(page);
      assert.ok(Object.keys(during).some((k) => k.startsWith('caf.rekey.')), 'copies were left half-way');
      // The "crash": the page goes away mid-change.
      await page.reload();
      await unlock(page, stop === 'after-commit' ? NEW_PASSPHRASE : PASSPHRASE);
      await page.locator('#show-names').check();
      for (const name of names) await page.locator('.caf-drafts__item', { hasText: name }).waitFor();
      assert.equal(await page.locator('.caf-unreadable').count(), 0, 'no entry is unreadable');
      const after = await cafEntries(page);
      assert.deepEqual(Object.keys(after).filter((k) => k.startsWith('caf.rekey.')), [], 'the copies are gone');
      assertNoneStored(await everythingStored(page), 'after recovering');
      app.assertClean();
    } finally {
      await app.close();
    }
  });
}

test('turning the lock off asks for the passphrase and stores the drafts readable again', async () => {
  const app = await appWith(null);
  try {
    const page = await app.newPage();
    await page.goto(app.url('/'));
    await setPassphrase(page);
    const id = await fillDraft(page);
    await toDraftsPage(page);
    await allLocked(page);
    await page.locator('#turn-off-lock summary').click();
    await page.locator('#off-passphrase').fill('not the passphrase');
    await page.locator('#turn-off-button').click();
    await page.locator('#off-passphrase-error').waitFor({ timeout: 15000 });
    assert.match(await page.locator('#off-passphrase-error').textContent(), /not the current passphrase/);
    await page.locator('#off-passphrase').fill(PASSPHRASE);
    await page.locator('#turn-off-button').click();
    await page.locator('#lock-start').waitFor({ timeout: 15000 });
    const entries = await cafEntries(page);
    assert.equal(entries['caf.lock'], undefined);
    assert.equal(JSON.parse(entries[`caf.draft.${id}`]).draft.data.child.given_name, TYPED['child-given_name']);
    await page.reload();
    await page.locator('#start-new').waitFor();
    app.assertClean();
  } finally {
    await app.close();
  }
});

// Screenshots to look at (tests/e2e/out/): the explanation before a
// passphrase is set and the unlock page, at 1024 and 320 CSS px; neither
// scrolls sideways at 320 px, and axe-core finds no WCAG 2.2 AA violation
// (CSP bypassed in this context only, so axe's script can be injected).
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const axeSource = readFileSync(join(REPO, 'tests', 'e2e', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

async function axeViolations(page, label) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }), AXE_TAGS);
  return result.violations.map((v) => `${label}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

const scrollsSideways = (page) => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

// Issue 24, item 7: a browser's password manager offers to save a
// passphrase, and on a shared profile fills it in for the next person.
test('every passphrase box asks the browser not to save or fill it, and the first box of each form says why', async () => {
  const app = await appWith(null);
  try {
    const page = await app.newPage();
    const boxes = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('input[type=password]')].map((box) => ({
          id: box.id,
          autocomplete: box.getAttribute('autocomplete'),
          name: box.getAttribute('name'),
          describedBy: box.getAttribute('aria-describedby') ?? '',
        })),
      );
    const hint = /Do not let the browser save this passphrase: on a shared computer it would fill it in for the next person\./;
    const check = async (where, first) => {
      const found = await boxes();
      assert.ok(found.length > 0, `${where}: passphrase boxes`);
      for (const box of found) {
        assert.equal(box.autocomplete, 'new-password', `${where}: #${box.id} autocomplete`);
        assert.equal(box.name, null, `${where}: #${box.id} has no name`);
      }
      const others = await page.evaluate(() =>
        [...document.querySelectorAll('form')]
          .filter((form) => form.querySelector('input[type=password]'))
          .flatMap((form) => [...form.querySelectorAll('input:not([type=password])')].map((box) => box.id || box.type)),
      );
      assert.deepEqual(others, [], `${where}: no other box (a user name) in a passphrase form`);
      const saveHint = page.locator(`#${first}-save-hint`);
      assert.match(await saveHint.textContent(), hint, `${where}: the hint`);
      assert.ok(await saveHint.isVisible(), `${where}: the hint shows`);
      assert.ok(found.find((box) => box.id === first).describedBy.split(' ').includes(`${first}-save-hint`), `${where}: the box is described by the hint`);
    };
    await page.goto(app.url('/'));
    await page.locator('#lock-start').click();
    await page.locator('#lock-explained').waitFor();
    await check('set passphrase', 'new-passphrase');
    await page.locator('#new-passphrase').fill(PASSPHRASE);
    await page.locator('#new-passphrase-again').fill(PASSPHRASE);
    await page.locator('#set-passphrase').click();
    await page.locator('#lock-now-drafts').waitFor({ timeout: 15000 });
    await page.reload();
    await page.locator('#unlock-passphrase').waitFor();
    await check('unlock', 'unlock-passphrase');
    app.assertClean();
  } finally {
    await app.close();
  }
});

test('the passphrase explanation and the unlock page, at 1024 and 320 CSS px: screenshots, no sideways scroll, no axe violations', async () => {
  const app = await startApp({ contextOptions: { bypassCSP: true } });
  try {
    const page = await app.newPage();
    const found = [];
    await page.setViewportSize({ width: 1024, height: 800 });
    await page.goto(app.url('/'));
    await page.locator('#lock-start').click();
    await page.locator('#lock-explained').waitFor();
    await page.locator('#lock-heading').scrollIntoViewIfNeeded();
    await app.screenshot(page, 'lock-set-passphrase-1024');
    found.push(...(await axeViolations(page, 'set passphrase')));
    await page.locator('#new-passphrase').fill('short');
    await page.locator('#set-passphrase').click();
    await page.locator('#new-passphrase-error').waitFor();
    await app.screenshot(page, 'lock-set-passphrase-error-1024');
    found.push(...(await axeViolations(page, 'set passphrase, an error')));
    await page.setViewportSize({ width: 320, height: 640 });
    assert.ok(!(await scrollsSideways(page)), 'the passphrase form does not scroll sideways at 320 px');
    await app.screenshot(page, 'lock-set-passphrase-320');
    await page.setViewportSize({ width: 1024, height: 800 });
    await page.locator('#new-passphrase').fill(PASSPHRASE);
    await page.locator('#new-passphrase-again').fill(PASSPHRASE);
    await page.locator('#set-passphrase').click();
    await page.locator('#lock-now-drafts').waitFor({ timeout: 15000 });
    await page.reload();
    await page.locator('#unlock-passphrase').waitFor();
    await app.screenshot(page, 'lock-unlock-1024');
    found.push(...(await axeViolations(page, 'unlock')));
    await page.locator('#unlock-passphrase').fill('wrong passphrase');
    await page.locator('#unlock').click();
    await page.locator('#unlock-passphrase-error').waitFor({ timeout: 15000 });
    found.push(...(await axeViolations(page, 'unlock, wrong passphrase')));
    await page.setViewportSize({ width: 320, height: 640 });
    assert.ok(!(await scrollsSideways(page)), 'the unlock page does not scroll sideways at 320 px');
    await app.screenshot(page, 'lock-unlock-wrong-320');
    await page.setViewportSize({ width: 1024, height: 800 });
    await unlock(page);
    await app.screenshot(page, 'lock-drafts-unlocked-1024');
    found.push(...(await axeViolations(page, 'drafts page, unlocked')));
    assert.deepEqual(found, [], 'axe WCAG 2.2 AA violations');
  } finally {
    await app.close();
  }
});

test('a locked export holds none of the typed values; importing it with the right passphrase round-trips exactly; a wrong passphrase or a damaged file is refused', async () => {
  const app = await appWith(null);
  try {
    const page = await app.newPage();
    await page.goto(app.url('/'));
    const id = await fillDraft(page);
    await toDraftsPage(page);
    const row = page.locator('#drafts .caf-drafts__item').first();
    // The plain export, to compare with.
    const [plainDownload] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: /^Export draft file/ }).click()]);
    const plain = JSON.parse(readFileSync(await plainDownload.path(), 'utf8'));
    await row.getByRole('button', { name: /^Export locked file/ }).click();
    await page.locator('#export-passphrase').fill(NEW_PASSPHRASE);
    await page.locator('#export-passphrase-again').fill(NEW_PASSPHRASE);
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15000 }), page.locator('#export-locked').click()]);
    assert.match(download.suggestedFilename(), /\.locked\.caf\.json$/);
    const lockedPath = join(OUT, download.suggestedFilename());
    await download.saveAs(lockedPath);
    const lockedText = readFileSync(lockedPath, 'utf8');
    assert.equal(JSON.parse(lockedText).format, 'caf-lite.locked-draft');
    let decoded = lockedText;
    for (const run of lockedText.match(/[A-Za-z0-9+/]{8,}={0,2}/g) ?? []) decoded += Buffer.from(run, 'base64').toString('utf8');
    assertNoneStored(decoded, 'the locked file');
    // Delete the draft, then import the locked file.
    await row.getByRole('button', { name: 'Delete draft' }).click();
    await page.getByRole('button', { name: 'Yes, delete it' }).click();
    await page.locator('#recently-deleted').waitFor();
    const damaged = join(OUT, 'damaged.locked.caf.json');
    const file = JSON.parse(lockedText);
    const bytes = Buffer.from(file.ciphertext, 'base64');
    bytes[5] ^= 1;
    writeFileSync(damaged, JSON.stringify({ ...file, ciphertext: bytes.toString('base64') }));
    for (const [path, passphrase] of [[lockedPath, 'not the right one'], [damaged, NEW_PASSPHRASE]]) {
      await page.locator('#import-file').setInputFiles(path);
      await page.locator('#import-passphrase').fill(passphrase);
      await page.locator('#import-unlock').click();
      await page.locator('#import-passphrase-error').waitFor({ timeout: 15000 });
      assert.match(await page.locator('#import-passphrase-error').textContent(), /does not open this file, or the file is damaged/);
      assert.equal((await cafEntries(page))[`caf.draft.${id}`], undefined, 'nothing was imported');
      await page.locator('#locked-import').getByRole('button', { name: 'Cancel' }).click();
    }
    // Issue 24, item 7: a file naming more iterations than CAF Lite ever
    // uses is refused at once as damaged, rather than derived for minutes.
    const endless = join(OUT, 'endless.locked.caf.json');
    writeFileSync(endless, JSON.stringify({ ...file, iterations: 4294967295 }));
    await page.locator('#import-file').setInputFiles(endless);
    await page.locator('#import-passphrase').fill(NEW_PASSPHRASE);
    await page.locator('#import-unlock').click();
    await page.locator('#import-passphrase-error').waitFor({ timeout: 2000 });
    assert.match(await page.locator('#import-passphrase-error').textContent(), /damaged \(it names 4294967295 iterations/);
    await page.locator('#locked-import').getByRole('button', { name: 'Cancel' }).click();
    // Cancel while "Opening the file…" stops waiting: a file that opens
    // after Cancel is not imported. The same file, sealed by Node with the
    // most iterations allowed, so its key takes seconds to derive. First
    // how long it takes to open, not cancelled.
    const slow = join(OUT, 'slow.locked.caf.json');
    writeFileSync(slow, JSON.stringify(sealFile(readFileSync(await plainDownload.path()), NEW_PASSPHRASE, 3000000)));
    await page.locator('#import-file').setInputFiles(slow);
    await page.locator('#import-passphrase').fill(NEW_PASSPHRASE);
    const t0 = Date.now();
    await page.locator('#import-unlock').click();
    await eventually(async () => (await cafEntries(page))[`caf.draft.${id}`], { timeoutMs: 120000, message: 'the slow file imported' });
    const openMs = Date.now() - t0;
    // The import opens the draft: back to the drafts page to delete it again.
    await page.locator('#step-heading').waitFor();
    await toDraftsPage(page);
    await row.getByRole('button', { name: 'Delete draft' }).click();
    await page.getByRole('button', { name: 'Yes, delete it' }).click();
    await eventually(async () => (await cafEntries(page))[`caf.draft.${id}`] === undefined, { message: 'deleted again' });
    await page.locator('#import-file').setInputFiles(slow);
    await page.locator('#import-passphrase').fill(NEW_PASSPHRASE);
    await page.locator('#import-unlock').click();
    await page.locator('#import-unlock', { hasText: 'Opening the file…' }).waitFor();
    await page.locator('#locked-import').getByRole('button', { name: 'Cancel' }).click();
    await page.locator('#locked-import').waitFor({ state: 'detached' });
    await page.waitForTimeout(3 * openMs + 2000);
    assert.equal((await cafEntries(page))[`caf.draft.${id}`], undefined, 'nothing was imported after Cancel');
    assert.equal(await page.locator('#import-file').count(), 1, 'still on the drafts page');
    assert.equal(await page.locator('#locked-import').count(), 0);
    await page.locator('#import-file').setInputFiles(lockedPath);
    await page.locator('#import-passphrase').fill(NEW_PASSPHRASE);
    await page.locator('#import-unlock').click();
    await eventually(async () => (await cafEntries(page))[`caf.draft.${id}`], { timeoutMs: 15000, message: 'the imported draft to be stored' });
    const stored = JSON.parse((await cafEntries(page))[`caf.draft.${id}`]).draft;
    assert.deepEqual(stored.data, plain.draft.data, 'the answers round-trip exactly');
    app.assertClean();
  } finally {
    await app.close();
  }
});
