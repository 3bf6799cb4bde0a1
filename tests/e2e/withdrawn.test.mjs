// Issue 24 item 5, caf-form.md §3.10 "Withdrawals are remembered by the
// device": record the agreement, delete, restore, withdraw, delete, restore
// the *older* copy. Before, the list and the PDF said RECORDED again; now the
// device's record of the withdrawal (`caf.withdrawn.<id>`) keeps it WITHDRAWN,
// and opening the older copy writes the withdrawal into it. Run plain, and
// with a passphrase set (the record is then sealed like a draft).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { downloadFrom, draftId } from './drafts-helpers.mjs';
import { PASSPHRASE, setPassphrase, toDraftsPage } from './lock-helpers.mjs';
import { eventually, withPage } from './harness.mjs';
import { downloadPdf, fillWholeCaf, goTo, pdfPages } from './journey-helpers.mjs';
import { activate, daysFromToday, typeDate } from './keyboard.mjs';

async function deleteTheDraft(page) {
  await page.locator('#drafts li').getByRole('button', { name: 'Delete draft' }).click();
  await page.getByRole('button', { name: 'Yes, delete it' }).click();
  await page.locator('#save-status', { hasText: 'moved to Recently deleted' }).waitFor();
}

/** The stored draft `id`'s consent block, opened when locked. */
const storedConsent = async (page, id, locked) => {
  const raw = await page.evaluate((k) => localStorage.getItem(k), `caf.draft.${id}`);
  assert.ok(raw, `caf.draft.${id} is stored`);
  const entry = JSON.parse(raw);
  if (locked) {
    assert.equal(entry.format, 'caf-lite.locked', 'the draft is sealed');
    return undefined;
  }
  return entry.draft.data.consent;
};

async function unlockIfLocked(page, locked) {
  if (!locked) return;
  await page.locator('#unlock-passphrase').fill(PASSPHRASE);
  await page.locator('#unlock').click();
  await page.locator('#unlock-form').waitFor({ state: 'detached', timeout: 15000 });
}

/** Opens draft `id` from the drafts page and checks that the check page and every page of its PDF say WITHDRAWN. */
async function openAndPrintWithdrawn(page, app, id, pdfName) {
  await page.locator(`#open-${id}`).click();
  await page.locator('#task-consent').waitFor();
  await goTo(page, app, 'check');
  await page.locator('#consent-banner', { hasText: 'CONSENT WITHDRAWN ON' }).waitFor();
  const pages = pdfPages((await downloadPdf(page, 'create-caf-pdf', pdfName)).path);
  for (const [n, text] of pages.entries()) {
    assert.ok(text.includes('CONSENT WITHDRAWN ON'), `page ${n + 1} says withdrawn`);
    assert.ok(!text.includes('CONSENT TO SHARE RECORDED'), `page ${n + 1} claims no agreement`);
  }
  assert.ok(pages[0].includes("this device's record of withdrawals"), 'page 1 says where the withdrawal came from');
}

async function olderCopyStaysWithdrawn(page, app, { locked }) {
  await page.goto(app.url('/'));
  await page.locator('#start-new').waitFor();
  if (locked) await setPassphrase(page);
  await activate(page, 'start-new');
  await page.locator('#task-start').waitFor();
  await fillWholeCaf(page);
  const id = await draftId(page);

  // Recorded, deleted and restored. The copy deleted then is kept aside by
  // the test: it stands for an older copy in Recently deleted (or an older
  // sealed entry put back), made before the withdrawal.
  await activate(page, 'record-agreement');
  await page.locator('#consent-status', { hasText: 'CONSENT TO SHARE RECORDED' }).waitFor();
  await toDraftsPage(page);
  await page.locator('#drafts li', { hasText: 'Consent: Recorded' }).waitFor();
  const file = locked
    ? null
    : await downloadFrom(page, page.locator('#drafts li').getByRole('button', { name: /^Export draft file/ }), 'withdrawn-older.caf.json');
  await deleteTheDraft(page);
  // (Locked, the store writes a moment later: wait until it has.)
  const older = await eventually(() => page.evaluate((draftKey) => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('caf.deleted.'));
    return key && localStorage.getItem(draftKey) === null ? { key, text: localStorage.getItem(key) } : null;
  }, `caf.draft.${id}`), { message: 'the deleted copy to be stored' });
  await page.locator('#deleted-drafts').getByRole('button', { name: /^Restore/ }).click();
  await page.locator('#drafts li', { hasText: 'Consent: Recorded' }).waitFor();
  // The older copy and the withdrawal must not share a second.
  await page.waitForTimeout(1100);

  // The family withdraws; the withdrawal is saved in the draft.
  await page.locator(`#open-${id}`).click();
  await page.locator('#task-consent').waitFor();
  await goTo(page, app, 'consent');
  await typeDate(page, 'consent-withdrawn_on', daysFromToday(-1));
  await page.locator('#consent-status', { hasText: 'CONSENT WITHDRAWN ON' }).waitFor();
  await page.locator('#save-status', { hasText: 'Saved on this device' }).waitFor();
  await toDraftsPage(page);
  await page.locator('#drafts li', { hasText: 'Consent: Withdrawn on' }).waitFor();

  // Deleted again; the older copy is back in Recently deleted beside it.
  await deleteTheDraft(page);
  await eventually(() => page.evaluate((draftKey) => localStorage.getItem(draftKey) === null
    && Object.keys(localStorage).filter((k) => k.startsWith('caf.deleted.')).length === 1, `caf.draft.${id}`), { message: 'the second deletion to be stored' });
  await page.evaluate(({ key, text }) => localStorage.setItem(key, text), older);
  await page.reload();
  await unlockIfLocked(page, locked);
  await page.locator('#deleted-drafts li').nth(1).waitFor();
  assert.equal(await page.locator('#deleted-drafts li').count(), 2);
  // Newest first: the older copy (saved before the withdrawal) is second.
  await page.locator('#deleted-drafts li').nth(1).getByRole('button', { name: /^Restore/ }).click();
  await page.locator('#save-status', { hasText: 'The draft was restored.' }).waitFor();
  await eventually(async () => (await page.evaluate((k) => localStorage.getItem(k), older.key)) === null, { message: 'the older copy to be the one restored' });
  const restored = await storedConsent(page, id, locked);
  if (!locked) {
    assert.equal(restored.withdrawn_on.year, '', 'the restored copy is the older one, without the withdrawal');
    assert.notEqual(restored.recorded_fingerprint, '', 'the restored copy holds the agreement');
  }

  // The list says WITHDRAWN, not RECORDED.
  const meta = await page.locator('#drafts li').first().textContent();
  assert.ok(!meta.includes('Consent: Recorded'), `the list brings RECORDED back: ${meta}`);
  assert.match(meta, /Consent: Withdrawn on \d\d\/\d\d\/\d{4}/);

  // Opened: the check page and every page of the PDF say WITHDRAWN.
  await openAndPrintWithdrawn(page, app, id, `withdrawn-older-copy${locked ? '-locked' : ''}.pdf`);

  // Opening wrote the withdrawal into the copy and stored it.
  if (!locked) {
    const written = await storedConsent(page, id, locked);
    assert.notEqual(written.withdrawn_on.year, '', 'the stored copy now carries the withdrawal');
    assert.match(written.withdrawn_note, /this device's record of withdrawals/);
  }

  // The device's record: one entry for the CAF, sealed when locked.
  const record = await page.evaluate((k) => localStorage.getItem(k), `caf.withdrawn.${id}`);
  assert.ok(record, `caf.withdrawn.${id} is stored`);
  const parsed = JSON.parse(record);
  if (locked) {
    assert.equal(parsed.format, 'caf-lite.locked', 'the record is sealed');
    assert.ok(!record.includes('withdrawn_on'), 'nothing of the record is readable');
    return;
  }
  assert.equal(parsed.format, 'caf-lite.withdrawals');
  assert.equal(parsed.withdrawals.length, 1);

  // Deleted for good, then the export made before the withdrawal imported:
  // still WITHDRAWN, and the withdrawal is written into what is stored.
  await toDraftsPage(page);
  await deleteTheDraft(page);
  await page.getByRole('button', { name: 'Empty recently deleted' }).click();
  await page.getByRole('button', { name: 'Yes, empty it' }).click();
  await page.locator('#recently-deleted').waitFor({ state: 'detached' });
  await page.locator('#import-file').setInputFiles(file.path);
  await page.locator('#save-status', { hasText: 'The draft file was imported.' }).waitFor();
  await toDraftsPage(page);
  const importedMeta = await page.locator('#drafts li').first().textContent();
  assert.match(importedMeta, /Consent: Withdrawn on \d\d\/\d\d\/\d{4}/, `the imported older file: ${importedMeta}`);
  await openAndPrintWithdrawn(page, app, id, 'withdrawn-older-import.pdf');
}

test('an older copy restored after a withdrawal stays WITHDRAWN in the list and the PDF', { timeout: 300_000 }, () =>
  withPage((page, app) => olderCopyStaysWithdrawn(page, app, { locked: false })));

test('with a passphrase set, the remembered withdrawal is sealed and still holds', { timeout: 300_000 }, () =>
  withPage((page, app) => olderCopyStaysWithdrawn(page, app, { locked: true })));
