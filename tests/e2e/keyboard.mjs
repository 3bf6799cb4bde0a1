// Keyboard-only helpers: every move is a key press, as a person using only a
// keyboard would make it. Tab moves focus until the wanted control has it.
import assert from 'node:assert/strict';

const MAX_TABS = 400;

/** The id of the focused element. */
export const focusedId = (page) => page.evaluate(() => document.activeElement?.id ?? '');

/** Presses Tab until the element with `id` has focus (fails after MAX_TABS). */
export async function tabTo(page, id) {
  for (let n = 0; n < MAX_TABS; n += 1) {
    if ((await focusedId(page)) === id) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`Tab never reached #${id}`);
}

/** Presses Tab until the focused element's text matches `pattern` (for controls without an id). */
export async function tabToText(page, pattern) {
  for (let n = 0; n < MAX_TABS; n += 1) {
    if (pattern.test(await page.evaluate(() => document.activeElement?.textContent ?? ''))) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`Tab never reached a control reading ${pattern}`);
}

/** Tabs to a text box and types into it. */
export async function typeInto(page, id, text) {
  await tabTo(page, id);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

/** Tabs to a date question and types day, month and year. */
export async function typeDate(page, id, { day, month, year }) {
  await typeInto(page, `${id}-day`, String(day));
  await typeInto(page, `${id}-month`, String(month));
  await typeInto(page, `${id}-year`, String(year));
}

/**
 * Chooses a radio by keyboard: Tab reaches the group (its first radio carries
 * the question's id), then arrow keys move the choice until `value` is chosen.
 */
export async function chooseRadio(page, id, value) {
  const name = await page.evaluate((i) => document.getElementById(i).name, id);
  // Tab lands on the group's checked radio, or on its first when none is.
  for (let n = 0; ; n += 1) {
    if ((await page.evaluate(() => document.activeElement?.name ?? '')) === name) break;
    if (n > MAX_TABS) assert.fail(`Tab never reached the ${name} radios`);
    await page.keyboard.press('Tab');
  }
  for (let n = 0; n < 12; n += 1) {
    const chosen = await page.evaluate(
      (nm) => document.querySelector(`input[type=radio][name="${nm}"]:checked`)?.value ?? '',
      name,
    );
    if (chosen === value) return;
    if (n === 0 && chosen === '') {
      await page.keyboard.press('Space');
    } else {
      await page.keyboard.press('ArrowDown');
    }
  }
  assert.fail(`could not choose ${value} for ${name}`);
}

/** Chooses an option of a drop-down by keyboard: arrow keys up or down to it. */
export async function chooseOption(page, id, value) {
  await tabTo(page, id);
  for (let n = 0; n < 30; n += 1) {
    const { now, wanted } = await page.evaluate(
      ([i, v]) => {
        const select = document.getElementById(i);
        return { now: select.selectedIndex, wanted: [...select.options].findIndex((option) => option.value === v) };
      },
      [id, value],
    );
    if (wanted < 0) break;
    if (now === wanted) return;
    await page.keyboard.press(wanted < now ? 'ArrowUp' : 'ArrowDown');
  }
  assert.fail(`could not choose ${value} in #${id}`);
}

/** Ticks a checkbox by keyboard (Space), if it is not ticked yet. */
export async function tick(page, id) {
  await tabTo(page, id);
  if (!(await page.evaluate((i) => document.getElementById(i).checked, id))) {
    await page.keyboard.press('Space');
  }
}

/** Tabs to a button or link and presses Enter. */
export async function activate(page, id) {
  await tabTo(page, id);
  await page.keyboard.press('Enter');
}

/** A date `n` days from today, as the three boxes take it. */
export function daysFromToday(n) {
  const date = new Date();
  date.setDate(date.getDate() + n);
  return { day: date.getDate(), month: date.getMonth() + 1, year: date.getFullYear() };
}
