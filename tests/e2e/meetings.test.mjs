// Meetings of the Team Around the Child (caf-form.md §3.13, §5a, §5c), in
// the release build: planning a meeting, the calendar file read back by an
// independent iCalendar parser (ical.js) in a browser whose time zone is not
// London, the family invitation and the meeting record read back with
// pdftotext, the drafts list's next meeting, and axe on the meetings page at
// 1024 and 320 px.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { REPO, withPage } from './harness.mjs';
import { downloadFrom } from './drafts-helpers.mjs';

const ID = '7c0ffee0-1234-4abc-8def-0123456789ab';
// Everything that identifies the child or the family: none of it may be in
// a calendar file, and only the invitee's own name in their invitation.
const CHILD = { given_name: 'Zoë', family_name: 'Łukasiewicz', postcode: 'LS1 4AB', address: '12 Acacia Avenue\nLeeds', nhs_number: '943 476 5919', upn: 'A123456789012' };
const caseFile = () => ({
  format: 'caf-lite.draft',
  format_version: 2,
  exported_at: '2026-12-01T10:00:00Z',
  draft: {
    id: ID,
    created_at: '2026-11-01T10:00:00Z',
    updated_at: '2026-12-01T10:00:00Z',
    revision: 3,
    version: 1,
    data: {
      child: { ...CHILD, date_of_birth: { day: '3', month: '4', year: '2019' } },
      parents: [
        { name: 'Anna Kowalska', relationship: 'Mother' },
        { name: 'Tomasz Nowak', relationship: 'Father' },
      ],
      household: [{ name: 'Dmitri Ivanov', relationship: 'Lodger' }],
      needs: { health: { rating: 'significant_concern', notes: 'Sleep is very poor' } },
      reason: { summary: 'Worries about sleep and school' },
      plan: {
        meeting_date: { day: '14', month: '1', year: '2027' },
        team: [
          { id: 'team-jo', name: 'Jo Smith', role: 'Health visitor', agency: 'Health visiting', phone: '0113 496 0001' },
          { id: 'team-sam', name: 'Sam Patel', role: 'Class teacher', agency: 'School' },
        ],
        lead: { name: 'Jo Smith', role: 'Health visitor', agency: 'Health visiting', phone: '0113 496 0001', email: 'jo@example.org' },
        next_review: { day: '15', month: '7', year: '2027' },
      },
      meetings: [],
    },
  },
});

async function openCase(page, app) {
  await page.goto(app.url('/'));
  await page.locator('#start-new').waitFor();
  await page.locator('#import-file').setInputFiles({ name: 'case.caf.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(caseFile())) });
  await page.locator('#task-meetings').waitFor();
}

/** The calendar file's one event, read by ical.js. */
function eventOf(text) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const events = calendar.getAllSubcomponents('vevent');
  assert.equal(events.length, 1, 'one event per file');
  return new ICAL.Event(events[0]);
}

/** No child's or family member's name, date of birth, address or identifier. */
function assertNothingIdentifying(text, label) {
  for (const secret of [CHILD.given_name, CHILD.family_name, 'Acacia', CHILD.postcode, 'LS14AB', CHILD.nhs_number, '9434765919', CHILD.upn, '03/04/2019', '3 April 2019', '20190403', '2019-04-03', 'Anna', 'Kowalska', 'Tomasz', 'Dmitri', 'Sleep']) {
    assert.ok(!text.includes(secret), `${label} holds "${secret}"`);
  }
}

const pdfText = (path) => execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
const pdfPages = (path) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))[1]);

test('a meeting: its calendar file in London time from another time zone, a new SEQUENCE after a change, the invitation and the record', { timeout: 240_000 }, () =>
  withPage(
    async (page, app) => {
      await openCase(page, app);
      // Planning changes no stamp and blocks nothing; the task list offers it.
      await page.locator('#task-meetings').click();
      await page.locator('#step-heading', { hasText: 'Meetings' }).waitFor();
      await page.locator('#plan-meeting').click();
      await page.locator('#meeting-editor-heading', { hasText: 'First Team Around the Child meeting' }).waitFor();
      // The first meeting's date is the plan's.
      assert.equal(await page.locator('#meetings-0-date-day').inputValue(), '14');

      // Without a time the calendar file is refused, the reason beside it.
      await page.locator('#meetings-0-ics').click();
      const gaps = page.locator('#meetings-0-gaps');
      await gaps.filter({ hasText: 'Enter the time the meeting starts' }).waitFor();
      assert.match(await gaps.getAttribute('class'), /caf-error-message/);

      // A time typed wrong is said beside it, and with what is missing.
      await page.locator('#meetings-0-start').fill('25:00');
      await page.locator('#meetings-0-start-error').waitFor();
      assert.match(await page.locator('#meetings-0-start-error').textContent(), /time/i);
      assert.equal(await page.locator('#meetings-0-start').getAttribute('aria-invalid'), 'true');
      // The family's postcode as the place is refused: calendars are shown on lock screens.
      await page.locator('#meetings-0-place').fill('Community room, LS1 4AB');
      await gaps.filter({ hasText: "looks like the family's address" }).waitFor();
      await page.locator('#meetings-0-start').fill('10:00');
      await page.locator('#meetings-0-place').fill("Room 3, Oak Children's Centre");
      assert.equal(await page.locator('#meetings-0-start-error').count(), 0, 'the message goes once the time is right');
      await page.locator('#meetings-0-invited-0').check(); // Jo Smith
      await page.locator('#meetings-0-invited-3').check(); // Anna Kowalska
      // By keyboard, a tick keeps focus on its box (the list is not rebuilt).
      await page.locator('#meetings-0-invited-1').focus();
      for (const ticked of [true, false]) {
        await page.keyboard.press('Space');
        assert.equal(await page.locator('#meetings-0-invited-1').isChecked(), ticked);
        assert.equal(await page.evaluate(() => document.activeElement?.id), 'meetings-0-invited-1', 'focus stays on the box');
      }
      const first = await downloadFrom(page, page.locator('#meetings-0-ics'));
      assert.ok(first.text.includes('\r\n'), 'CRLF line endings');
      assertNothingIdentifying(first.text, 'the calendar file');
      assert.match(first.suggested, /\.ics$/);
      const winter = eventOf(first.text);
      assert.equal(winter.startDate.zone.tzid, 'Europe/London');
      assert.equal(winter.startDate.hour, 10);
      assert.equal(winter.startDate.toJSDate().getTime(), Date.UTC(2027, 0, 14, 10, 0), '10:00 in January is 10:00 UTC');
      assert.equal(winter.endDate.toJSDate().getTime(), Date.UTC(2027, 0, 14, 11, 0), 'an hour when no end is given');
      assert.equal(winter.location, "Room 3, Oak Children's Centre");
      assert.match(winter.summary, /^Team Around the Child meeting — CAF 7c0ffee0$/);
      assert.equal(winter.sequence, 0);
      // The browser's own clock is not London's: what it shows is New York's.
      const shown = await page.evaluate((ms) => new Date(ms).getHours(), winter.startDate.toJSDate().getTime());
      assert.equal(shown, 5, 'the browser runs in New York time');

      // A changed time: the same UID, a higher SEQUENCE.
      await page.locator('#meetings-0-start').fill('11:00');
      const moved = eventOf((await downloadFrom(page, page.locator('#meetings-0-ics'))).text);
      assert.equal(moved.uid, winter.uid);
      assert.equal(moved.sequence, 1);
      assert.equal(moved.startDate.hour, 11);
      // Made again unchanged: the same SEQUENCE.
      const again = eventOf((await downloadFrom(page, page.locator('#meetings-0-ics'))).text);
      assert.equal(again.sequence, 1);

      // The family invitation: to Anna, naming the professionals, not the rest of the family.
      const invitation = await downloadFrom(page, page.locator('#meetings-0-invitation-1'));
      const words = pdfText(invitation.path);
      assert.equal(pdfPages(invitation.path), 1, 'one page');
      assert.match(words, /Anna Kowalska/);
      assert.match(words, /Jo Smith/);
      assert.match(words, /Health visitor/);
      assert.match(words, /11:00/);
      for (const secret of ['Tomasz', 'Dmitri', 'Łukasiewicz', CHILD.postcode, CHILD.nhs_number, '943 476', CHILD.upn, 'Sleep', 'significant', 'Worries']) {
        assert.ok(!words.includes(secret), `the invitation holds "${secret}"`);
      }

      // The printable invitation shows the same words.
      await page.locator('#meetings-0-print-invitation-1').click();
      await page.locator('#handout h1').waitFor();
      const printable = await page.locator('#handout').innerText();
      assert.match(printable, /Anna Kowalska/);
      assert.ok(!printable.includes('Tomasz'), 'the printable invitation names another family member');
      await page.goBack();
      await page.locator('#step-heading', { hasText: 'Meetings' }).waitFor();

      // A review meeting in July, by video: 10:00 London is 09:00 UTC.
      await page.locator('#plan-meeting').click();
      await page.locator('#meeting-editor-heading', { hasText: 'Review meeting' }).waitFor();
      assert.equal(await page.locator('#meetings-1-date-month').inputValue(), '7', 'the next review date is offered');
      await page.locator('#meetings-1-start').fill('10:00');
      await page.locator('#meetings-1-how-video').check();
      await page.locator('#meetings-1-joining').fill('Call 0113 496 0999, code 12;34');
      const summer = eventOf((await downloadFrom(page, page.locator('#meetings-1-ics'))).text);
      assert.equal(summer.startDate.toJSDate().getTime(), Date.UTC(2027, 6, 15, 9, 0), '10:00 in July is 09:00 UTC');
      assert.equal(summer.location, 'Video');
      assert.match(summer.description, /Call 0113 496 0999, code 12;34/);
      assert.match(summer.summary, /^CAF review — CAF 7c0ffee0$/);
      assert.notEqual(summer.uid, winter.uid);

      // Held: who came, what was decided, and the record, stamped as NOT RECORDED.
      await page.locator('#meeting-done').click();
      await page.locator('#meeting-0-open').click();
      await page.locator('#meetings-0-status-held').check();
      await page.locator('#meetings-0-attendance-0-came').check();
      await page.locator('#meetings-0-attendance-1-apologies').check();
      await page.locator('#meetings-0-decisions').fill('Carry on with the bedtime routine');
      const record = await downloadFrom(page, page.locator('#meetings-0-record'));
      const recordWords = pdfText(record.path);
      assert.match(recordWords, /Carry on with the bedtime routine/);
      assert.match(recordWords, /NOT RECORDED/);
      assert.match(recordWords, /Do not share this record until the family's agreement is recorded/);

      // The drafts list shows the next meeting.
      await page.locator('#meeting-done').click();
      await page.goto(app.url('/'));
      await page.locator('.caf-drafts__meeting', { hasText: 'Review meeting 15/07/2027 10:00' }).waitFor();
    },
    { contextOptions: { timezoneId: 'America/New_York', acceptDownloads: true } },
  ));

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const axeSource = readFileSync(join(REPO, 'tests', 'e2e', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

for (const width of [1024, 320]) {
  test(`axe finds no WCAG 2.2 AA violations on the meetings page at ${width} px`, { timeout: 120_000 }, () =>
    withPage(
      async (page, app) => {
        await openCase(page, app);
        await page.locator('#task-meetings').click();
        await page.locator('#plan-meeting').click();
        await page.locator('#meetings-0-ics').click();
        await page.locator('#meetings-0-gaps.caf-error-message').waitFor();
        await page.locator('#meetings-0-status-held').check();
        await page.locator('#meetings-0-invited-0').check();
        await page.addScriptTag({ content: axeSource });
        const result = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }), AXE_TAGS);
        const found = result.violations.map((v) => `${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
        assert.deepEqual(found, []);
        const sideways = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
        assert.equal(sideways, false, 'no sideways scrolling');
        await app.screenshot(page, `meetings-${width}`);
      },
      { contextOptions: { bypassCSP: true, viewport: { width, height: 900 } } },
    ));
}
