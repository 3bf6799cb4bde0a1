// A realistic CAF for the phone tests: two parents, one other person in the
// household, one other service, five elements rated, three team members and
// three actions, as a stored draft (`caf.draft.<id>`), plus a helper that
// stores it and opens a page of it.

const date = (day, month, year) => ({ day: String(day), month: String(month), year: String(year) });

/** The stored shape of the phone case with draft id `id`. */
export function phoneCase(id) {
  const team = [
    { name: 'Priya Raghunathan', role: 'Speech and language therapist', agency: 'Medway Community Healthcare', phone: '01634 111222', email: 'priya@example.org' },
    { name: 'Sam Patel', role: 'Registered childminder', agency: 'Little Acorns Childminding', phone: '01634 000000', email: 'sam@example.org' },
    { name: 'Jo Okafor', role: 'Family support worker', agency: 'Medway Family Hubs', phone: '01634 333444', email: 'jo@example.org' },
  ];
  const data = {
    start: { significant_harm: 'no', existing_check: 'checked_none', assess_agreed_by: 'Aleksandra Łukasiewicz', assess_agreed_relationship: 'Mother', assess_agreed_on: date(2, 11, 2026) },
    child: {
      given_name: 'Zoë', family_name: "Łukasiewicz-O'Brien", date_of_birth: date(3, 4, 2023), sex: 'female',
      address: '12 Mill Lane\nChatham', postcode: 'ME4 4TR', nhs_number: '943 476 5919', first_language: 'Polish', interpreter_needed: 'no', setting: 'Little Acorns Childminding',
    },
    parents: [
      { name: 'Aleksandra Łukasiewicz', relationship: 'Mother', parental_responsibility: 'yes', phone: '07700 900123', email: 'ola@example.com', lives_with_child: 'yes' },
      { name: "Declan O'Brien", relationship: 'Father', parental_responsibility: 'yes', phone: '07700 900456', lives_with_child: 'no', address: '4 Quay Road\nRochester' },
    ],
    household: [{ name: 'Halina Łukasiewicz', relationship: 'Grandmother', date_of_birth: date(14, 2, 1961) }],
    family: { notes: 'Grandmother helps with nursery pick-ups on Tuesdays.' },
    assessor: { name: 'Sam Patel', role: 'Registered childminder', organisation: 'Little Acorns Childminding', phone: '01634 000000', email: 'sam@example.org', ofsted_urn: 'EY123456' },
    assessment: { started_on: date(5, 11, 2026) },
    services: [{ service: 'Health visiting', contact_name: 'Siobhán Ní Bhriain', phone: '01634 555666', email: 'hv@example.org' }],
    reason: { summary: 'Zoë uses few words for her age; her mum asked for help with speech and with bedtimes.', people_present: 'Aleksandra (mum), Sam (childminder)' },
    needs: {
      health: { rating: 'some_concern', notes: 'Few words at 3 years 7 months; hearing test due.' },
      emotional_social: { rating: 'no_concern', notes: '' },
      behaviour: { rating: 'some_concern', notes: 'Frustrated when not understood; bedtimes are late.' },
      learning: { rating: 'strength', notes: 'Loves puzzles and the sand tray.' },
      basic_care: { rating: 'no_concern', notes: '' },
    },
    views: { child: 'Likes the sand tray and the swings.', parent: 'Wants a speech referral and help with bedtimes.' },
    conclusion: { summary: 'Speech and language therapy and help with routines, with a Team Around the Child.', response: 'team_around_child' },
    plan: {
      meeting_date: date(20, 11, 2026),
      team,
      lead: { ...team[0], reasons: [], agreed_with_family: true },
      actions: [
        { need: 'health', what: 'Weekly speech sessions at the childminder’s.', who: 'Priya Raghunathan', due: date(18, 12, 2026), outcome: 'Zoë uses two-word phrases.', ecm: 'be_healthy', status: 'in_progress', progress: 'Two sessions so far.' },
        { need: 'behaviour', what: 'A bedtime routine chart, agreed with mum.', who: 'Jo Okafor', due: date(8, 1, 2027), outcome: 'Asleep by 8pm on most nights.', ecm: 'be_healthy', status: 'not_started', progress: '' },
        { need: 'health', what: 'Hearing test at the community clinic.', who: 'Family', due: date(15, 1, 2027), outcome: 'We know whether hearing is part of it.', ecm: 'be_healthy', status: 'not_started', progress: '' },
      ],
      next_review: date(15, 1, 2027),
    },
    consent: {
      given_by: 'Aleksandra Łukasiewicz', relationship: 'Mother', parental_responsibility: 'yes', explained: true, store: true,
      share_with: ['Medway Community Healthcare', 'Medway Family Hubs'], method: 'signed_paper', date: date(20, 11, 2026), practitioner: 'Sam Patel',
    },
  };
  return {
    format_version: 1,
    draft: { id, created_at: '2026-11-20T09:01:00Z', updated_at: '2026-11-23T10:41:55Z', revision: 1, version: 0, last_pdf_fingerprint: '', data },
  };
}

/** Stores the phone case as `id` and opens its page `step` (after a reload, as a person returning would). */
export async function openPhoneCase(page, app, id, step) {
  await page.goto(app.url('/'));
  await page.evaluate(([key, value]) => localStorage.setItem(key, value), [`caf.draft.${id}`, JSON.stringify(phoneCase(id))]);
  await page.goto(`${app.url('/')}#draft/${id}/${step}`);
  await page.reload();
  await page.locator('#step-heading').waitFor();
}
