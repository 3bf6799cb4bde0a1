// Helpers shared by the drafts, fault and withdrawal tests: the open draft's
// id, a new draft on its child step, what storage holds for a draft, and a
// download saved to a file.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OUT } from './harness.mjs';

/** The draft id in the address `#draft/<id>/<page>`. */
export async function draftId(page) {
  const hash = await page.evaluate(() => location.hash);
  const id = hash.match(/^#draft\/([^/]+)\//)?.[1];
  assert.ok(id, `the address names a draft (${hash})`);
  return id;
}

/** Starts a new CAF from the drafts page and opens "About the child". */
export async function newDraftOnChildStep(page) {
  await page.locator('#start-new').click();
  await page.locator('#task-child').click();
  await page.locator('#child-given_name').waitFor();
}

/** The given name stored under `key`, or undefined (read as text: a revision may be u64::MAX). */
export const storedGivenNameAt = (page, key) =>
  page.evaluate((k) => {
    const text = localStorage.getItem(k);
    return text === null ? undefined : JSON.parse(text).draft.data.child.given_name;
  }, key);

/** The given name stored for draft `id`, or undefined. */
export const storedGivenName = (page, id) => storedGivenNameAt(page, `caf.draft.${id}`);

/**
 * Clicks `button`, which starts a download, and saves the file to OUT as
 * `name` (by default the name the app suggests). Returns its path, bytes,
 * text (UTF-8) and the suggested name.
 */
export async function downloadFrom(page, button, name) {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  mkdirSync(OUT, { recursive: true });
  const path = join(OUT, name ?? download.suggestedFilename());
  await download.saveAs(path);
  const bytes = readFileSync(path);
  return { path, bytes, text: bytes.toString('utf8'), suggested: download.suggestedFilename() };
}
