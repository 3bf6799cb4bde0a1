// Writes the two benchmark fixtures, draft files the app imports as they are
// (product/draft-format.md): bench/fixtures/typical.caf.json, a CAF as a
// childminder would write it (about 4 PDF pages), and bench/fixtures/large.caf.json,
// the largest draft the app supports: 150 plan actions, every long text at
// (or a few characters under) its limit. Both have names in Latin Extended,
// Greek and Cyrillic. The output is committed; run this only to change them:
//   node bench/make-fixtures.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

const ELEMENTS = ['health', 'emotional_social', 'behaviour', 'identity', 'relationships', 'self_care', 'learning', 'basic_care',
  'warmth_stability', 'guidance_boundaries', 'family_functioning', 'wider_family', 'housing_finance', 'community'];
const ECM = ['be_healthy', 'stay_safe', 'enjoy_and_achieve', 'positive_contribution', 'economic_wellbeing'];
const STATUS = ['not_started', 'in_progress', 'done'];

const d = (day, month, year) => ({ day: String(day), month: String(month), year: String(year) });

/** Text of exactly `n` characters (code points), mixing scripts as real notes about these families would. */
function longText(n, seed) {
  const base = `${seed}: Zoë and Łucja go to nursery with Ελένη Παπαδοπούλου; Олена Коваленко reads with them after lunch. `;
  return [...base.repeat(Math.ceil(n / base.length) + 1)].slice(0, n).join('').trimEnd();
}

function envelope(id, revision, data) {
  return {
    format: 'caf-lite.draft',
    format_version: 1,
    exported_at: '2026-11-23T10:42:07Z',
    draft: { id, created_at: '2026-11-02T09:01:00Z', updated_at: '2026-11-23T10:41:55Z', revision, version: 1, last_pdf_fingerprint: '', data },
  };
}

const consent = {
  given_by: 'Aleksandra Łukasiewicz', relationship: 'Mother', parental_responsibility: 'yes', explained: true, store: true,
  share_with: ['Speech and language therapy', 'Little Acorns Childminding'], method: 'signed_paper',
  date: d(16, 11, 2026), practitioner: 'Sam Patel',
};

/** A CAF as a childminder writes it for one child: three needs, a team of three, four actions. */
function typical() {
  return envelope('7c1a2f9e-5d0b-4c47-9a51-3e2f7b8c6d01', 42, {
    start: { significant_harm: 'no', existing_check: 'checked_none', assess_agreed_by: 'Aleksandra Łukasiewicz', assess_agreed_relationship: 'Mother', assess_agreed_on: d(2, 11, 2026) },
    child: {
      unborn: false, given_name: 'Zoë', family_name: "Łukasiewicz-O'Brien", date_of_birth: d(3, 4, 2023), sex: 'female',
      address: '12 Mill Lane\nChatham', postcode: 'ME4 4TR', first_language: 'Polish', nhs_number: '943 476 5919',
    },
    parents: [{ name: 'Aleksandra Łukasiewicz', relationship: 'Mother', parental_responsibility: 'yes', phone: '07700 900123' }],
    family: { notes: 'Zoë lives with her mother and her grandmother, Олена Коваленко, who looks after her two days a week.' },
    assessor: { name: 'Sam Patel', role: 'Registered childminder', organisation: 'Little Acorns Childminding', phone: '01634 000000' },
    assessment: { started_on: d(2, 11, 2026) },
    reason: {
      summary: 'Zoë’s speech is behind what we would expect at three and a half: she uses single words and gestures, and gets frustrated when she is not understood. Her mother asked for help after the two-year check.',
    },
    needs: {
      health: { rating: 'some_concern', notes: 'Few words for her age; hearing test at the GP was clear.' },
      emotional_social: { rating: 'some_concern', notes: 'Tantrums when she is not understood, mostly at pick-up time.' },
      learning: { rating: 'strength', notes: 'Curious, loves puzzles and the sand tray.' },
    },
    views: { child: 'Zoë pointed at the pictures of the sand tray and the swings.', parent: 'Ola would like a speech referral and ideas to try at home.' },
    conclusion: { summary: 'A speech and language therapy referral, with a Team Around the Child so that home and the setting use the same approach.', response: 'team_around_child' },
    plan: {
      meeting_date: d(9, 11, 2026),
      team: [
        { name: 'Sam Patel', role: 'Registered childminder', agency: 'Little Acorns Childminding', phone: '01634 000000' },
        { name: 'Ελένη Παπαδοπούλου', role: 'Speech and language therapist', agency: 'Speech and language therapy', phone: '01634 111222' },
        { name: 'Олена Коваленко', role: 'Grandmother', agency: 'Family' },
      ],
      lead: { name: 'Sam Patel', role: 'Registered childminder', agency: 'Little Acorns Childminding', phone: '01634 000000', agreed_with_family: true },
      actions: [
        ['health', 'Referral to speech and language therapy; first assessment at the children’s centre.', 'Ελένη Παπαδοπούλου', d(30, 11, 2026), 'Zoë has a therapy plan.'],
        ['health', 'Weekly speech sessions at the childminder’s, using the therapist’s picture cards.', 'Sam Patel', d(18, 12, 2026), 'Zoë uses two-word phrases such as “more juice”.'],
        ['emotional_social', 'A calm pick-up routine with a picture timetable, the same at home.', 'Олена Коваленко', d(4, 12, 2026), 'Fewer tantrums at pick-up.'],
        ['learning', 'Rhyme time at the library twice a week.', 'Aleksandra Łukasiewicz', d(1, 12, 2026), 'Zoë joins in with actions and some words.'],
      ].map(([need, what, who, due, outcome], i) => ({ need, what, who, due, outcome, ecm: i % 2 ? 'enjoy_and_achieve' : 'be_healthy', status: STATUS[i % 3], progress: '' })),
      next_review: d(21, 12, 2026),
    },
    consent,
  });
}

/** The largest draft the app supports: 150 actions, every long text at its limit. */
function large() {
  const lim = (n, seed) => longText(n - 3, seed); // "near" the limit: 3 under
  return envelope('0badcafe-5d0b-4c47-9a51-3e2f7b8c6d10', 1500, {
    start: { significant_harm: 'no', existing_check: 'checked_none', assess_agreed_by: 'Aleksandra Łukasiewicz', assess_agreed_relationship: 'Mother', assess_agreed_on: d(2, 11, 2026) },
    child: {
      unborn: false, given_name: 'Zoë', family_name: "Łukasiewicz-O'Brien", known_as: 'Ελένη', date_of_birth: d(3, 4, 2021), sex: 'female',
      address: lim(300, 'address'), postcode: 'ME4 4TR', nhs_number: '943 476 5919', disability: 'yes', disability_details: lim(500, 'disability'),
      first_language: 'Polish', interpreter_needed: 'yes', setting: 'Little Acorns Childminding',
    },
    parents: [
      { name: 'Aleksandra Łukasiewicz', relationship: 'Mother', parental_responsibility: 'yes', phone: '07700 900123', address: lim(300, 'parent 0') },
      { name: 'Олена Коваленко', relationship: 'Grandmother', parental_responsibility: 'no', phone: '07700 900456', address: lim(300, 'parent 1') },
    ],
    household: [{ name: 'Ελένη Παπαδοπούλου', relationship: 'Aunt', date_of_birth: d(9, 9, 1990) }],
    family: { notes: lim(1000, 'family') },
    assessor: { name: 'Sam Patel', role: 'Registered childminder', organisation: 'Little Acorns Childminding', phone: '01634 000000' },
    assessment: { started_on: d(2, 11, 2026) },
    reason: { summary: lim(1200, 'reason') },
    needs: Object.fromEntries(ELEMENTS.map((e) => [e, { rating: 'some_concern', notes: lim(1000, e) }])),
    views: { child: lim(1000, 'child'), parent: lim(1000, 'parent') },
    conclusion: { summary: lim(1500, 'conclusion'), response: 'team_around_child' },
    plan: {
      meeting_date: d(9, 11, 2026),
      team: Array.from({ length: 12 }, (_, i) => ({ name: ['Ελένη Παπαδοπούλου', 'Олена Коваленко', 'Łucja Wąsowska'][i % 3] + ` ${i}`, role: 'Practitioner', agency: 'Health visiting', phone: '01634 111222', email: `m${i}@example.org` })),
      lead: { name: 'Ελένη Παπαδοπούλου 0', role: 'Practitioner', agency: 'Health visiting', phone: '01634 111222', agreed_with_family: true },
      actions: Array.from({ length: 150 }, (_, i) => ({
        need: ELEMENTS[i % ELEMENTS.length], what: lim(500, `what ${i}`), who: `Олена Коваленко ${i % 12}`, due: d(1, 2, 2027),
        outcome: lim(300, `outcome ${i}`), ecm: ECM[i % ECM.length], status: STATUS[i % 3], progress: lim(500, `progress ${i}`),
      })),
      next_review: d(21, 12, 2026),
    },
    consent,
  });
}

const out = join(here, 'fixtures');
mkdirSync(out, { recursive: true });
for (const [name, file] of [['typical', typical()], ['large', large()]]) {
  const path = join(out, `${name}.caf.json`);
  writeFileSync(path, JSON.stringify(file, null, 1) + '\n');
  console.log(`${path}: ${Buffer.byteLength(JSON.stringify(file))} bytes`);
}
