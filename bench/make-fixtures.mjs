// Writes the two benchmark fixtures, draft files the app imports as they are
// (product/draft-format.md), both from the complete CAF of the tests
// (tests/fixtures/complete-caf.json, its dates as written):
// bench/fixtures/typical.caf.json, that CAF (about 4 PDF pages), and
// bench/fixtures/large.caf.json, the largest draft the app supports, grown
// from it: 150 plan actions, every long text at (or a few characters under)
// its limit. Both have names in Latin Extended, Greek and Cyrillic. The
// output is committed; run this only to change them:
//   node bench/make-fixtures.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { completeCaf } from '../tests/fixtures/complete-caf.mjs';

const here = dirname(fileURLToPath(import.meta.url));

const ELEMENTS = ['health', 'emotional_social', 'behaviour', 'identity', 'relationships', 'self_care', 'learning', 'basic_care',
  'warmth_stability', 'guidance_boundaries', 'family_functioning', 'wider_family', 'housing_finance', 'community'];
const ECM = ['be_healthy', 'stay_safe', 'enjoy_and_achieve', 'positive_contribution', 'economic_wellbeing'];
const STATUS = ['not_started', 'in_progress', 'done'];

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

/** A typical CAF (about 4 PDF pages): the complete CAF of the tests, as written (tests/fixtures/README.md). */
function typical() {
  return envelope('7c1a2f9e-5d0b-4c47-9a51-3e2f7b8c6d01', 42, completeCaf());
}

/**
 * The largest draft the app supports, grown from the complete CAF (so it
 * answers every question the complete CAF does): 150 actions, 12 team
 * members, every element rated, every long text at its limit.
 */
function large() {
  const lim = (n, seed) => longText(n - 3, seed); // "near" the limit: 3 under
  const data = completeCaf();
  Object.assign(data.child, {
    known_as: 'Ελένη', address: lim(300, 'address'), disability: 'yes', disability_details: lim(500, 'disability'),
    first_language: 'Polish', interpreter_needed: 'yes', setting: 'Little Acorns Childminding',
  });
  data.parents.forEach((parent, i) => { parent.address = lim(300, `parent ${i}`); });
  data.family.notes = lim(1000, 'family');
  data.reason.summary = lim(1200, 'reason');
  data.needs = Object.fromEntries(ELEMENTS.map((e) => [e, { rating: 'some_concern', notes: lim(1000, e) }]));
  Object.assign(data.views, { child: lim(1000, 'child'), parent: lim(1000, 'parent') });
  data.conclusion.summary = lim(1500, 'conclusion');
  data.plan.team = Array.from({ length: 12 }, (_, i) => ({ name: ['Ελένη Παπαδοπούλου', 'Олена Коваленко', 'Łucja Wąsowska'][i % 3] + ` ${i}`, role: 'Practitioner', agency: 'Health visiting', phone: '01634 111222', email: `m${i}@example.org` }));
  const { name, role, agency, phone, email } = data.plan.team[0];
  Object.assign(data.plan.lead, { name, role, agency, phone, email });
  const due = data.plan.actions[0].due;
  data.plan.actions = Array.from({ length: 150 }, (_, i) => ({
    need: ELEMENTS[i % ELEMENTS.length], what: lim(500, `what ${i}`), who: `Олена Коваленко ${i % 12}`, due,
    outcome: lim(300, `outcome ${i}`), ecm: ECM[i % ECM.length], status: STATUS[i % 3], progress: lim(500, `progress ${i}`),
  }));
  return envelope('0badcafe-5d0b-4c47-9a51-3e2f7b8c6d10', 1500, data);
}

const out = join(here, 'fixtures');
mkdirSync(out, { recursive: true });
for (const [name, file] of [['typical', typical()], ['large', large()]]) {
  const path = join(out, `${name}.caf.json`);
  writeFileSync(path, JSON.stringify(file, null, 1) + '\n');
  console.log(`${path}: ${Buffer.byteLength(JSON.stringify(file))} bytes`);
}
