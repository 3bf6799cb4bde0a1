// Working through a caseload (issue 15, caf-form.md §2 and §6): every page
// its own history entry, so the browser's Back and Forward move between the
// app's pages and never leave it for a blank page; "Return to task list" on
// every step, by keyboard; focus and the window title on every page change;
// where each CAF stands on the drafts page, in the order that needs
// attention first, with screenshots at 1024 and 320 px and axe; a CAF for a
// brother or sister; one rule for names; closed CAFs kept too long; and
// "Imported on" for a draft from a file.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { draftId } from './drafts-helpers.mjs';
import { REPO, eventually, withPage } from './harness.mjs';
import { activate, daysFromToday, focusedId, tabTo } from './keyboard.mjs';

const STEPS = ['start', 'child', 'family', 'assessor', 'reason', 'needs', 'views', 'conclusion', 'plan', 'consent', 'check'];

const title = (page) => page.evaluate(() => document.title);
const heading = (page) => page.locator('#step-heading').textContent();

/** Waits until the focused element is the one with `id`. */
async function focusIsOn(page, id, why) {
  await page
    .waitForFunction((i) => document.activeElement?.id === i, id, { timeout: 5000 })
    .catch(async () => assert.fail(`${why}: focus is on #${await focusedId(page)}, not #${id}`));
}

/** Waits until the page shows the heading `text`, focus on it, and the title names it. */
async function onPage(page, text, titleName = text) {
  await page.locator('#step-heading', { hasText: text }).waitFor();
  assert.equal(await heading(page), text);
  await focusIsOn(page, 'step-heading', `on "${text}"`);
  assert.equal(await title(page), `${titleName} – CAF Lite`);
  // The heading itself is read out; the live region stays quiet.
  assert.equal(await page.locator('#page-announcer').textContent(), '');
}

test('Back and Forward move between the app\'s pages, and Back from the task list reaches the drafts page', { timeout: 120_000 }, () =>
  withPage(async (page, app) => {
    await page.goto(app.url('/'));
    await page.locator('#start-new').waitFor();
    assert.equal(await title(page), 'Your CAFs on this device – CAF Lite');
    await activate(page, 'start-new');
    await onPage(page, 'A CAF with no name yet', 'Task list');
    await activate(page, 'task-child');
    await onPage(page, 'About the child');
    const id = await draftId(page);
    assert.equal(await page.evaluate(() => location.hash), `#draft/${id}/child`);
    await page.locator('#child-given_name').fill('Zoë');
    await page.locator('#child-family_name').fill('Łukasiewicz');
    await activate(page, 'return-to-task-list');
    await onPage(page, 'ZŁ', 'Task list');
    await activate(page, 'task-family');
    await onPage(page, 'Family and household');
    assert.equal(await page.evaluate(() => location.hash), `#draft/${id}/family`);

    // Back: the page before, focus back on the control the user left it from.
    await page.goBack();
    await page.locator('#task-child').waitFor();
    await focusIsOn(page, 'task-family', 'Back to the task list');
    assert.equal(await title(page), 'Task list – CAF Lite');
    // Focus is on a link, not the heading: the page's name is announced.
    assert.equal(await page.locator('#page-announcer').getAttribute('aria-live'), 'polite');
    assert.equal(await page.locator('#page-announcer').textContent(), 'Task list');
    assert.equal(await page.evaluate(() => location.hash), `#draft/${id}/tasks`);
    await page.goBack();
    await page.locator('#step-heading', { hasText: 'About the child' }).waitFor();
    assert.equal(await page.locator('#child-given_name').inputValue(), 'Zoë', 'what was typed is there');
    await focusIsOn(page, 'return-to-task-list', 'Back to the child step');
    assert.equal(await title(page), 'About the child – CAF Lite');
    // Forward again, twice.
    await page.goForward();
    await page.locator('#task-child').waitFor();
    await page.goForward();
    await page.locator('#step-heading', { hasText: 'Family and household' }).waitFor();
    assert.equal(await title(page), 'Family and household – CAF Lite');
    // Back all the way: the drafts page, never a blank page.
    for (let n = 0; n < 4; n += 1) await page.goBack();
    await page.locator('#start-new').waitFor();
    assert.equal(await page.evaluate(() => location.hash), '');
    assert.equal(await title(page), 'Your CAFs on this device – CAF Lite');
    await focusIsOn(page, 'start-new', 'Back to the drafts page');
    // Forward from the drafts page opens the draft's task list again.
    await page.goForward();
    await page.locator('#task-child').waitFor();
    assert.equal(await page.evaluate(() => location.hash), `#draft/${id}/tasks`);

    // An address opened from outside the app (a new tab) gets the drafts
    // page beneath it: Back from there is the drafts page, not a blank page.
    const tab = await app.newPage();
    await tab.goto(app.url(`/#draft/${id}/tasks`));
    await tab.locator('#task-child').waitFor();
    await tab.goBack();
    await tab.locator('#start-new').waitFor();
    assert.equal(await tab.evaluate(() => location.href), app.url('/'));
    // A reload of a page reached inside the app adds nothing beneath it.
    await tab.goForward();
    await tab.locator('#task-child').waitFor();
    const length = await tab.evaluate(() => history.length);
    await tab.reload();
    await tab.locator('#task-child').waitFor();
    assert.equal(await tab.evaluate(() => history.length), length);
    await tab.close();

    // An anchor within a page is not a move between pages.
    await activate(page, 'task-child');
    await page.locator('#child-given_name').waitFor();
    await page.evaluate(() => document.querySelector('a.caf-skip-link').click());
    await page.locator('#child-given_name').waitFor();
    assert.equal(await heading(page), 'About the child');
  }));

test('"Return to task list" is on every step and works by keyboard', { timeout: 180_000 }, () =>
  withPage(async (page, app) => {
    // A plan, so that the reviews page is offered too.
    const fixture = JSON.parse(readFileSync(join(REPO, 'tests', 'fixtures', 'import', 'draft_v1.caf.json'), 'utf8'));
    await page.goto(app.url('/'));
    await plant(page, fixture.draft);
    await page.reload();
    await activate(page, `open-${fixture.draft.id}`);
    await page.locator('#task-start').waitFor();
    for (const step of [...STEPS, 'reviews']) {
      await activate(page, `task-${step}`);
      await page.locator('#return-to-task-list').waitFor();
      assert.equal(await page.evaluate(() => location.hash), `#draft/${fixture.draft.id}/${step}`);
      // The link is the first control on the step after the header.
      assert.equal(
        await page.evaluate(() => [...document.querySelectorAll('main a, main button, main input, main select, main textarea')][0]?.id),
        'return-to-task-list',
        `${step}: first in the page`,
      );
      await tabTo(page, 'return-to-task-list');
      await page.keyboard.press('Enter');
      await onPage(page, 'ZŁ, born 2021', 'Task list');
    }
  }));

/** Stores `draft` as the app stores it. */
const plant = (page, draft) =>
  page.evaluate(([key, value]) => localStorage.setItem(key, value), [
    `caf.draft.${draft.id}`,
    JSON.stringify({ format_version: 1, write_token: 'planted', draft }),
  ]);

/** `{day, month, year}` as the stored date boxes hold it. */
const boxes = ({ day, month, year }) => ({ day: String(day), month: String(month), year: String(year) });
const ddmmyyyy = ({ day, month, year }) => `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;

/**
 * Drafts in every standing, from the fixture: `id`, the child's given name,
 * the plan's review date and reviews (days from today), the saved time.
 */
function caseloadDrafts() {
  const fixture = JSON.parse(readFileSync(join(REPO, 'tests', 'fixtures', 'import', 'draft_v1.caf.json'), 'utf8')).draft;
  const make = (n, given, { plan = true, next, reviews = [], saved }) => {
    const draft = structuredClone(fixture);
    draft.id = `0000000${n}-5d0b-4c47-9a51-3e2f7b8c6d10`;
    draft.updated_at = saved;
    draft.data.child.given_name = given;
    draft.data.child.date_of_birth = boxes({ day: 1, month: 1, year: 2015 + n });
    if (!plan) {
      draft.data.plan.actions = [];
      draft.data.plan.meeting_date = { day: '', month: '', year: '' };
    }
    draft.data.plan.meeting_date = plan ? boxes(daysFromToday(-400)) : draft.data.plan.meeting_date;
    draft.data.plan.next_review = next === undefined ? { day: '', month: '', year: '' } : boxes(daysFromToday(next));
    draft.data.reviews = reviews.map(({ on, decision, next: after, reason = '' }) => ({
      ...structuredClone(fixture.data.reviews[0]),
      date: boxes(daysFromToday(on)),
      decision,
      next_review: after === undefined ? { day: '', month: '', year: '' } : boxes(daysFromToday(after)),
      closure_reason: reason,
    }));
    return draft;
  };
  return [
    make(1, 'Ada', { plan: false, saved: '2026-11-20T09:00:00Z' }),
    make(2, 'Ben', { next: 40, saved: '2026-11-21T09:00:00Z' }),
    make(3, 'Cai', { next: -10, saved: '2026-10-01T09:00:00Z' }),
    make(4, 'Dee', { next: 5, saved: '2026-09-01T09:00:00Z' }),
    make(5, 'Eve', { next: -300, reviews: [{ on: -30, decision: 'close', reason: 'needs_met' }], saved: '2026-11-19T09:00:00Z' }),
    make(6, 'Fay', { next: -300, reviews: [{ on: -250, decision: 'close', reason: 'moved_area' }], saved: '2026-06-01T09:00:00Z' }),
    make(7, 'Gus', {
      next: -300,
      reviews: [
        { on: -200, decision: 'close', reason: 'needs_met' },
        { on: -100, decision: 'continue', next: -3 },
      ],
      saved: '2026-08-01T09:00:00Z',
    }),
  ];
}

test('where each CAF stands, what needs attention first, and closed CAFs you may no longer need', { timeout: 180_000 }, () =>
  withPage(
    async (page, app) => {
      await page.setViewportSize({ width: 1024, height: 800 });
      await page.goto(app.url('/'));
      for (const draft of caseloadDrafts()) await plant(page, draft);
      await page.reload();
      await page.locator('#drafts li').first().waitFor();
      await page.locator('#show-names').check();

      assert.equal(await page.locator('#reviews-overdue').textContent(), '2 reviews are overdue');
      const rows = await page.locator('#drafts li').evaluateAll((items) =>
        items.map((li) => [li.querySelector('.caf-drafts__name').textContent, li.querySelector('.caf-drafts__standing').textContent]),
      );
      assert.deepEqual(rows, [
        [`Cai Łukasiewicz-O'Brien`, `Review overdue since ${ddmmyyyy(daysFromToday(-10))}`],
        [`Gus Łukasiewicz-O'Brien`, `Review overdue since ${ddmmyyyy(daysFromToday(-3))}`],
        [`Dee Łukasiewicz-O'Brien`, `Plan agreed, next review ${ddmmyyyy(daysFromToday(5))}`],
        [`Ben Łukasiewicz-O'Brien`, `Plan agreed, next review ${ddmmyyyy(daysFromToday(40))}`],
        [`Ada Łukasiewicz-O'Brien`, 'In progress'],
        [`Eve Łukasiewicz-O'Brien`, `Closed on ${ddmmyyyy(daysFromToday(-30))} (needs have been met)`],
      ]);
      // Closed more than 6 months ago: listed apart, with Export and Delete.
      await page.locator('#no-longer-needed').waitFor();
      const old = page.locator('#closed-drafts li');
      assert.equal(await old.count(), 1);
      assert.equal(
        await old.locator('.caf-drafts__standing').textContent(),
        `Closed on ${ddmmyyyy(daysFromToday(-250))} (the family moved to another area)`,
      );
      await old.getByRole('button', { name: /^Export draft file/ }).waitFor();
      await old.getByRole('button', { name: 'Delete draft' }).waitFor();
      // Recently deleted says how long it keeps a copy.
      await old.getByRole('button', { name: 'Delete draft' }).click();
      await page.getByRole('button', { name: 'Yes, delete it' }).click();
      await page.locator('#recently-deleted').waitFor();
      assert.match(await page.locator('#recently-deleted + p').textContent(), /stay here for 30 days, then they are removed/);
      await page.locator('#deleted-drafts').getByRole('button', { name: /^Restore/ }).click();
      await page.locator('#closed-drafts li').waitFor();
      await page.locator('#show-names').uncheck();
      await app.screenshot(page, 'caseload-drafts-1024');
      await page.setViewportSize({ width: 320, height: 640 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `the drafts page scrolls sideways by ${overflow}px at 320 px`);
      await app.screenshot(page, 'caseload-drafts-320');
      await page.setViewportSize({ width: 1024, height: 800 });

      // axe: WCAG 2.2 AA on the drafts page with every standing shown.
      await page.addScriptTag({ content: readFileSync(join(REPO, 'tests', 'e2e', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8') });
      const result = await page.evaluate(() =>
        window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } }),
      );
      console.log(`axe: drafts page with every standing: ${result.violations.length} violations, ${result.passes.length} rules passed`);
      assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), []);
    },
    // CSP is bypassed so axe's script can be injected (as in screens.test.mjs).
    { contextOptions: { bypassCSP: true } },
  ));

/** Whether a stored value holds any answer: a non-empty string, a tick, a list item. */
function answered(value) {
  if (typeof value === 'string') return value !== '';
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return false;
  if (Array.isArray(value)) return value.length > 0;
  return Object.values(value ?? {}).some(answered);
}

/** The paths under `value` that hold an answer. */
function answeredPaths(value, path) {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([key, inner]) => answeredPaths(inner, `${path}.${key}`));
  }
  return answered(value) ? [path] : [];
}

test('a CAF for a brother or sister copies the family, nothing about the child, and keeps its own consent', { timeout: 120_000 }, () =>
  withPage(async (page, app) => {
    const [source] = caseloadDrafts().slice(6);
    await page.goto(app.url('/'));
    await plant(page, source);
    await page.reload();
    await activate(page, `open-${source.id}`);
    await page.locator('#task-start').waitFor();
    assert.equal(await page.locator('#copied-from').count(), 0, 'no note on a CAF started on its own');
    await activate(page, 'start-sibling');
    await eventually(async () => (await draftId(page)) !== source.id, { message: 'the new CAF to open' });
    const id = await draftId(page);
    await onPage(page, 'A CAF with no name yet', 'Task list');
    const stored = await page.evaluate((key) => JSON.parse(localStorage.getItem(key)), `caf.draft.${id}`);
    assert.ok(stored, 'the new CAF is stored at once');
    const copy = stored.draft.data;
    const from = source.data;

    // Copied, field by field.
    for (const section of ['parents', 'household', 'family', 'assessor', 'services']) {
      assert.ok(answered(from[section]), `the source has ${section}`);
      assert.deepEqual(copy[section], from[section], `${section} copied`);
    }
    // Not copied: no answer anywhere else.
    for (const section of ['start', 'child', 'assessment', 'reason', 'needs', 'views', 'conclusion', 'plan', 'consent', 'reviews']) {
      assert.ok(answered(from[section]), `the source has ${section}`);
      assert.deepEqual(answeredPaths(copy[section], section), [], `nothing of ${section} copied`);
    }
    assert.equal(stored.draft.version, 1);
    assert.equal(stored.draft.last_pdf_fingerprint, '');
    assert.equal(stored.draft.family_copied_from.draft_id, source.id);
    assert.match(stored.draft.family_copied_from.copied_at, /^\d{4}-\d\d-\d\dT/);

    // It says where its family details came from, and when.
    const note = await page.locator('#copied-from').textContent();
    assert.match(note, /copied on \d\d\/\d\d\/\d{4} at \d\d:\d\d from the CAF of GŁ, born 2022\. Check they are right for this child\./);
    // Each CAF keeps its own consent: the new one is NOT RECORDED.
    await activate(page, 'task-consent');
    assert.equal(await page.locator('#consent-status').textContent(), 'CONSENT NOT RECORDED — DRAFT, DO NOT SHARE');
    assert.equal(await page.locator('#consent-given_by').inputValue(), '');
    await activate(page, 'return-to-task-list');
    await activate(page, 'task-family');
    await page.locator('#step-heading', { hasText: 'Family and household' }).waitFor();
    assert.ok((await page.locator('main').textContent()).includes(from.parents[0].name), 'the family step shows the copied parent');
    // Back (family, task list, consent, task list) returns to the CAF it was started from.
    for (let n = 0; n < 4; n += 1) await page.goBack();
    await eventually(async () => (await draftId(page)) === source.id, { message: 'Back to the first CAF' });
    await page.locator('#start-sibling').waitFor();
    assert.equal(await page.locator('#copied-from').count(), 0);
  }));

test('one rule for names: "Show names" governs the task list heading too', { timeout: 60_000 }, () =>
  withPage(async (page, app) => {
    const [, ben] = caseloadDrafts();
    await page.goto(app.url('/'));
    await plant(page, ben);
    await page.reload();
    await page.locator('#drafts li').waitFor();
    assert.equal(await page.locator('.caf-drafts__name').textContent(), 'BŁ, born 2017');
    await activate(page, `open-${ben.id}`);
    await onPage(page, 'BŁ, born 2017', 'Task list');
    await page.goBack();
    await page.locator('#show-names').check();
    assert.equal(await page.locator('.caf-drafts__name').textContent(), "Ben Łukasiewicz-O'Brien");
    await page.locator(`#open-${ben.id}`).click();
    await onPage(page, "Ben Łukasiewicz-O'Brien", 'Task list');
    // The name never reaches the window title or the address.
    assert.doesNotMatch(await title(page), /Ben/);
    assert.doesNotMatch(await page.evaluate(() => location.href), /Ben/);
  }));

test('a draft from a file says "Imported on" until it is changed here', { timeout: 60_000 }, () =>
  withPage(async (page, app) => {
    await page.goto(app.url('/'));
    await page.locator('#import-file').setInputFiles(join(REPO, 'tests', 'fixtures', 'import', 'draft_v1.caf.json'));
    await page.locator('#task-start').waitFor();
    const id = await draftId(page);
    await page.locator('a.caf-header__name').click();
    const meta = page.locator('#drafts li .caf-drafts__meta');
    await meta.waitFor();
    assert.match(await meta.textContent(), /· Imported on \d\d\/\d\d\/\d{4} at \d\d:\d\d$/);
    assert.doesNotMatch(await meta.textContent(), /Last saved/, "the file's time is not shown as this device's");
    // Changed here: "Last saved" again, with this device's time.
    await activate(page, `open-${id}`);
    await activate(page, 'task-reason');
    await page.locator('#reason-summary').fill('Changed on this device.');
    await page.locator('a.caf-header__name').click();
    await eventually(async () => /· Last saved \d\d\/\d\d\/\d{4} at \d\d:\d\d$/.test(await meta.textContent()), { message: 'Last saved after a change' });
    const stored = await page.evaluate((key) => JSON.parse(localStorage.getItem(key)), `caf.draft.${id}`);
    assert.equal('imported_at' in stored.draft, false, 'the import time is gone once changed here');
  }));
