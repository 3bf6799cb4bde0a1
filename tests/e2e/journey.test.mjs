// A whole CAF by keyboard alone, from a new draft to the check page with
// every step Completed; then consent, the CAF PDF read back with pdftotext,
// out-of-date detection after an edit, the handout, and export. Like every
// end-to-end test it fails on any request to another origin and on any
// Content-Security-Policy violation (harness.mjs).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { OUT, withPage } from './harness.mjs';
import { activate, chooseOption, chooseRadio, daysFromToday, tabToText, tick, typeDate, typeInto } from './keyboard.mjs';

const CHILD = { given: 'Zoë', family: "Łukasiewicz-O'Brien" };

async function continueStep(page) {
  await activate(page, 'continue');
  await page.locator('#step-heading').waitFor();
}

/** Fills steps 1–10 by keyboard, starting on the task list of a new draft. */
async function fillWholeCaf(page) {
  const agreed = daysFromToday(-9);
  await activate(page, 'task-start');
  await chooseRadio(page, 'start-significant_harm', 'no');
  await chooseRadio(page, 'start-existing_check', 'checked_none');
  await typeInto(page, 'start-assess_agreed_by', 'Aleksandra Łukasiewicz');
  await typeInto(page, 'start-assess_agreed_relationship', 'Mother');
  await typeDate(page, 'start-assess_agreed_on', agreed);
  await continueStep(page);

  await typeInto(page, 'child-given_name', CHILD.given);
  await typeInto(page, 'child-family_name', CHILD.family);
  await typeDate(page, 'child-date_of_birth', { day: 3, month: 4, year: 2021 });
  await chooseRadio(page, 'child-sex', 'female');
  await typeInto(page, 'child-address', '12 Mill Lane\nChatham');
  await typeInto(page, 'child-postcode', 'me4 4tr');
  await typeInto(page, 'child-nhs_number', '943 476 5919');
  await continueStep(page);

  await typeInto(page, 'parents-0-name', 'Aleksandra Łukasiewicz');
  await typeInto(page, 'parents-0-relationship', 'Mother');
  await chooseRadio(page, 'parents-0-parental_responsibility', 'yes');
  await typeInto(page, 'parents-0-phone', '07700 900123');
  await continueStep(page);

  await typeInto(page, 'assessor-name', 'Sam Patel');
  await typeInto(page, 'assessor-role', 'Registered childminder');
  await typeInto(page, 'assessor-organisation', 'Little Acorns Childminding');
  await typeInto(page, 'assessor-phone', '01634 000000');
  await typeDate(page, 'assessment-started_on', agreed);
  await continueStep(page);

  await typeInto(page, 'reason-summary', 'Speech is behind what we would expect; mum asked for help.');
  await continueStep(page);

  await chooseRadio(page, 'needs-health-rating', 'some_concern');
  await typeInto(page, 'needs-health-notes', 'Few words at 3 years 7 months.');
  await chooseRadio(page, 'needs-learning-rating', 'strength');
  await continueStep(page);

  await typeInto(page, 'views-child', 'Likes the sand tray.');
  await typeInto(page, 'views-parent', 'Wants a speech referral.');
  await continueStep(page);

  await typeInto(page, 'conclusion-summary', 'Speech and language therapy, with a Team Around the Child.');
  await chooseRadio(page, 'conclusion-response', 'team_around_child');
  await continueStep(page);

  await typeDate(page, 'plan-meeting_date', daysFromToday(-7));
  await activate(page, 'plan-team-add');
  await typeInto(page, 'plan-team-0-name', 'Priya Shah');
  await typeInto(page, 'plan-team-0-role', 'Speech and language therapist');
  await typeInto(page, 'plan-team-0-agency', 'Speech and language therapy');
  await typeInto(page, 'plan-team-0-phone', '01634 111222');
  await chooseOption(page, 'choose-lead', '0');
  await tick(page, 'plan-lead-agreed_with_family');
  await activate(page, 'plan-actions-add');
  await chooseOption(page, 'plan-actions-0-need', 'health');
  await typeInto(page, 'plan-actions-0-what', 'Weekly speech sessions at nursery.');
  await typeInto(page, 'plan-actions-0-who', 'Priya Shah');
  await typeDate(page, 'plan-actions-0-due', daysFromToday(60));
  await typeInto(page, 'plan-actions-0-outcome', 'Zoë uses two-word phrases.');
  await typeDate(page, 'plan-next_review', daysFromToday(49));
  await continueStep(page);

  await typeInto(page, 'consent-given_by', 'Aleksandra Łukasiewicz');
  await typeInto(page, 'consent-relationship', 'Mother');
  await chooseRadio(page, 'consent-parental_responsibility', 'yes');
  await tick(page, 'consent-explained');
  await tick(page, 'consent-store');
  await tick(page, 'consent-share_with');
  await chooseRadio(page, 'consent-method', 'signed_paper');
  await typeDate(page, 'consent-date', daysFromToday(0));
  await typeInto(page, 'consent-practitioner', 'Sam Patel');
}

/** The PDF's text as pdftotext reads it, with runs of white space made one space. */
function pdfText(path) {
  return execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

/** Starts a new CAF and fills steps 1–10 by keyboard. */
async function startWholeCaf(page, app) {
  await page.goto(app.url('/'));
  await activate(page, 'start-new');
  await page.locator('#task-start').waitFor();
  await fillWholeCaf(page);
}

async function downloadPdf(page, buttonId, name) {
  const t0 = Date.now();
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), activate(page, buttonId)]);
  const ms = Date.now() - t0;
  mkdirSync(OUT, { recursive: true });
  const path = join(OUT, name);
  await download.saveAs(path);
  console.log(`measure: ${name} in Chromium: ${ms} ms from key press to download, ${readFileSync(path).length} bytes`);
  return { path, suggested: download.suggestedFilename() };
}

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
    assert.ok(recorded.includes("Zoë Łukasiewicz-O'Brien"), 'the child is named exactly as typed');
    assert.ok(recorded.includes('CONSENT TO SHARE RECORDED'), 'the RECORDED stamp is printed');
    assert.ok(!recorded.includes('DO NOT SHARE'));
    assert.equal(readFileSync(first.path).subarray(0, 5).toString(), '%PDF-');

    // Change an answer: the agreement is now out of date, and the next PDF says so.
    await page.goto(app.url('/') + (await page.evaluate(() => location.hash)).replace(/check$/, 'reason'));
    await typeInto(page, 'reason-summary', 'Speech is behind; mum asked for help. Nursery agrees.');
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
    assert.ok(words.includes('Priya Shah'), 'the lead professional is named');
    assert.ok(words.includes('01634 111222'), "the lead professional's phone is there");
    assert.ok(words.includes('Weekly speech sessions at nursery.'));
    for (const never of ['943 476 5919', '9434765919', 'Some concern', 'Strength', 'Speech is behind']) {
      assert.ok(!words.includes(never), `the handout does not show ${never}`);
    }

    // The printable handout page of the same plan, as the printer sees it.
    await activate(page, 'print-handout');
    await page.locator('#handout').waitFor();
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.emulateMedia({ media: 'print' });
    const printed = (await page.locator('#handout').innerText()).replace(/\s+/g, ' ');
    assert.ok(printed.includes('Priya Shah') && printed.includes('Weekly speech sessions at nursery.'));
    assert.ok(!printed.includes('943 476 5919'), 'no NHS number on the printable page');
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
    assert.equal(file.draft.data.consent.given_by, 'Aleksandra Łukasiewicz');
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

/** Each page's text of the PDF (pdftotext splits pages with a form feed). */
function pdfPages(path) {
  return execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8' })
    .split('\f')
    .filter((text) => text.trim() !== '')
    .map((text) => text.replace(/\s+/g, ' '));
}

async function goTo(page, app, step) {
  const hash = await page.evaluate(() => location.hash);
  await page.goto(app.url('/') + hash.replace(/\/[a-z_]+$/, `/${step}`));
  await page.locator('#step-heading').waitFor();
}

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
