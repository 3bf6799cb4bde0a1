// Issue 24, item 6: an answer to a question that an earlier answer now hides
// is kept as typed but not checked. An over-long "details of the disability"
// raises an error while "yes" shows the box; "no" hides it, and the step then
// moves on and is Completed on the task list, with no error summary; "yes"
// again shows the box with the answer as typed, and the error is back.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { draftId, newDraftOnChildStep } from './drafts-helpers.mjs';
import { eventually, withPage } from './harness.mjs';
import { saveNow } from './lock-helpers.mjs';

const DETAILS = 'é'.repeat(501);

/** Chooses `value` among the radios whose first one has the id `id`. */
async function choose(page, id, value) {
  const name = await page.locator(`#${id}`).getAttribute('name');
  await page.locator(`input[type=radio][name="${name}"][value="${value}"]`).check();
}

async function fillDate(page, id, { day, month, year }) {
  await page.locator(`#${id}-day`).fill(String(day));
  await page.locator(`#${id}-month`).fill(String(month));
  await page.locator(`#${id}-year`).fill(String(year));
}

test('an invalid answer to a question hidden by an earlier answer is kept, not checked, and checked again once shown', () =>
  withPage(async (page, app) => {
    await page.goto(app.url('/'));
    await newDraftOnChildStep(page);
    const id = await draftId(page);
    await page.locator('#child-given_name').fill('Zoë');
    await page.locator('#child-family_name').fill('Quist');
    await fillDate(page, 'child-date_of_birth', { day: 3, month: 4, year: 2021 });
    await choose(page, 'child-sex', 'female');
    await page.locator('#child-address').fill('12 Mill Lane\nChatham');
    await page.locator('#child-postcode').fill('ME4 4TR');
    await choose(page, 'child-disability', 'yes');
    await page.locator('#child-disability_details').fill(DETAILS);

    // Shown: Continue stops on the error.
    await page.locator('#continue').click();
    await page.locator('#error-summary').waitFor();
    assert.match(await page.locator('#error-summary').textContent(), /500 characters or fewer/);

    // Hidden by "no": Continue moves on; the step is Completed.
    await choose(page, 'child-disability', 'no');
    await page.locator('#child-disability_details').waitFor({ state: 'hidden' });
    await page.locator('#continue').click();
    await page.waitForFunction(() => !location.hash.endsWith('/child'));
    await page.locator('#step-heading').waitFor();
    assert.equal(await page.locator('#error-summary').count(), 0, 'no error summary');
    await page.locator('#return-to-task-list').click();
    await page.locator('#task-child-status').waitFor();
    assert.equal(await page.locator('#task-child-status').textContent(), 'Completed');

    // The hidden answer was kept as typed.
    await saveNow(page);
    await eventually(
      () =>
        page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? 'null')?.draft.data.child.disability_details, `caf.draft.${id}`),
      { message: 'the hidden answer stored' },
    ).then((stored) => assert.equal(stored, DETAILS));

    // Shown again by "yes": the answer is there as typed, and so is the error.
    await page.locator('#task-child').click();
    await choose(page, 'child-disability', 'yes');
    assert.equal(await page.locator('#child-disability_details').inputValue(), DETAILS);
    await page.locator('#continue').click();
    await page.locator('#error-summary').waitFor();
    assert.match(await page.locator('#error-summary').textContent(), /500 characters or fewer/);
    await page.locator('#return-to-task-list').click();
    assert.equal(await page.locator('#task-child-status').textContent(), 'Has errors');
  }));
