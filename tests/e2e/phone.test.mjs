// A CAF on a phone (issue 16) and the list and privacy items of issue 19
// (8: Remove asks first; 14: no autofill or spell-check service on case
// content), at 390 × 844 and 320 × 640 CSS px, on the phone case
// (phone-case.mjs, the complete CAF): two parents, three team members, four actions.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO, eventually, withPage } from './harness.mjs';
import { CASE, openPhoneCase, phoneCase } from './phone-case.mjs';

// The team member chosen as lead in the long-choice test: not the lead already.
const MEMBER = CASE.plan.team.find((member) => member.name !== CASE.plan.lead.name);
const HOUSEHOLD = CASE.household.length;

const ID = '7c2d9e4b-1a3f-4b6c-8d5e-9f0a1b2c3d4e';
const ANSWERED = ['start', 'child', 'family', 'assessor', 'reason', 'needs', 'views', 'conclusion', 'plan', 'consent'];
const SIZES = [
  { label: '390 × 844', viewport: { width: 390, height: 844 } },
  { label: '320 × 640', viewport: { width: 320, height: 640 } },
];

const stored = (page) => page.evaluate((key) => JSON.parse(localStorage.getItem(key)).draft.data, `caf.draft.${ID}`);
const heading = (page) => page.locator('#step-heading').textContent();

for (const { label, viewport } of SIZES) {
  test(`at ${label}: Change on Check answers, then Continue, comes back for a field of every step`, { timeout: 180_000 }, () =>
    withPage(
      async (page, app) => {
        await openPhoneCase(page, app, ID, 'check');
        // The document buttons are within the first two screens.
        const buttons = await page.locator('#document-buttons').boundingBox();
        assert.ok(buttons.y + buttons.height <= 2 * viewport.height, `the document buttons end at ${buttons.y + buttons.height}px`);
        for (const step of ANSWERED) {
          await page.locator(`#check-${step}-summary`).click();
          const change = page.locator(`#check-${step} .caf-summary-list__actions a`).first();
          await change.click();
          await page.locator('#continue').waitFor();
          assert.notEqual(await heading(page), 'Check answers and create documents', `${step}: Change opened the step`);
          await page.locator('#continue').click();
          await page.locator('#document-buttons').waitFor({ timeout: 5000 }).catch(async () =>
            assert.fail(`${step}: Continue went to "${await heading(page)}", not back to Check answers`));
          assert.equal(await heading(page), 'Check answers and create documents');
        }
        // Without a Change link, Continue goes on to the next step as before.
        await page.goto(`${app.url('/')}#draft/${ID}/child`);
        await page.locator('#child-given_name').waitFor();
        await page.locator('#continue').click();
        await page.locator('#step-heading', { hasText: 'Family and household' }).waitFor();
      },
      { contextOptions: { viewport } },
    ));

  test(`at ${label}: handout table cells never break inside a word`, { timeout: 120_000 }, () =>
    withPage(
      async (page, app) => {
        await openPhoneCase(page, app, ID, 'handout');
        // Every word of every cell is drawn as one box: a word split over
        // two lines ("Ragh|unath|an", "18/|12/|2026") has two or more.
        const split = await page.evaluate(() => {
          const found = [];
          for (const cell of document.querySelectorAll('#handout td')) {
            const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
              for (const match of node.data.matchAll(/\S+/g)) {
                const range = document.createRange();
                range.setStart(node, match.index);
                range.setEnd(node, match.index + match[0].length);
                const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
                if (lines.size > 1) found.push(match[0]);
              }
            }
          }
          return found;
        });
        assert.deepEqual(split, [], 'words split across lines');
        const cells = await page.locator('#handout td').count();
        assert.ok(cells >= 12, `the plan and the team are tables (${cells} cells)`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `the handout scrolls sideways by ${overflow}px`);
      },
      { contextOptions: { viewport } },
    ));
}

test('the save status is in view after typing in the last field of a long step', { timeout: 120_000 }, () =>
  withPage(
    async (page, app) => {
      await openPhoneCase(page, app, ID, 'plan');
      const last = page.locator('#plan-next_review-year');
      await last.scrollIntoViewIfNeeded();
      await last.fill('2028');
      await page.locator('#save-status', { hasText: 'Saved on this device' }).waitFor();
      assert.equal((await stored(page)).plan.next_review.year, '2028');
      const box = await page.locator('#save-status').boundingBox();
      assert.ok(box.y >= 0 && box.y + box.height <= 844, `the save status is at ${box.y}px, outside the window`);
      assert.ok(await page.evaluate(() => window.scrollY) > 844, 'the page was scrolled down to the last field');
      const live = await page.locator('#save-status').getAttribute('aria-live');
      assert.equal(live, 'polite');
    },
    { contextOptions: { viewport: { width: 390, height: 844 } } },
  ));

test('at 320 px a long choice shows whole in its closed drop-down, not cut off', { timeout: 120_000 }, () =>
  withPage(
    async (page, app) => {
      await openPhoneCase(page, app, ID, 'plan');
      await page.locator('#choose-lead').selectOption({ label: `${MEMBER.name} (${MEMBER.role})` });
      await page.locator('#plan-actions-0-change').click();
      const need = page.locator('#plan-actions-0-need');
      await need.selectOption('guidance_boundaries');
      assert.equal(await need.evaluate((s) => s.selectedOptions[0].text), 'Guidance, boundaries and stimulation');
      await need.scrollIntoViewIfNeeded();
      await app.screenshot(page, 'phone-320-long-choices');
      // Every drop-down whose chosen text is wider than its box must show it on
      // more than one line (a native closed select keeps one line and cuts it).
      const cut = await page.evaluate(() => {
        const ctx = document.createElement('canvas').getContext('2d');
        const out = [];
        for (const select of document.querySelectorAll('#main-content select')) {
          if (select.offsetParent === null || select.selectedIndex < 0) continue;
          const style = getComputedStyle(select);
          ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
          const text = select.selectedOptions[0].text;
          const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
          const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.2;
          const lines = Math.ceil(ctx.measureText(text).width / room);
          if (lines > 1 && select.clientHeight < 2 * line) out.push(`#${select.id}: "${text}" needs ${lines} lines, has ${select.clientHeight}px`);
          if (select.scrollWidth > select.clientWidth) out.push(`#${select.id}: scrolls sideways`);
        }
        return out;
      });
      assert.deepEqual(cut, []);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.equal(overflow, 0, 'no sideways scroll');
      // Autosave stores it within a second of the change: wait for it.
      await eventually(async () => (await stored(page)).plan.lead.name === MEMBER.name, { message: 'the choice took effect and was stored' });
    },
    { contextOptions: { viewport: { width: 320, height: 640 } } },
  ));

test('the window title names the page and starts with "Error:" after a failed Continue', { timeout: 120_000 }, () =>
  withPage(async (page, app) => {
    await page.goto(app.url('/'));
    await page.locator('#start-new').click();
    // The draft's pages arrive in their own module (issue 26): wait for them.
    await page.locator('#task-start').waitFor();
    assert.equal(await page.title(), 'Task list – CAF Lite');
    await page.locator('#task-child').click();
    await page.locator('#child-given_name').waitFor();
    assert.equal(await page.title(), 'About the child – CAF Lite');
    await page.locator('#continue').click();
    await page.locator('#error-summary').waitFor();
    assert.equal(await page.title(), 'Error: About the child – CAF Lite');
    await page.locator('#child-given_name').fill('Zoë');
    await page.locator('#child-family_name').fill('Nowak');
    await page.locator('#child-date_of_birth-day').fill('3');
    await page.locator('#child-date_of_birth-month').fill('4');
    await page.locator('#child-date_of_birth-year').fill('2023');
    await page.locator('#child-sex').check();
    await page.locator('#child-no_fixed_abode').check();
    await page.locator('#continue').click();
    await page.locator('#step-heading', { hasText: 'Family and household' }).waitFor();
    assert.equal(await page.title(), 'Family and household – CAF Lite');
  }));

test('index.html says "Opening CAF Lite…" until the app starts', { timeout: 120_000 }, () =>
  withPage(async (page, app) => {
    // Hold the page's wasm back until the loading line has been seen.
    let release;
    const held = new Promise((ok) => (release = ok));
    await page.route(/caf-lite-[0-9a-f]+_bg\.wasm$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(app.url('/'), { waitUntil: 'domcontentloaded' });
    const loading = page.locator('#app-loading');
    await loading.waitFor();
    assert.equal(await loading.textContent(), 'Opening CAF Lite…');
    release();
    await page.locator('#start-new').waitFor();
    assert.equal(await loading.count(), 0, 'the loading line goes once the app starts');
  }));

test('lists: one item open, the others one line; Remove asks first (issue 19 item 8)', { timeout: 120_000 }, () =>
  withPage(
    async (page, app) => {
      await openPhoneCase(page, app, ID, 'family');
      // Every item is finished, so every item is one line with Change and Remove.
      assert.equal(await page.locator('#parents-0-name').count(), 0, 'finished parents are collapsed');
      assert.equal(CASE.parents.length, 2, 'the case has two parents');
      assert.ok((await page.locator('#parents-1-heading').textContent()).includes(`Parent or carer 2: ${CASE.parents[1].name}, ${CASE.parents[1].relationship}`));
      await page.locator('#parents-1-remove').click();
      // Asked first: nothing is gone yet.
      await page.locator('#parents-1-remove-yes').waitFor();
      assert.equal((await stored(page)).parents.length, 2);
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'parents-1-confirm', 'focus is on the question');
      await page.locator('#parents-1-remove-no').click();
      assert.equal(await page.locator('#parents-1-remove-yes').count(), 0);
      assert.equal((await stored(page)).parents.length, 2, '"No, keep" keeps them');

      // Change opens one item; opening another closes the first.
      await page.locator('#parents-0-change').click();
      await page.locator('#parents-0-name').waitFor();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'parents-0-name');
      await page.locator('#household-0-change').click();
      await page.locator('#household-0-name').waitFor();
      assert.equal(await page.locator('#parents-0-name').count(), 0, 'one item open at a time');

      // "Yes, remove" removes, and the item's answers go with it.
      await page.locator('#parents-1-remove').click();
      await page.locator('#parents-1-remove-yes').click();
      await page.waitForFunction((key) => JSON.parse(localStorage.getItem(key)).draft.data.parents.length === 1, `caf.draft.${ID}`);
      assert.equal((await stored(page)).parents[0].name, CASE.parents[0].name);
      // The open item still shows the same person after the list shifted.
      assert.equal(await page.locator('#household-0-name').inputValue(), CASE.household[0].name);

      // An item with nothing typed in it goes at once: nothing is lost.
      await page.locator('#household-add').click();
      await page.locator(`#household-${HOUSEHOLD}-name`).waitFor();
      await page.locator(`#household-${HOUSEHOLD}-remove`).click();
      await page.waitForFunction(([key, n]) => JSON.parse(localStorage.getItem(key)).draft.data.household.length === n, [`caf.draft.${ID}`, HOUSEHOLD]);

      // An error link opens the item its field is in.
      await page.locator('#parents-add').click();
      await page.locator('#parents-1-name').fill('Ewa');
      await page.locator('#parents-1-done').click();
      await page.locator('#continue').click();
      await page.locator('#error-summary a').first().click();
      await page.waitForFunction(() => document.activeElement?.id === 'parents-1-relationship');
    },
    { contextOptions: { viewport: { width: 390, height: 844 } } },
  ));

test('every control holding case content has autocomplete=off and spellcheck=false (issue 19 item 14)', { timeout: 180_000 }, () =>
  withPage(async (page, app) => {
    const found = [];
    const pages = [...ANSWERED, 'reviews'];
    for (const step of pages) {
      await openPhoneCase(page, app, ID, step);
      // Open every list item and every "Add notes", so every control is drawn.
      const requests = await page.locator('.caf-field__request:visible').evaluateAll((buttons) => buttons.map((b) => b.id));
      for (const request of requests) await page.locator(`#${request}`).click();
      const changes = await page.locator('.caf-list__summary button[id$="-change"]').evaluateAll((buttons) => buttons.map((b) => b.id));
      for (let n = 0; n <= changes.length; n += 1) {
        found.push(
          ...(await page.evaluate((where) => {
            const bad = [];
            for (const control of document.querySelectorAll('#main-content input, #main-content textarea, #main-content select')) {
              if (['radio', 'checkbox', 'file', 'hidden'].includes(control.type)) continue;
              if (control.getAttribute('autocomplete') !== 'off') bad.push(`${where} #${control.id}: autocomplete=${control.getAttribute('autocomplete')}`);
              if (control.tagName !== 'SELECT' && control.getAttribute('spellcheck') !== 'false') bad.push(`${where} #${control.id}: spellcheck=${control.getAttribute('spellcheck')}`);
            }
            return bad;
          }, step)),
        );
        if (n < changes.length) await page.locator(`#${changes[n]}`).click();
      }
      if (step === 'child') {
        assert.equal(await page.locator('#child-nhs_number').getAttribute('inputmode'), 'numeric', 'the NHS number opens the number keypad');
      }
    }
    assert.deepEqual([...new Set(found)], []);
  }));

test('needs on a phone: notes for a concern, "Add notes" for the others', { timeout: 120_000 }, () =>
  withPage(
    async (page, app) => {
      // Emotional and social development: rated no concern, without notes.
      assert.equal(CASE.needs.emotional_social.rating, 'no_concern');
      await openPhoneCase(page, app, ID, 'needs', (data) => { data.needs.emotional_social.notes = ''; });
      // Rated a concern: notes shown. Strength with notes: shown. No concern, unrated: a button.
      assert.ok(await page.locator('#needs-health-notes').isVisible());
      assert.ok(await page.locator('#needs-learning-notes').isVisible());
      assert.ok(!(await page.locator('#needs-emotional_social-notes').isVisible()));
      assert.ok(!(await page.locator('#needs-wider_family-notes').isVisible()));
      const request = page.locator('#needs-emotional_social-notes-request');
      assert.equal(
        (await request.textContent()).replace(/\s+/g, ' '),
        'Add notes: Emotional and social development',
        'the button names its element for screen readers',
      );
      await request.click();
      await page.waitForFunction(() => document.activeElement?.id === 'needs-emotional_social-notes');
      // The label is short on screen and still names the element.
      const label = page.locator('label[for="needs-health-notes"]');
      assert.equal(await label.evaluate((l) => l.firstChild.textContent), 'Notes');
      assert.match(await label.textContent(), /^Notes: Health: general health/);
      // Rating an element as a concern opens its notes.
      await page.locator('#needs-wider_family-rating-some_concern').check();
      assert.ok(await page.locator('#needs-wider_family-notes').isVisible());
      const shot = await page.evaluate(() => document.documentElement.scrollHeight);
      console.log(`measure: needs step at 390 × 844 is ${shot} px`);
    },
    { contextOptions: { viewport: { width: 390, height: 844 } } },
  ));

test('one-off news clears when the page changes; the save line stays', { timeout: 120_000 }, () =>
  withPage(async (page, app) => {
    await openPhoneCase(page, app, ID, 'tasks');
    // Importing a draft file says so; the next page no longer does.
    await page.goto(app.url('/'));
    await page.locator('#start-new').waitFor();
    const file = { format: 'caf-lite.draft', format_version: 1, exported_at: '2026-11-23T10:42:07Z', ...phoneCase('1d5a0e7c-2b3f-4c8d-9e1f-0a2b3c4d5e6f') };
    await page.locator('#import-file').setInputFiles({ name: 'case.caf.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
    const status = page.locator('#save-status');
    await status.filter({ hasText: /import/i }).waitFor();
    const said = await status.textContent();
    // The imported draft opens on its task list, the news above it.
    await page.locator('#task-child').click();
    await page.locator('#child-given_name').waitFor();
    assert.notEqual(await status.textContent(), said, `"${said}" stayed on the next page`);
    await page.locator('#child-known_as').fill('Zo');
    await status.filter({ hasText: 'Saved on this device' }).waitFor();
    await page.locator('#continue').click();
    await page.locator('#step-heading', { hasText: 'Family and household' }).waitFor();
    assert.match(await status.textContent(), /^Saved on this device at/, 'the save line stays');
  }));

// axe-core on the pages this issue changed, on the phone case at phone size.
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const axeSource = readFileSync(join(REPO, 'tests', 'e2e', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

test('axe: no WCAG 2.2 AA violations on the changed pages at 390 × 844', { timeout: 240_000 }, () =>
  withPage(
    async (page, app) => {
      const found = [];
      const axe = async (label) => {
        await page.addScriptTag({ content: axeSource });
        const result = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }), AXE_TAGS);
        console.log(`axe: phone ${label}: ${result.violations.length} violations, ${result.passes.length} rules passed`);
        found.push(...result.violations.map((v) => `${label}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`));
      };
      await openPhoneCase(page, app, ID, 'check');
      await axe('check');
      await page.locator('#check-plan-summary').click();
      await axe('check with a step open');
      await openPhoneCase(page, app, ID, 'plan');
      await axe('plan, lists collapsed');
      await page.locator('#plan-team-1-remove').click();
      await axe('plan, Remove asking');
      await page.locator('#plan-actions-0-change').click();
      await axe('plan, an action open');
      await openPhoneCase(page, app, ID, 'needs');
      await axe('needs');
      await openPhoneCase(page, app, ID, 'handout');
      await axe('handout');
      await openPhoneCase(page, app, ID, 'reviews');
      await axe('reviews');
      assert.deepEqual(found, []);
    },
    { contextOptions: { viewport: { width: 390, height: 844 }, bypassCSP: true } },
  ));
