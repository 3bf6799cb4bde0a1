// Every promise holds with the lock on (issue 24, items 1–4): moves that
// cannot half-happen, failures that always show, a passphrase set only when
// it fits, and a tab back from the back/forward cache that reads again.
// Two tabs are two pages in ONE browser context, which share localStorage.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { draftId, newDraftOnChildStep } from './drafts-helpers.mjs';
import { eventually, startApp } from './harness.mjs';
import { allLocked, cafEntries, emptyJunk, fillStorage, saveNow, setPassphrase, toDraftsPage, unlock } from './lock-helpers.mjs';

const LOCKED = '{"format":"caf-lite.locked"';

async function withApp(fn) {
  const app = await startApp({ contextOptions: { serviceWorkers: 'block' } });
  try {
    await fn(app);
    app.assertClean();
  } finally {
    await app.close();
  }
}

/** A new draft with this given name, saved; returns its id (still open). */
async function draftNamed(page, name) {
  await newDraftOnChildStep(page);
  const id = await draftId(page);
  await page.locator('#child-given_name').fill(name);
  await saveNow(page);
  return id;
}

/**
 * Makes the `n`-th `caf.*` localStorage write from now on (0 first) throw
 * QuotaExceededError, as a full disk does; `failNone` puts the real one back.
 */
const failWriteAt = (page, n) =>
  page.evaluate((n) => {
    const real = window.__realSetItem ?? Storage.prototype.setItem;
    window.__realSetItem = real;
    let count = 0;
    Storage.prototype.setItem = function (key, value) {
      if (String(key).startsWith('caf.') && count++ === n) throw new DOMException('full', 'QuotaExceededError');
      return real.call(this, key, value);
    };
  }, n);
const failNone = (page) =>
  page.evaluate(() => {
    if (window.__realSetItem) Storage.prototype.setItem = window.__realSetItem;
  });

const statusText = (page) => page.locator('#save-status').textContent();

/**
 * Runs `action` (a click that starts a store operation) and waits until the
 * drafts page has re-listed after it, whether it worked or not: the same
 * refusal twice leaves the status line's words unchanged.
 */
async function settled(page, action) {
  await page.evaluate(() => {
    window.__relisted = false;
    const lists = document.querySelector('main');
    const observer = new MutationObserver(() => {
      window.__relisted = true;
      observer.disconnect();
    });
    observer.observe(lists, { childList: true, subtree: true });
  });
  await action();
  await eventually(() => page.evaluate(() => window.__relisted), { timeoutMs: 15000, message: 'the drafts page to list again' });
}

test('item 1: a locked delete fails whole at every write position; on full storage the draft stays, and restore and Empty hold too', () =>
  withApp(async (app) => {
    const page = await app.newPage();
    await page.goto(app.url('/'));
    await setPassphrase(page);
    const id = await draftNamed(page, 'Delia');
    await toDraftsPage(page);
    await allLocked(page);
    const draftKey = `caf.draft.${id}`;
    const row = page.locator('#drafts li').first();

    // Every write position of the delete, until one run has none left to fail.
    let positions = 0;
    for (let n = 0; ; n += 1) {
      const before = await cafEntries(page);
      await failWriteAt(page, n);
      await row.getByRole('button', { name: 'Delete draft' }).click();
      await settled(page, () => row.getByRole('button', { name: 'Yes, delete it' }).click());
      await failNone(page);
      const after = await cafEntries(page);
      if (/not deleted/.test(await statusText(page))) {
        assert.deepEqual(after, before, `failing at write ${n}: every entry as before`);
        assert.match(await statusText(page), /storage is full/);
        positions += 1;
        continue;
      }
      assert.equal(after[draftKey], undefined, 'complete: the draft moved');
      const deleted = Object.keys(after).filter((k) => k.startsWith(`caf.deleted.${id}~`));
      assert.equal(deleted.length, 1);
      assert.equal(after[deleted[0]], before[draftKey], 'complete: its locked text moved unchanged');
      assert.equal(after['caf.move'], undefined, 'no journal is left');
      break;
    }
    assert.ok(positions >= 2, `the journal and the copy were each made to fail (${positions})`);

    // Restore at every position.
    for (let n = 0; ; n += 1) {
      const before = await cafEntries(page);
      await failWriteAt(page, n);
      await settled(page, () => page.locator('#deleted-drafts').getByRole('button', { name: /Restore/ }).first().click());
      await failNone(page);
      if (/not restored/.test(await statusText(page))) {
        assert.deepEqual(await cafEntries(page), before, `restore failing at write ${n}`);
        continue;
      }
      assert.ok((await cafEntries(page))[draftKey]?.startsWith(LOCKED), 'restored, locked');
      break;
    }

    // A large draft, deleted, so that emptying Recently deleted makes room.
    await page.locator('#start-new').click();
    await page.locator('#task-child').click();
    await page.locator('#child-given_name').fill('Large');
    // Large enough that emptying it frees clearly more than a small draft's
    // delete needs (journal, copy): 5,000 characters left it at the margin.
    await page.locator('#child-family_name').fill('y'.repeat(20000));
    await saveNow(page);
    await toDraftsPage(page);
    const large = page.locator('#drafts li', { hasText: 'L' }).first();
    await large.getByRole('button', { name: 'Delete draft' }).click();
    await settled(page, () => large.getByRole('button', { name: 'Yes, delete it' }).click());
    assert.match(await statusText(page), /moved to Recently deleted/);

    // Storage full: the delete is refused and nothing is lost; emptying
    // Recently deleted, as the message advises, still works and makes room.
    const before = await cafEntries(page);
    assert.ok((await fillStorage(page)) > 0);
    try {
      const delia = page.locator('#drafts li').first();
      await delia.getByRole('button', { name: 'Delete draft' }).click();
      await settled(page, () => delia.getByRole('button', { name: 'Yes, delete it' }).click());
      assert.match(await statusText(page), /not deleted: this browser's storage is full\. Empty Recently deleted/);
      assert.deepEqual(await cafEntries(page), before, 'the draft is where it was, unchanged');
      await page.getByRole('button', { name: 'Empty recently deleted' }).click();
      await settled(page, () => page.getByRole('button', { name: 'Yes, empty it' }).click());
      assert.match(await statusText(page), /Removed 1 deleted draft/);
      assert.equal(Object.keys(await cafEntries(page)).filter((k) => k.startsWith('caf.deleted.')).length, 0);
      await delia.getByRole('button', { name: 'Delete draft' }).click();
      await settled(page, () => delia.getByRole('button', { name: 'Yes, delete it' }).click());
      assert.match(await statusText(page), /moved to Recently deleted/);
    } finally {
      await emptyJunk(page);
    }
  }));

test('item 1: a delete stopped after its journal, as by a closed tab, is finished at the next unlock', () =>
  withApp(async (app) => {
    const page = await app.newPage();
    await page.goto(app.url('/'));
    await setPassphrase(page);
    const id = await draftNamed(page, 'Stopped');
    await toDraftsPage(page);
    await allLocked(page);
    const before = await cafEntries(page);
    // The tab stops dead right after the journal is written, as a tab
    // closed at that instant does: its next storage write never returns.
    await page.evaluate(() => {
      const real = Storage.prototype.setItem;
      let dead = false;
      const hang = () => {
        for (;;);
      };
      Storage.prototype.setItem = function (key, value) {
        if (dead) hang();
        real.call(this, key, value);
        if (key === 'caf.move') {
          real.call(this, 'test.journal', value);
          dead = true;
        }
      };
      Storage.prototype.removeItem = function () {
        if (dead) hang();
      };
    });
    const row = page.locator('#drafts li').first();
    await row.getByRole('button', { name: 'Delete draft' }).click();
    // Not awaited: the page stops inside this click, so it never ends.
    row
      .getByRole('button', { name: 'Yes, delete it' })
      .click({ timeout: 60000 })
      .catch(() => {});
    // A new page (the tab reopened) finishes the move once unlocked.
    const again = await app.newPage();
    await again.goto(app.url('/'));
    await again.locator('#unlock-passphrase').waitFor();
    await eventually(() => again.evaluate(() => localStorage.getItem('caf.move')), { message: 'the journal' });
    const left = await again.evaluate(() => ({ ...localStorage }));
    assert.ok(left['caf.move'].startsWith(LOCKED), 'the journal is sealed');
    assert.equal(left['test.journal'], left['caf.move']);
    assert.equal(left[`caf.draft.${id}`], before[`caf.draft.${id}`], 'the draft is untouched so far');
    // The stopped page is left as it is; closing the browser ends it.
    await again.locator('#unlock-passphrase').fill('otter kettle marble');
    await again.locator('#unlock').click();
    await again.locator('#deleted-drafts').waitFor({ timeout: 15000 });
    const after = await cafEntries(again);
    assert.equal(after['caf.move'], undefined);
    assert.equal(after[`caf.draft.${id}`], undefined, 'the delete is complete');
    const deleted = Object.keys(after).filter((k) => k.startsWith(`caf.deleted.${id}~`));
    assert.deepEqual(deleted.map((k) => after[k]), [before[`caf.draft.${id}`]]);
  }));

test('item 2: setting a passphrase on nearly full storage refuses before writing anything, and says so; with room it locks everything and says nothing readable is left', () =>
  withApp(async (app) => {
    const page = await app.newPage();
    await page.goto(app.url('/'));
    const id = await draftNamed(page, 'Plainly Readable');
    await page.locator('#child-family_name').fill('x'.repeat(2000));
    await saveNow(page);
    await toDraftsPage(page);
    const before = await cafEntries(page);
    assert.ok((await fillStorage(page)) > 0);
    try {
      await page.locator('#lock-start').click();
      await page.locator('#new-passphrase').fill('otter kettle marble');
      await page.locator('#new-passphrase-again').fill('otter kettle marble');
      await page.locator('#set-passphrase').click();
      await eventually(async () => /room to lock/.test(await page.locator('#lock-summary').textContent().catch(() => '')), {
        timeoutMs: 15000,
        message: 'the refusal',
      });
      assert.deepEqual(await cafEntries(page), before, 'nothing was written: the drafts are as they were, and no lock record');
      assert.doesNotMatch(await statusText(page), /Nothing readable/);
    } finally {
      await emptyJunk(page);
    }
    await page.locator('#set-passphrase').click();
    await page.locator('#lock-now-drafts').waitFor({ timeout: 15000 });
    assert.match(await statusText(page), /Nothing readable about them is left/);
    const entries = await cafEntries(page);
    assert.ok(entries[`caf.draft.${id}`].startsWith(LOCKED));
    assert.ok(!JSON.stringify(entries).includes('Plainly'), 'nothing typed is readable');
  }));

test('item 3: a save that fails after "Lock now" is shown on the unlock page, with the text to download', () =>
  withApp(async (app) => {
    const page = await app.newPage();
    await page.goto(app.url('/'));
    await setPassphrase(page);
    const id = await draftNamed(page, 'Saved First');
    await allLocked(page);
    await page.locator('#child-given_name').fill('Typed Just Before Locking');
    assert.ok((await fillStorage(page)) > 0);
    try {
      await page.locator('#lock-now').click();
      await page.locator('#unlock-passphrase').waitFor();
      const panel = page.locator('#storage-problem');
      await panel.waitFor();
      assert.match(await panel.textContent(), /storage is full/);
      assert.match(await statusText(page), /Not saved/);
      // Locked: nothing of it is offered to whoever is at the device.
      await panel.locator('#unlock-to-download').waitFor();
      assert.equal(await panel.locator('#download-unsaved').count(), 0);
      assert.doesNotMatch(await page.content(), /Typed Just Before Locking/);
    } finally {
      await emptyJunk(page);
    }
    // Unlocked, the draft opens with what was typed, and it is saved.
    await unlock(page);
    await page.locator('#child-given_name').waitFor();
    assert.equal(await page.locator('#child-given_name').inputValue(), 'Typed Just Before Locking');
    await eventually(async () => /Saved on this device/.test(await statusText(page)), { message: 'the text saved' });
    assert.equal(await draftId(page), id);
    assert.equal(await page.locator('#storage-problem').count(), 0);
  }));

test('item 3: a save that fails on leaving a draft is shown on the drafts page, with the text to download', () =>
  withApp(async (app) => {
    const page = await app.newPage();
    await page.goto(app.url('/'));
    await setPassphrase(page);
    await draftNamed(page, 'Left Behind');
    await allLocked(page);
    await page.locator('#child-given_name').fill('Typed Before Leaving');
    assert.ok((await fillStorage(page)) > 0);
    try {
      await page.locator('a.caf-header__name').click();
      const panel = page.locator('#storage-problem');
      await panel.waitFor();
      assert.match(await panel.textContent(), /storage is full/);
      const [download] = await Promise.all([page.waitForEvent('download'), panel.locator('#download-unsaved').click()]);
      const file = JSON.parse(readFileSync(await download.path(), 'utf8'));
      assert.equal(file.draft.data.child.given_name, 'Typed Before Leaving');
    } finally {
      await emptyJunk(page);
    }
  }));

/**
 * A page that can be made deaf to storage events, as a page in the
 * back/forward cache is: the listener comes before the app's, since
 * listeners on the window run in the order they were added.
 */
async function deafenable(app) {
  const page = await app.newPage();
  await page.addInitScript(() =>
    window.addEventListener('storage', (ev) => {
      if (window.__deaf) ev.stopImmediatePropagation();
    }),
  );
  return page;
}
const deafen = (page) => page.evaluate(() => (window.__deaf = true));
const restoredFromCache = (page) => page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true })));

test('item 4: back from the back/forward cache, a tab sees another tab\'s change to its draft before it prints, and another tab\'s Lock now', () =>
  withApp(async (app) => {
    const away = await deafenable(app);
    await away.goto(app.url('/'));
    await setPassphrase(away);
    const id = await draftNamed(away, 'Before');
    await allLocked(away);
    const address = away.url();
    await deafen(away);

    const other = await app.newPage();
    await other.goto(address);
    await unlock(other);
    await other.locator('#child-given_name').fill('Changed elsewhere');
    await saveNow(other);
    await eventually(async () => (await cafEntries(other))[`caf.draft.${id}`] !== undefined, { message: 'the other save' });

    // Heard nothing; once restored it knows before anything is printed or saved.
    assert.equal(await away.locator('#conflict-panel').count(), 0, 'the deaf tab heard nothing');
    await restoredFromCache(away);
    await away.locator('#conflict-panel').waitFor();

    // "Lock now" in the other tab while this one was away.
    await other.locator('#lock-now').click();
    await other.locator('#unlock-passphrase').waitFor();
    await away.locator('#load-newer').click();
    assert.equal(await away.locator('#unlock-passphrase').count(), 0, 'the deaf tab did not hear Lock now');
    await restoredFromCache(away);
    await away.locator('#unlock-passphrase').waitFor();
  }));

test('item 4: back from the back/forward cache after another tab changed the passphrase, a tab locks instead of writing entries no key opens', () =>
  withApp(async (app) => {
    const away = await deafenable(app);
    await away.goto(app.url('/'));
    await setPassphrase(away);
    await draftNamed(away, 'Keyed');
    await allLocked(away);
    await toDraftsPage(away);
    await deafen(away);
    const seenToken = await away.evaluate(() => localStorage.getItem('caf.lock.now'));
    const other = await app.newPage();
    await other.goto(app.url('/'));
    await unlock(other);
    await other.locator('#change-passphrase summary').click();
    await other.locator('#current-passphrase').fill('otter kettle marble');
    await other.locator('#new-passphrase').fill('lantern pebble orchard');
    await other.locator('#new-passphrase-again').fill('lantern pebble orchard');
    await other.locator('#change-passphrase-button').click();
    await eventually(async () => /passphrase was changed/.test(await statusText(other)), { timeoutMs: 20000, message: 'the change' });
    // Only the lock record tells: the last Lock now is the one the tab saw.
    await other.evaluate((token) => localStorage.setItem('caf.lock.now', token), seenToken);
    assert.equal(await away.locator('#unlock-passphrase').count(), 0);
    await restoredFromCache(away);
    await away.locator('#unlock-passphrase').waitFor();
  }));
