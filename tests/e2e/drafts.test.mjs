// Drafts on this device are never lost (caf-form.md §6, draft-format.md):
// the pagehide save, two tabs on one draft, a full and a disabled storage,
// unreadable stored entries, and export → delete → import round trips.
// The last test measures (prints, never asserts) the largest draft and one save.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { downloadFrom, draftId, newDraftOnChildStep, storedGivenName } from './drafts-helpers.mjs';
import { cafEntries, emptyJunk, fillStorage, saveNow, toDraftsPage } from './lock-helpers.mjs';
import { REPO, eventually, startApp, withPage } from './harness.mjs';

const QUOTA_MESSAGE =
  "Not saved: this browser's storage is full. Download this draft now, then delete old drafts.";
const HOSTILE = "<script>alert(1)</script> O'Brien & Sons\u202E";
const MANY_SCRIPTS = 'Łucja Ελένη Олена';

/** The stored drafts (`caf.draft.*`), key → parsed stored wrapper. */
async function storedDrafts(page) {
  const entries = await cafEntries(page);
  return Object.fromEntries(
    Object.entries(entries)
      .filter(([k]) => k.startsWith('caf.draft.'))
      .map(([k, v]) => [k, JSON.parse(v)]),
  );
}


const statusText = (page) => page.locator('#save-status').textContent();

/** Fails the test if anything on the page opens a dialog (alert from injected markup). */
function forbidDialogs(page) {
  const dialogs = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    await dialog.dismiss();
  });
  return dialogs;
}

test('text typed just before a reload is restored (the pagehide save)', () =>
  withPage(async (page, app) => {
    await page.goto(app.url('/'));
    await newDraftOnChildStep(page);
    const id = await draftId(page);
    await page.locator('#child-given_name').focus();
    await page.keyboard.type('Zoë Łukasiewicz');
    // Nothing is stored yet (the debounced save has not run), and the reload
    // comes at once: only the pagehide save can keep the name.
    await page.reload();
    // The draft reopens, or (if it was never stored) the drafts page shows.
    await page.locator('#child-given_name, #start-new').first().waitFor();
    assert.equal(await storedGivenName(page, id), 'Zoë Łukasiewicz', 'the name was stored as the page went away');
    assert.equal(await page.locator('#child-given_name').inputValue(), 'Zoë Łukasiewicz');
    assert.equal(await draftId(page), id, 'the same draft is open again');
  }));

test('two tabs on one draft: the older tab never overwrites, and can keep its work as a copy', () =>
  withPage(async (tabA, app) => {
    await tabA.goto(app.url('/'));
    await newDraftOnChildStep(tabA);
    const id = await draftId(tabA);
    await tabA.locator('#child-given_name').fill('Anna from tab A');
    await eventually(async () => (await storedGivenName(tabA, id)) === 'Anna from tab A', { message: "tab A's save" });

    const tabB = await app.newPage();
    await tabB.goto(tabA.url());
    const fieldB = tabB.locator('#child-given_name');
    await fieldB.waitFor();
    assert.equal(await fieldB.inputValue(), 'Anna from tab A', 'tab B opens what tab A saved');
    await fieldB.fill('Bartosz from tab B');
    await eventually(async () => (await storedGivenName(tabB, id)) === 'Bartosz from tab B', { message: "tab B's save" });

    // Tab A, still holding the older revision, types again and saves.
    await tabA.locator('#child-given_name').fill('Anna again in tab A');
    await saveNow(tabA);
    assert.equal(await storedGivenName(tabA, id), 'Bartosz from tab B', "tab A did not overwrite tab B's newer work");
    const panel = tabA.locator('#conflict-panel');
    await panel.waitFor();
    assert.equal(await tabA.locator('#load-newer').textContent(), 'Load the newer version');
    assert.equal(await tabA.locator('#keep-copy').textContent(), 'Keep mine as a copy');
    assert.equal(await tabA.locator('#child-given_name').inputValue(), 'Anna again in tab A', "tab A's typing is still on screen");
    // The debounced save, too, leaves the stored draft alone.
    await saveNow(tabA);
    assert.equal(await storedGivenName(tabA, id), 'Bartosz from tab B');

    await tabA.locator('#keep-copy').click();
    await eventually(async () => Object.keys(await storedDrafts(tabA)).length === 2, { message: 'a second stored draft' });
    const drafts = await storedDrafts(tabA);
    const copyKey = Object.keys(drafts).find((k) => k !== `caf.draft.${id}`);
    assert.equal(drafts[`caf.draft.${id}`].draft.data.child.given_name, 'Bartosz from tab B');
    assert.equal(drafts[copyKey].draft.data.child.given_name, 'Anna again in tab A');
    assert.equal(await draftId(tabA), copyKey.slice('caf.draft.'.length), 'tab A now has its copy open');
    assert.match(await tabA.evaluate(() => location.hash), /\/child$/, 'on the step tab A was working on');
    assert.equal(await tabA.locator('#conflict-panel').count(), 0);
    assert.equal(await statusText(tabA), 'Your version is kept as a separate copy.');

    // The copy saves normally from now on; tab B's draft is still untouched.
    await tabA.locator('#child-given_name').fill('Anna, copy');
    await saveNow(tabA);
    assert.equal((await storedDrafts(tabA))[copyKey].draft.data.child.given_name, 'Anna, copy');
    assert.equal(await storedGivenName(tabA, id), 'Bartosz from tab B');
    assert.equal(await fieldB.inputValue(), 'Bartosz from tab B');
    assert.equal(await tabB.locator('#conflict-panel').count(), 0, 'tab B is not disturbed by the copy');

    // Newer work arrives under tab B (written from tab A's page, as another
    // window would): "Load the newer version" shows it, on the same step.
    await tabA.evaluate((key) => {
      const stored = JSON.parse(localStorage.getItem(key));
      stored.draft.revision += 1;
      stored.draft.data.child.given_name = 'Changed in another window';
      localStorage.setItem(key, JSON.stringify(stored));
    }, `caf.draft.${id}`);
    await tabB.locator('#conflict-panel').waitFor();
    await tabB.locator('#load-newer').click();
    await eventually(async () => (await fieldB.inputValue()) === 'Changed in another window', { message: 'tab B to show the newer version' });
    assert.match(await tabB.evaluate(() => location.hash), new RegExp(`^#draft/${id}/child$`));
    assert.equal(await tabB.locator('#conflict-panel').count(), 0);
    assert.equal(await statusText(tabB), 'Opened the newer version.');
  }));

test('a full storage: the save fails in words and the stored draft is kept', () =>
  withPage(async (page, app) => {
    await page.goto(app.url('/'));
    await newDraftOnChildStep(page);
    const id = await draftId(page);
    await page.locator('#child-given_name').fill('Before the storage filled');
    await eventually(async () => (await storedGivenName(page, id)) === 'Before the storage filled', { message: 'the first save' });
    const storedBefore = (await cafEntries(page))[`caf.draft.${id}`];

    // Fill localStorage to the last character.
    const nJunk = await fillStorage(page);
    assert.ok(nJunk > 0);
    try {
      // A page opened now is told at once, and still opens the stored draft.
      const other = await app.newPage();
      await other.goto(page.url());
      await other.locator('#storage-banner', { hasText: "This browser's storage is full" }).waitFor();
      assert.equal(await other.locator('#child-given_name').inputValue(), 'Before the storage filled');
      await other.close();

      await page.locator('#child-given_name').fill('After the storage filled, a longer name');
      await saveNow(page);
      await eventually(async () => (await statusText(page)) === QUOTA_MESSAGE, { message: 'the quota message' });
      assert.match(await page.locator('#save-status').getAttribute('class'), /caf-status--problem/);
      assert.equal((await cafEntries(page))[`caf.draft.${id}`], storedBefore, 'the stored draft is exactly as before');
      assert.equal(await page.locator('#child-given_name').inputValue(), 'After the storage filled, a longer name');
    } finally {
      await emptyJunk(page);
    }
    // Space again: the change that failed is saved at the next chance.
    await saveNow(page);
    assert.equal(await storedGivenName(page, id), 'After the storage filled, a longer name');
    assert.match(await statusText(page), /^Saved on this device at \d\d:\d\d$/);
  }));

test('unreadable stored entries are listed, downloadable byte for byte, and never changed', () =>
  withPage(async (page, app) => {
    const notJsonKey = 'caf.draft.badjson1-4c47-4a51-9e2f-000000000001';
    const newerKey = 'caf.draft.newer099-4c47-4a51-9e2f-000000000002';
    const garbage = {
      [notJsonKey]: 'not JSON {"draft": Zoë Łukasiewicz-O\'Brien,\n\t<b>&amp;</b> \u202E end  \n',
      [newerKey]: JSON.stringify(
        { format_version: 99, draft: { id: newerKey.slice(10), revision: 4, data: { child: { given_name: 'Ελένη', family_name: 'Олена' } }, hologram: true } },
        null,
        3,
      ),
    };
    await page.goto(app.url('/'));
    await page.evaluate((entries) => {
      for (const [k, v] of Object.entries(entries)) localStorage.setItem(k, v);
    }, garbage);
    await page.reload();
    await page.locator('#start-new').waitFor();

    const rows = page.locator('.caf-unreadable');
    assert.equal(await rows.count(), 2, 'both entries are listed');
    for (let i = 0; i < 2; i += 1) {
      assert.equal(await rows.nth(i).locator('h2').textContent(), 'Could not open this draft');
    }
    assert.match(await page.locator('main').textContent(), /newer version of CAF Lite \(format version 99\)/);

    const downloaded = {};
    for (let i = 0; i < 2; i += 1) {
      const { bytes, suggested } = await downloadFrom(page, rows.nth(i).getByRole('button', { name: 'Download the stored data' }));
      downloaded[suggested] = bytes;
    }
    assert.deepEqual(Object.keys(downloaded).sort(), ['CAF-stored-data-badjson1.txt', 'CAF-stored-data-newer099.txt']);
    assert.ok(downloaded['CAF-stored-data-badjson1.txt'].equals(Buffer.from(garbage[notJsonKey], 'utf8')), 'not-JSON entry: exactly the stored bytes');
    assert.ok(downloaded['CAF-stored-data-newer099.txt'].equals(Buffer.from(garbage[newerKey], 'utf8')), 'newer entry: exactly the stored bytes');

    // Saving, deleting and emptying other drafts leaves them alone.
    await newDraftOnChildStep(page);
    const id = await draftId(page);
    await page.locator('#child-given_name').fill('Another child');
    await saveNow(page);
    assert.equal(await storedGivenName(page, id), 'Another child');
    await toDraftsPage(page);
    await page.locator('#drafts li').getByRole('button', { name: 'Delete draft' }).click();
    await page.getByRole('button', { name: 'Yes, delete it' }).click();
    await page.getByRole('button', { name: 'Empty recently deleted' }).click();
    await page.getByRole('button', { name: 'Yes, empty it' }).click();
    await eventually(async () => !Object.keys(await cafEntries(page)).some((k) => k.includes(id)), { message: 'the other draft to be gone' });

    // The address of an unreadable draft does not open (or touch) it either.
    await page.goto(app.url(`/#draft/${notJsonKey.slice(10)}/child`));
    await page.reload();
    await page.locator('#start-new').waitFor();
    assert.deepEqual(await cafEntries(page), garbage, 'the unreadable entries are exactly as planted');
    assert.equal(await page.locator('.caf-unreadable').count(), 2);
  }));

test('export, delete, empty, import: the draft comes back exactly, twice with Keep both', () =>
  withPage(async (page, app) => {
    const dialogs = forbidDialogs(page);
    await page.goto(app.url('/'));
    await newDraftOnChildStep(page);
    const id = await draftId(page);
    await page.locator('#child-given_name').fill(MANY_SCRIPTS);
    await page.locator('#child-family_name').fill(HOSTILE);
    await page.locator('#child-address').fill(`${HOSTILE}\n12 Mill Lane\nΑθήνα`);
    await saveNow(page);
    const original = (await storedDrafts(page))[`caf.draft.${id}`];
    assert.equal(original.draft.data.child.family_name, HOSTILE, 'stored exactly as typed');

    await toDraftsPage(page);
    await page.locator('#show-names').check();
    const row = page.locator('#drafts li');
    assert.equal(await row.locator('.caf-drafts__name').textContent(), `${MANY_SCRIPTS} ${HOSTILE}`.trim(), 'the name shows as text');
    assert.equal(await page.locator('main script').count(), 0, 'no markup was made from the name');

    const exported = await downloadFrom(page, row.getByRole('button', { name: /^Export draft file/ }), 'drafts-roundtrip.caf.json');
    const file = JSON.parse(exported.bytes.toString('utf8'));
    assert.equal(file.format, 'caf-lite.draft');
    assert.equal(file.draft.id, id);
    assert.deepEqual(file.draft.data, original.draft.data, 'the file holds the stored answers');

    await row.getByRole('button', { name: 'Delete draft' }).click();
    await page.getByRole('button', { name: 'Yes, delete it' }).click();
    await page.locator('#recently-deleted').waitFor();
    // One deleted copy, under the draft's id, the day and a random token.
    const deletedKeys = Object.keys(await cafEntries(page));
    assert.equal(deletedKeys.length, 1);
    assert.match(deletedKeys[0], new RegExp(`^caf\\.deleted\\.${id}~\\d{4}-\\d\\d-\\d\\d~[0-9a-f-]{36}$`));
    await page.getByRole('button', { name: 'Empty recently deleted' }).click();
    await page.getByRole('button', { name: 'Yes, empty it' }).click();
    await eventually(async () => Object.keys(await cafEntries(page)).length === 0, { message: 'nothing stored' });

    await page.locator('#import-file').setInputFiles(exported.path);
    await eventually(async () => (await storedDrafts(page))[`caf.draft.${id}`], { message: 'the imported draft to be stored' });
    const imported = (await storedDrafts(page))[`caf.draft.${id}`];
    assert.equal(JSON.stringify(imported.draft.data), JSON.stringify(original.draft.data), 'the answers are exactly the original');
    assert.equal(await statusText(page), 'The draft file was imported.');

    // Importing the same file again asks; Keep both makes a second draft.
    await toDraftsPage(page);
    await page.locator('#import-file').setInputFiles(exported.path);
    await page.locator('#import-choice').waitFor();
    assert.equal(await page.locator('#import-replace').textContent(), 'Replace');
    assert.equal(await page.locator('#import-keep-both').textContent(), 'Keep both');
    assert.equal(Object.keys(await storedDrafts(page)).length, 1, 'nothing is stored before the choice');
    await page.locator('#import-keep-both').click();
    await eventually(async () => Object.keys(await storedDrafts(page)).length === 2, { message: 'a second draft' });
    const both = await storedDrafts(page);
    const secondKey = Object.keys(both).find((k) => k !== `caf.draft.${id}`);
    assert.equal(JSON.stringify(both[`caf.draft.${id}`].draft.data), JSON.stringify(original.draft.data), 'the first import is untouched');
    assert.equal(JSON.stringify(both[secondKey].draft.data), JSON.stringify(original.draft.data), 'the second draft has the same answers');
    assert.notEqual(both[secondKey].draft.id, id);

    // The imported draft opens with the name in its boxes, as text.
    await page.locator('#task-child').click();
    assert.equal(await page.locator('#child-family_name').inputValue(), HOSTILE);
    assert.equal(await page.locator('#child-given_name').inputValue(), MANY_SCRIPTS);
    assert.deepEqual(dialogs, [], 'no dialog was opened by the hostile text');
  }));

test('copies deleted 30 days ago or more go each time the drafts page opens, newer ones stay', () =>
  withPage(async (page, app) => {
    await page.goto(app.url('/'));
    await newDraftOnChildStep(page);
    await page.locator('#child-given_name').fill('Deleted');
    await saveNow(page);
    await toDraftsPage(page);
    await page.locator('#drafts li').getByRole('button', { name: 'Delete draft' }).click();
    await page.getByRole('button', { name: 'Yes, delete it' }).click();
    await page.locator('#recently-deleted').waitFor();
    // The deleted copy again, as if deleted 40 days ago and 10 days ago.
    const backdate = () =>
      page.evaluate(() => {
        const key = Object.keys(localStorage).find((k) => k.startsWith('caf.deleted.'));
        const text = localStorage.getItem(key);
        const [id, , token] = key.slice('caf.deleted.'.length).split('~');
        const daysAgo = (n) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
        localStorage.removeItem(key);
        localStorage.setItem(`caf.deleted.${id}~${daysAgo(40)}~${token}`, text);
        localStorage.setItem(`caf.deleted.${id}~${daysAgo(10)}~${token}b`, text);
      });
    const deletedCount = async () => Object.keys(await cafEntries(page)).filter((k) => k.startsWith('caf.deleted.')).length;
    await backdate();
    await page.reload();
    await eventually(async () => (await statusText(page)) === '1 deleted draft kept for 30 days was removed.', { message: 'the old copy removed at open' });
    assert.equal(await deletedCount(), 1, 'the copy deleted 10 days ago stays');
    await eventually(async () => (await page.locator('#deleted-drafts li').count()) === 1, { message: 'the list drawn again' });

    // Opened again from a draft, the page removes a copy past its days again.
    await backdate();
    assert.equal(await deletedCount(), 2);
    await newDraftOnChildStep(page);
    await toDraftsPage(page);
    await eventually(async () => (await deletedCount()) === 1, { message: 'the old copy removed on opening the page again' });
  }));

test('storage disabled: the app still works and says nothing is saved', async () => {
  const app = await startApp();
  try {
    await app.context.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', {
        get() {
          throw new DOMException('denied', 'SecurityError');
        },
      });
    });
    const page = await app.newPage();
    await page.goto(app.url('/'));
    const banner = page.locator('#storage-banner');
    await banner.waitFor();
    assert.match(await banner.textContent(), /not letting CAF Lite save anything/);
    assert.equal(await banner.getAttribute('role'), 'alert');

    await newDraftOnChildStep(page);
    await page.locator('#child-given_name').fill('Olena');
    await saveNow(page);
    assert.equal(
      await statusText(page),
      'Not saved on this device: this browser is not letting CAF Lite save anything, so this draft is kept only until this page is closed. Download this draft now to keep your work.',
      'the status never claims the draft is saved on this device',
    );
    // Kept for as long as the page is open: away to the drafts page and back.
    await toDraftsPage(page);
    assert.equal(await page.locator('#drafts li').count(), 1);
    await page.locator('#drafts li').getByRole('button', { name: /^Continue/ }).click();
    await page.locator('#task-child').click();
    assert.equal(await page.locator('#child-given_name').inputValue(), 'Olena');
    // Export still works, so the work can be kept.
    await toDraftsPage(page);
    const { bytes } = await downloadFrom(page, page.locator('#drafts li').getByRole('button', { name: /^Export draft file/ }), 'storage-disabled.caf.json');
    assert.equal(JSON.parse(bytes.toString('utf8')).draft.data.child.given_name, 'Olena');
    assert.ok(await banner.isVisible(), 'the banner stays');
    app.assertClean();
  } finally {
    await app.close();
  }
});

/** Text of exactly `n` characters, mixing scripts so UTF-8 and UTF-16 sizes differ from the count. */
function longText(n, seed) {
  const base = `${seed}: Zoë and Łucja go to nursery; Ελένη reads; Олена sings. `;
  return base.repeat(Math.ceil(n / base.length) + 1).slice(0, n);
}

/**
 * The largest draft the app supports (150 actions, every long text near its
 * limit), as a stored entry (the `caf.draft.<id>` shape). It is the
 * benchmarks' large fixture, written by bench/make-fixtures.mjs: one
 * generator for both.
 */
function largestDraft() {
  const file = JSON.parse(readFileSync(join(REPO, 'bench', 'fixtures', 'large.caf.json'), 'utf8'));
  return { format_version: 1, draft: file.draft };
}

test('measure: the largest draft and the time one save takes', { timeout: 120_000 }, () =>
  withPage(async (page, app) => {
    const draft = largestDraft();
    const id = draft.draft.id;
    const key = `caf.draft.${id}`;
    await page.goto(app.url('/'));
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [key, JSON.stringify(draft)]);
    await page.goto(app.url(`/#draft/${id}/reason`));
    await page.reload();
    const box = page.locator('#reason-summary');
    await box.waitFor();

    // Time the app's whole save (read back, encode, write) and, inside it,
    // localStorage.setItem alone, over a few saves.
    await page.evaluate(() => {
      const setItem = Storage.prototype.setItem;
      window.__setItemMs = [];
      Storage.prototype.setItem = function timedSetItem(k, v) {
        const t0 = performance.now();
        try {
          return setItem.call(this, k, v);
        } finally {
          window.__setItemMs.push(performance.now() - t0);
        }
      };
    });
    const saveMs = [];
    for (let i = 0; i < 5; i += 1) {
      await box.fill(longText(1200, `reason, edit ${i}`));
      const ms = await page.evaluate(() => {
        const t0 = performance.now();
        document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
        return performance.now() - t0;
      });
      const stored = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), key));
      assert.equal(stored.draft.data.reason.summary, longText(1200, `reason, edit ${i}`), `save ${i} stored the edit`);
      assert.equal(stored.draft.data.plan.actions.length, 150);
      saveMs.push(ms);
    }
    const setItemMs = await page.evaluate(() => window.__setItemMs);
    const text = await page.evaluate((k) => localStorage.getItem(k), key);
    const bytes = Buffer.byteLength(text, 'utf8');
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    console.log(`measure: largest draft ${bytes} bytes, save ${median(saveMs).toFixed(1)} ms`);
    console.log(
      `measure: ${text.length} UTF-16 code units stored; saves ${saveMs.map((m) => m.toFixed(1)).join(', ')} ms; ` +
        `localStorage.setItem alone ${setItemMs.map((m) => m.toFixed(1)).join(', ')} ms`,
    );

    // The CAF PDF of the largest draft, made in the worker: time from the click
    // to the download (the first includes starting the worker), and its size.
    await page.goto(app.url(`/#draft/${id}/check`));
    await page.reload();
    const button = page.locator('#create-caf-pdf');
    await button.waitFor();
    for (const run of ['first (worker starts)', 'second']) {
      const t0 = Date.now();
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), button.click()]);
      const path = await download.path();
      const ms = Date.now() - t0;
      const size = (await import('node:fs')).statSync(path).size;
      console.log(`measure: 150-action CAF PDF in Chromium, ${run}: ${ms} ms, ${size} bytes`);
      await page.locator('#create-caf-pdf:not([disabled])').waitFor();
    }
  }));
