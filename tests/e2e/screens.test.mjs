// Every page of a CAF as a person sees it: a screenshot of each step before
// and after a failed Continue (in tests/e2e/out/, to look at), the error
// summary's place, no sideways scrolling at 320 CSS px wide or at 200 % zoom,
// and axe-core's WCAG 2.2 AA rules on every page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, withPage } from './harness.mjs';

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
        // Focus moves on the animation frame after the summary is drawn.
        await page
          .waitForFunction(() => document.activeElement?.id === 'error-summary', null, { timeout: 5000 })
          .catch(async () => assert.fail(`${step}: focus is on #${await page.evaluate(() => document.activeElement?.id)}, not the error summary`));
        await app.screenshot(page, `step-${step}-errors`);
      }
    }
  }));

/**
 * No page scrolls sideways in a window `width` CSS px wide: 320 px is WCAG's
 * reflow width (1280 px at 400 %); 640 px at device scale 2 is a 1280 px
 * window at 200 % zoom. Screenshots of the narrowest pages go to out/.
 */
function noSidewaysScroll(label, width, height, deviceScaleFactor) {
  test(`no page scrolls sideways ${label}`, { timeout: 180_000 }, () =>
    withPage(
      async (page, app) => {
        const id = await newDraftId(page, app);
        for (const step of ['tasks', ...STEPS, 'handout']) {
          await openStep(page, app, id, step);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          assert.ok(overflow <= 0, `${step} scrolls sideways by ${overflow}px`);
          if (['tasks', 'needs', 'plan', 'consent', 'check'].includes(step)) await app.screenshot(page, `width-${width}-${step}`);
        }
        await page.goto(app.url('/'));
        await page.locator('#start-new').waitFor();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `the drafts page scrolls sideways by ${overflow}px`);
        await app.screenshot(page, `width-${width}-drafts`);
      },
      { contextOptions: { viewport: { width, height }, deviceScaleFactor } },
    ));
}

noSidewaysScroll('at 320 CSS px wide', 320, 640, 1);
noSidewaysScroll('at 200 % zoom (a 1280 px window)', 640, 360, 2);

// axe-core (npm, loaded from node_modules, never from the network) on the
// drafts page, every step with and without errors, the check page, the
// handout page, and the reviews page with its editor with and without errors. CSP is bypassed in this context only, so axe's own script can
// be injected; the app's policy is checked by the other tests.
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const axeSource = readFileSync(join(REPO, 'tests', 'e2e', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

async function axeViolations(page, label) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }), AXE_TAGS);
  const found = result.violations.map((v) => `${label}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  console.log(`axe: ${label}: ${result.violations.length} violations, ${result.passes.length} rules passed`);
  return found;
}

test('axe finds no WCAG 2.2 AA violations on any page', { timeout: 300_000 }, () =>
  withPage(
    async (page, app) => {
      const found = [];
      await page.goto(app.url('/'));
      await page.locator('#start-new').waitFor();
      found.push(...(await axeViolations(page, 'drafts')));
      const id = await newDraftId(page, app);
      await openStep(page, app, id, 'tasks');
      found.push(...(await axeViolations(page, 'task list')));
      for (const step of STEPS) {
        await openStep(page, app, id, step);
        found.push(...(await axeViolations(page, step)));
        if (step === 'check') continue;
        await page.locator('#continue').click();
        found.push(...(await axeViolations(page, `${step} with errors`)));
      }
      await openStep(page, app, id, 'handout');
      found.push(...(await axeViolations(page, 'handout')));

      // Reviews need a plan: the stored v1 fixture has one action.
      const fixture = JSON.parse(readFileSync(join(REPO, 'tests', 'fixtures', 'import', 'draft_v1.caf.json'), 'utf8'));
      const planned = fixture.draft.id;
      await page.evaluate(([key, value]) => localStorage.setItem(key, value), [
        `caf.draft.${planned}`,
        JSON.stringify({ format_version: 1, draft: fixture.draft }),
      ]);
      await openStep(page, app, planned, 'reviews');
      found.push(...(await axeViolations(page, 'reviews')));
      await page.locator('#record-review').click();
      await page.locator('#review-editor').waitFor();
      found.push(...(await axeViolations(page, 'review editor')));
      await page.locator('#save-review').click();
      await page.locator('#error-summary').waitFor();
      found.push(...(await axeViolations(page, 'review editor with errors')));
      assert.deepEqual(found, []);
    },
    { contextOptions: { bypassCSP: true } },
  ));

test('the handout page under print media: no navigation, fits A4 width', { timeout: 120_000 }, () =>
  withPage(async (page, app) => {
    // A4 is 210 mm: 794 CSS px at 96 px per inch.
    await page.setViewportSize({ width: 794, height: 1123 });
    const id = await newDraftId(page, app);
    await openStep(page, app, id, 'handout');
    await page.emulateMedia({ media: 'print' });
    for (const selector of ['header.caf-header', '#print-now', '#save-status']) {
      assert.equal(await page.locator(selector).isVisible(), false, `${selector} is hidden in print`);
    }
    assert.ok(await page.locator('#handout h1').isVisible(), 'the handout itself prints');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the print page is ${overflow}px wider than A4`);
    await app.screenshot(page, 'handout-print');
  }));
