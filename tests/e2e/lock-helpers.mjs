// Helpers shared by the tests of the lock: the passphrase forms, what
// storage holds, and a save made at once.
import { eventually } from './harness.mjs';

export const PASSPHRASE = 'otter kettle marble';

/** Every `caf.*` entry in localStorage, key → raw text. */
export const cafEntries = (page) =>
  page.evaluate(() => Object.fromEntries(Object.keys(localStorage).filter((k) => k.startsWith('caf.')).map((k) => [k, localStorage.getItem(k)])));

/** Saves the open draft at once (the app saves when the page is hidden). */
export const saveNow = (page) => page.evaluate(() => document.dispatchEvent(new Event('visibilitychange', { bubbles: true })));

/** Back to the drafts page by the header link. */
export async function toDraftsPage(page) {
  await page.locator('a.caf-header__name').click();
  await page.locator('#start-new').waitFor();
}

/** Sets the passphrase from the drafts page. */
export async function setPassphrase(page, passphrase = PASSPHRASE) {
  await page.locator('#lock-start').click();
  await page.locator('#lock-explained').waitFor();
  await page.locator('#new-passphrase').fill(passphrase);
  await page.locator('#new-passphrase-again').fill(passphrase);
  await page.locator('#set-passphrase').click();
  await page.locator('#lock-now-drafts').waitFor({ timeout: 15000 });
}

/** Unlocks from the unlock page. */
export async function unlock(page, passphrase = PASSPHRASE) {
  await page.locator('#unlock-passphrase').fill(passphrase);
  await page.locator('#unlock').click();
  await page.locator('#unlock-form').waitFor({ state: 'detached', timeout: 15000 });
  await page.locator('#step-heading').waitFor();
}

/** Waits until every stored draft entry is locked (the queue has sealed it). */
export const allLocked = (page) =>
  eventually(
    async () => {
      const entries = await cafEntries(page);
      const drafts = Object.entries(entries).filter(([k]) => k.startsWith('caf.draft.') || k.startsWith('caf.deleted.'));
      return drafts.length > 0 && drafts.every(([, v]) => v.startsWith('{"format":"caf-lite.locked"'));
    },
    { message: 'every entry locked' },
  );


/**
 * Fills localStorage with junk until one more character does not fit;
 * returns how many junk entries it wrote. `emptyJunk` removes them.
 */
export async function fillStorage(page) {
  return page.evaluate(() => {
    let n = 0;
    for (let size = 1 << 20; size >= 1; size = Math.floor(size / 2)) {
      const junk = 'x'.repeat(size);
      for (;;) {
        try {
          localStorage.setItem(`junk.${n}`, junk);
          n += 1;
        } catch (err) {
          if (err.name !== 'QuotaExceededError') throw err;
          break;
        }
      }
    }
    return n;
  });
}

export const emptyJunk = (page) =>
  page.evaluate(() => {
    for (const key of Object.keys(localStorage)) if (key.startsWith('junk.')) localStorage.removeItem(key);
  });
