// A whole CAF by keyboard alone, from a new draft to the check page with
// every step Completed; then consent, the CAF PDF read back with pdftotext,
// out-of-date detection after an edit, the handout, and export. Like every
// end-to-end test it fails on any request to another origin and on any
// Content-Security-Policy violation (harness.mjs).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { OUT, withPage } from './harness.mjs';
import { CAF, continueStep, downloadPdf, goTo, pdfPages, pdfText, startWholeCaf } from './journey-helpers.mjs';
import { activate, daysFromToday, tabToText, typeDate, typeInto } from './keyboard.mjs';

// Every answer typed is the complete CAF's (tests/fixtures/complete-caf.json).
const CHILD = { given: CAF.child.given_name, family: CAF.child.family_name };
const LEAD = CAF.plan.lead;
// The shortest action, whose words a PDF table cell keeps together.
const ACTION = CAF.plan.actions.map((action) => action.what).sort((a, b) => a.length - b.length)[0];

test('a whole CAF by keyboard alone, consent, the PDF and out-of-date detection', { timeout: 300_000 }, () =>
  withPage(async (page, app) => {
    await startWholeCaf(page, app);

    // Record the agreement: the status becomes RECORDED.
    await activate(page, 'record-agreement');
    await page.locator('#consent-status', { hasText: 'CONSENT TO SHARE RECORDED' }).waitFor();
    await app.screenshot(page, 'step-consent-recorded');
    await continueStep(page);

    // The check page; every step on the task list is Completed.
    assert.equal(await page.locator('#step-heading').textContent(), 'Check answers and create documents');
    await app.screenshot(page, 'check-answers');
    await activate(page, 'task-list-link');
    await page.locator('#task-start').waitFor();
    for (const step of ['start', 'child', 'family', 'assessor', 'reason', 'needs', 'views', 'conclusion', 'plan', 'consent']) {
      assert.equal(await page.locator(`#task-${step}-status`).textContent(), 'Completed', `step ${step}`);
    }
    await app.screenshot(page, 'task-list-complete');

    // The CAF PDF: the child's name and the RECORDED stamp, read back.
    await activate(page, 'task-check');
    await page.locator('#create-caf-pdf').waitFor();
    const first = await downloadPdf(page, 'create-caf-pdf', 'journey-recorded.pdf');
    assert.match(first.suggested, /^CAF-Lukasiewicz-O-Brien-[0-9a-f]{8}-v1\.pdf$/);
    const recorded = pdfText(first.path);
    assert.ok(recorded.includes(`${CHILD.given} ${CHILD.family}`), 'the child is named exactly as typed');
    assert.ok(recorded.includes('CONSENT TO SHARE RECORDED'), 'the RECORDED stamp is printed');
    assert.ok(!recorded.includes('DO NOT SHARE'));
    assert.equal(readFileSync(first.path).subarray(0, 5).toString(), '%PDF-');

    // Change an answer: the agreement is now out of date, and the next PDF says so.
    await page.goto(app.url('/') + (await page.evaluate(() => location.hash)).replace(/check$/, 'reason'));
    await typeInto(page, 'reason-summary', `${CAF.reason.summary} Nursery agrees.`);
    // Stored before the address changes (autosave runs within a second).
    await page.waitForFunction(() => Object.values(localStorage).some((v) => v.includes('Nursery agrees')));
    await page.goto(app.url('/') + (await page.evaluate(() => location.hash)).replace(/reason$/, 'check'));
    await page.locator('#consent-banner', { hasText: 'OUT OF DATE' }).waitFor();
    const second = await downloadPdf(page, 'create-caf-pdf', 'journey-out-of-date.pdf');
    assert.match(second.suggested, /-v2\.pdf$/, 'changed content gives a new version');
    const outOfDate = pdfText(second.path);
    assert.ok(outOfDate.includes('CONSENT OUT OF DATE'), 'the PDF says the agreement is out of date');
    assert.ok(!outOfDate.includes('CONSENT TO SHARE RECORDED'));

    // The handout PDF: plain words, and never the NHS number or ratings.
    const handout = await downloadPdf(page, 'create-handout', 'journey-handout.pdf');
    const words = pdfText(handout.path);
    assert.ok(words.includes(LEAD.name), 'the lead professional is named');
    assert.ok(words.includes(LEAD.phone), "the lead professional's phone is there");
    assert.ok(words.includes(ACTION.split(' ').slice(0, 2).join(' ')), 'the plan is there');
    const nhs = CAF.child.nhs_number;
    for (const never of [nhs, nhs.replace(/\s/g, ''), 'Some concern', 'Strength', CAF.reason.summary.slice(0, 30)]) {
      assert.ok(!words.includes(never), `the handout does not show ${never}`);
    }

    // The printable handout page of the same plan, as the printer sees it.
    await activate(page, 'print-handout');
    await page.locator('#handout').waitFor();
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.emulateMedia({ media: 'print' });
    const printed = (await page.locator('#handout').innerText()).replace(/\s+/g, ' ');
    assert.ok(printed.includes(LEAD.name) && printed.includes(ACTION));
    assert.ok(!printed.includes(nhs), 'no NHS number on the printable page');
    await app.screenshot(page, 'handout-print-filled');

    // Export the draft file from the drafts page, still by keyboard.
    await page.emulateMedia({ media: 'screen' });
    const id = (await page.evaluate(() => location.hash)).split('/')[1];
    await page.keyboard.press('Shift+Tab'); // from the page body back into the header
    await tabToText(page, /^CAF Lite$/);
    await page.keyboard.press('Enter');
    await page.locator('#start-new').waitFor();
    await tabToText(page, /^Export draft file/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    const exportPath = join(OUT, 'journey-export.caf.json');
    await download.saveAs(exportPath);
    const file = JSON.parse(readFileSync(exportPath, 'utf8'));
    assert.equal(file.format, 'caf-lite.draft');
    assert.equal(file.draft.id, id);
    assert.equal(file.draft.data.child.family_name, CHILD.family);
    assert.equal(file.draft.data.consent.given_by, CAF.consent.given_by);
    assert.equal(file.draft.version, 2, 'the file remembers the last CAF PDF version');
  }));

test('a draft without consent prints DO NOT SHARE', { timeout: 120_000 }, () =>
  withPage(async (page, app) => {
    await page.goto(app.url('/'));
    await activate(page, 'start-new');
    await activate(page, 'task-child');
    await typeInto(page, 'child-given_name', 'Олена');
    await typeInto(page, 'child-family_name', 'Ελένη');
    await page.goto(app.url('/') + (await page.evaluate(() => location.hash)).replace(/child$/, 'check'));
    await page.locator('#create-caf-pdf').waitFor();
    const { path, suggested } = await downloadPdf(page, 'create-caf-pdf', 'no-consent.pdf');
    assert.match(suggested, /^CAF-Eleni-[0-9a-f]{8}-v1\.pdf$/);
    const text = pdfText(path);
    assert.ok(text.includes('CONSENT NOT RECORDED — DRAFT, DO NOT SHARE'), 'the draft stamp is printed');
    assert.ok(text.includes('Олена Ελένη'), 'Cyrillic and Greek print and copy back exactly');
  }));

test('the stamp follows the terms agreed: an agency added after recording puts it out of date', { timeout: 300_000 }, () =>
  withPage(async (page, app) => {
    await startWholeCaf(page, app);

    // Filled in but not recorded: Continue says so beside the button, once.
    await activate(page, 'continue');
    await page.locator('#record-reminder').waitFor();
    assert.equal(await page.locator('#step-heading').textContent(), 'Agreement to share information');
    await activate(page, 'record-agreement');
    await page.locator('#consent-status', { hasText: 'CONSENT TO SHARE RECORDED' }).waitFor();
    assert.equal(await page.locator('#record-reminder').count(), 0, 'recording clears the reminder');

    await goTo(page, app, 'check');
    const first = await downloadPdf(page, 'create-caf-pdf', 'truth-recorded.pdf');
    assert.match(first.suggested, /-v1\.pdf$/);
    for (const [n, text] of pdfPages(first.path).entries()) {
      assert.ok(text.includes('CONSENT TO SHARE RECORDED'), `page ${n + 1} is stamped recorded`);
    }

    // An agency the family never agreed to, added on the consent page.
    await goTo(page, app, 'consent');
    await typeInto(page, 'consent-share_with-add', 'Police');
    await page.keyboard.press('Enter');
    await page.locator('#consent-status', { hasText: 'CONSENT OUT OF DATE' }).waitFor();
    assert.ok((await page.locator('#consent-status-why').textContent()).includes('changed after it was recorded'));

    // The task list and the check page say so, and so does every page of a new PDF.
    await goTo(page, app, 'check');
    await page.locator('#consent-banner', { hasText: 'CONSENT OUT OF DATE' }).waitFor();
    assert.ok((await page.locator('#check-consent-to-do').textContent()).includes('Still to do'));
    await activate(page, 'task-list-link');
    await page.locator('#task-consent-status', { hasText: 'Out of date' }).waitFor();
    await activate(page, 'task-check');
    await page.locator('#create-caf-pdf').waitFor();
    const second = await downloadPdf(page, 'create-caf-pdf', 'truth-out-of-date.pdf');
    assert.match(second.suggested, /-v2\.pdf$/, 'new terms, new version');
    const pages = pdfPages(second.path);
    assert.ok(pages.length >= 2);
    for (const [n, text] of pages.entries()) {
      assert.ok(text.includes('CONSENT OUT OF DATE'), `page ${n + 1} says out of date`);
      assert.ok(!text.includes('CONSENT TO SHARE RECORDED'), `page ${n + 1} claims no agreement`);
    }
    const handout = pdfText((await downloadPdf(page, 'create-handout', 'truth-handout-out-of-date.pdf')).path);
    assert.ok(!handout.includes('You agreed'), 'the handout claims no agreement');
    assert.ok(handout.includes('we need to ask you again'));

    // Recorded again with the family: RECORDED, at a version above the first.
    await goTo(page, app, 'consent');
    await activate(page, 'record-agreement');
    await page.locator('#consent-status', { hasText: 'CONSENT TO SHARE RECORDED' }).waitFor();
    await goTo(page, app, 'check');
    assert.equal(await page.locator('#check-consent-to-do').count(), 0);
    const third = await downloadPdf(page, 'create-caf-pdf', 'truth-recorded-again.pdf');
    const version = Number(third.suggested.match(/-v(\d+)\.pdf$/)[1]);
    assert.ok(version > 1, `version ${version} is above the first PDF's`);
    const again = pdfPages(third.path);
    for (const [n, text] of again.entries()) {
      assert.ok(text.includes('CONSENT TO SHARE RECORDED'), `page ${n + 1}`);
    }
    assert.ok(again[0].includes('Police'), 'page 1 names the agency now agreed');
  }));

test('a withdrawal ends the agreement: another tab cannot print it, and clearing the date does not bring it back', { timeout: 300_000 }, () =>
  withPage(async (page, app) => {
    await startWholeCaf(page, app);
    await activate(page, 'record-agreement');
    await page.locator('#consent-status', { hasText: 'CONSENT TO SHARE RECORDED' }).waitFor();
    await goTo(page, app, 'check');
    await page.locator('#consent-banner', { hasText: 'CONSENT TO SHARE RECORDED' }).waitFor();

    // Tab B, on the same CAF, records the family's withdrawal and saves it.
    const hash = await page.evaluate(() => location.hash);
    const tabB = await app.newPage();
    await tabB.goto(app.url('/') + hash.replace(/\/[a-z_]+$/, '/consent'));
    await tabB.locator('#step-heading').waitFor();
    await typeDate(tabB, 'consent-withdrawn_on', daysFromToday(-1));
    await tabB.locator('#consent-status', { hasText: 'CONSENT WITHDRAWN ON' }).waitFor();
    await tabB.locator('#save-status', { hasText: 'Saved on this device' }).waitFor();

    // Tab A still shows the old state, but prints nothing from it.
    let downloads = 0;
    page.on('download', () => { downloads += 1; });
    for (const button of ['create-caf-pdf', 'create-handout', 'print-handout']) {
      await activate(page, button);
      await page.locator('#pdf-progress', { hasText: 'Nothing was printed' }).waitFor();
    }
    await page.locator('#conflict-panel').waitFor();
    assert.equal(downloads, 0, 'no printout from a tab that missed the withdrawal');
    assert.equal(await page.locator('#handout').count(), 0, 'the handout page did not open');

    // Loading the newer version: every printout now says WITHDRAWN.
    await activate(page, 'load-newer');
    await page.locator('#consent-banner', { hasText: 'CONSENT WITHDRAWN ON' }).waitFor();
    const withdrawn = pdfPages((await downloadPdf(page, 'create-caf-pdf', 'truth-withdrawn.pdf')).path);
    for (const [n, text] of withdrawn.entries()) {
      assert.ok(text.includes('CONSENT WITHDRAWN ON'), `page ${n + 1} says withdrawn`);
      assert.ok(!text.includes('CONSENT TO SHARE RECORDED'), `page ${n + 1} claims no agreement`);
    }

    // Clearing the withdrawal date (by mistake, or to undo it) leaves the
    // agreement NOT RECORDED: it has to be confirmed with the family again.
    await tabB.close();
    await goTo(page, app, 'consent');
    for (const part of ['day', 'month', 'year']) {
      await typeInto(page, `consent-withdrawn_on-${part}`, '');
      await page.keyboard.press('Backspace');
    }
    await page.locator('#consent-status', { hasText: 'CONSENT NOT RECORDED' }).waitFor();
    assert.match(await page.locator('#consent-record').textContent(), /withdrawn on \d\d\/\d\d\/\d{4}/, 'the withdrawn agreement is in the history');
    assert.equal(await page.locator('#record-agreement').textContent(), 'Record agreement');
    await goTo(page, app, 'check');
    await page.locator('#consent-banner', { hasText: 'CONSENT NOT RECORDED' }).waitFor();
  }));
