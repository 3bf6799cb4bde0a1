// The CAF of the phone tests: the complete CAF (tests/fixtures/complete-caf.json:
// two parents, two other people in the household, one other service, five
// elements rated, three team members and four actions), its dates moved to
// lie around today, as a stored draft (`caf.draft.<id>`), plus a helper that
// stores it and opens a page of it.
import { completeCaf } from '../fixtures/complete-caf.mjs';

/** The phone case's answers. */
export const CASE = completeCaf(new Date());

/** The stored shape of the phone case with draft id `id`, its answers changed by `edit` if given. */
export function phoneCase(id, edit = () => {}) {
  const data = structuredClone(CASE);
  edit(data);
  return {
    format_version: 1,
    draft: { id, created_at: '2026-11-20T09:01:00Z', updated_at: '2026-11-23T10:41:55Z', revision: 1, version: 0, last_pdf_fingerprint: '', data },
  };
}

/**
 * Stores the phone case as `id` (its answers changed by `edit`, if given)
 * and opens its page `step` (after a reload, as a person returning would).
 */
export async function openPhoneCase(page, app, id, step, edit) {
  await page.goto(app.url('/'));
  await page.evaluate(([key, value]) => localStorage.setItem(key, value), [`caf.draft.${id}`, JSON.stringify(phoneCase(id, edit))]);
  await page.goto(`${app.url('/')}#draft/${id}/${step}`);
  await page.reload();
  await page.locator('#step-heading').waitFor();
}
