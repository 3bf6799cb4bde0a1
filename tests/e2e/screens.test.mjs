// Every page of a CAF as a person sees it: a screenshot of each step before
// and after a failed Continue (in tests/e2e/out/, to look at), the error
// summary's place, and no sideways scrolling at 320 CSS px wide.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withPage } from './harness.mjs';

const STEPS = ['start', 'child', 'family', 'assessor', 'reason', 'needs', 'views', 'conclusion', 'plan', 'consent', 'check'];

async function openStep(page, app, draftId, step) {
  await page.goto(`${app.url('/')}#draft/${draftId}/${step}`);
  await page.reload();
  await page.locator('#step-heading').waitFor();
}

async function newDraftId(page, app) {
  await page.goto(app.url('/'));
  await page.locator('#start-new').click();
  await page.locator('#task-child').click();
  await page.locator('#child-given_name').fill('Zoë');
  // The address names the draft once it is open; the draft is stored once typed in.
  const hash = await page.evaluate(() => location.hash);
  const id = hash.split('/')[1];
  await page.waitForFunction((key) => localStorage.getItem(key) !== null, `caf.draft.${id}`);
  return id;
}

test('every step, before and after a failed Continue', { timeout: 180_000 }, () =>
  withPage(async (page, app) => {
    await page.setViewportSize({ width: 1024, height: 800 });
    const id = await newDraftId(page, app);
    for (const step of STEPS) {
      await openStep(page, app, id, step);
      assert.equal(await page.locator('.caf-error-message').count(), 0, `${step}: no errors before Continue`);
      await app.screenshot(page, `step-${step}`);
      if (step === 'check') continue;
      await page.locator('#continue').click();
      if (await page.locator('#error-summary').count()) {
        assert.equal(await page.evaluate(() => document.activeElement?.id), 'error-summary', `${step}: focus on the summary`);
        await app.screenshot(page, `step-${step}-errors`);
      }
    }
  }));

test('no page scrolls sideways at 320 CSS px wide', { timeout: 180_000 }, () =>
  withPage(async (page, app) => {
    await page.setViewportSize({ width: 320, height: 640 });
    const id = await newDraftId(page, app);
    for (const step of ['tasks', ...STEPS]) {
      await openStep(page, app, id, step);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${step} scrolls sideways by ${overflow}px`);
    }
    await app.screenshot(page, 'narrow-check');
    await page.goto(app.url('/'));
    await page.locator('#start-new').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the drafts page scrolls sideways by ${overflow}px`);
    await app.screenshot(page, 'narrow-drafts');
  }));
