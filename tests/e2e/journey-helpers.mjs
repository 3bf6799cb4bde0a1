// What the whole-CAF journeys share (journey.test.mjs, withdrawn.test.mjs):
// typing the complete CAF (tests/fixtures/complete-caf.json) into a new
// draft by keyboard, step by step, moving between steps, and reading the
// PDFs back.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { completeCaf } from '../fixtures/complete-caf.mjs';
import { OUT } from './harness.mjs';
import { activate, chooseOption, chooseRadio, tick, typeDate, typeInto } from './keyboard.mjs';

/** The complete CAF as the journeys type it: its dates moved to lie around today. */
export const CAF = completeCaf(new Date());

/**
 * The step each part of the draft's `data` is answered on, in order. Which
 * question is in which part is the fixture's: a new question needs no edit
 * here.
 */
const STEPS = [
  ['start', ['start']],
  ['child', ['child']],
  ['family', ['parents', 'household', 'family']],
  ['assessor', ['assessor', 'assessment', 'services']],
  ['reason', ['reason']],
  ['needs', ['needs']],
  ['views', ['views']],
  ['conclusion', ['conclusion']],
  ['plan', ['plan']],
  ['consent', ['consent']],
];

/** The control id of a field path (caf-form.md §1): `parents[0].name` → `parents-0-name`. */
const controlId = (path) => path.replace(/[^A-Za-z0-9_]+/g, '-');

const isDate = (value) => value && typeof value === 'object' && 'day' in value && 'month' in value && 'year' in value;

const exists = (page, id) => page.evaluate((i) => document.getElementById(i) !== null, id);
const control = (page, id) =>
  page.evaluate((i) => {
    const el = document.getElementById(i);
    if (!el) return null;
    return { tag: el.tagName, type: el.type ?? '', value: el.value ?? '', visible: el.offsetParent !== null };
  }, id);

/** Presses Continue and waits for the next step. */
export async function continueStep(page) {
  await activate(page, 'continue');
  await page.locator('#step-heading').waitFor();
}

/** Ticks each of `values` among the checkboxes of `path`, or adds it as typed where it is not offered. */
async function tickEach(page, path, values) {
  const id = controlId(path);
  for (const value of values) {
    const optionId = await page.evaluate(
      ([name, v]) => [...document.querySelectorAll('input[type=checkbox]')].find((box) => box.name === name && box.value === v)?.id ?? null,
      [path, value],
    );
    if (optionId) {
      await tick(page, optionId);
    } else {
      await typeInto(page, `${id}-add`, value);
      await page.keyboard.press('Enter');
    }
  }
}

/** Answers the question at `path` with `value` by keyboard, as its control takes it. */
async function answer(page, path, value) {
  const id = controlId(path);
  if (isDate(value)) return typeDate(page, id, value);
  if (value === true) return tick(page, id);
  if (Array.isArray(value)) return tickEach(page, path, value);
  let found = await control(page, id);
  assert.ok(found, `the page has a control for ${path} (#${id})`);
  if (!found.visible && (await exists(page, `${id}-request`))) {
    // A question shown on request ("Add notes").
    await activate(page, `${id}-request`);
    found = await control(page, id);
  }
  if (found.type === 'radio') return chooseRadio(page, id, value);
  if (found.tag === 'SELECT') return chooseOption(page, id, value);
  // The form may have filled it already (the lead chosen from the team).
  if (found.value === value) return undefined;
  return typeInto(page, id, value);
}

/** Answers every question of `value` (an object of answers, a list or one answer) under `path`. */
async function answerAll(page, path, value) {
  if (Array.isArray(value) && value.length > 0 && typeof value[0] === 'object') {
    for (const [i, item] of value.entries()) {
      const itemPath = `${path}[${i}]`;
      const first = Object.keys(item)[0];
      const firstId = controlId(`${itemPath}.${first}`);
      if (!(await exists(page, firstId)) && !(await exists(page, `${firstId}-day`))) await activate(page, `${controlId(path)}-add`);
      await answerAll(page, itemPath, item);
    }
    return;
  }
  if (value && typeof value === 'object' && !Array.isArray(value) && !isDate(value)) {
    if (path === 'plan.lead') await chooseLead(page, value);
    for (const [key, item] of Object.entries(value)) await answerAll(page, `${path}.${key}`, item);
    return;
  }
  await answer(page, path, value);
}

/** "Choose from the team" when the lead professional is a team member, as a practitioner would. */
async function chooseLead(page, lead) {
  const member = CAF.plan.team.findIndex((m) => m.name === lead.name);
  if (member >= 0) await chooseOption(page, 'choose-lead', String(member));
}

/**
 * Types the complete CAF into steps 1–10 by keyboard, starting on the task
 * list of a new draft; ends on the consent step, not yet recorded.
 */
export async function fillWholeCaf(page, data = CAF) {
  await activate(page, 'task-start');
  for (const [n, [, parts]] of STEPS.entries()) {
    if (n > 0) await continueStep(page);
    for (const part of parts) {
      if (data[part] !== undefined) await answerAll(page, part, data[part]);
    }
  }
}

/** Starts a new CAF and types the complete CAF into it. */
export async function startWholeCaf(page, app) {
  await page.goto(app.url('/'));
  await activate(page, 'start-new');
  await page.locator('#task-start').waitFor();
  await fillWholeCaf(page);
}

/** Opens step (or page) `step` of the open draft by its address. */
export async function goTo(page, app, step) {
  const hash = await page.evaluate(() => location.hash);
  await page.goto(app.url('/') + hash.replace(/\/[a-z_]+$/, `/${step}`));
  await page.locator('#step-heading').waitFor();
}

/** The PDF's text as pdftotext reads it, with runs of white space made one space. */
export function pdfText(path) {
  return execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

/** Each page's text of the PDF (pdftotext splits pages with a form feed). */
export function pdfPages(path) {
  return execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8' })
    .split('\f')
    .filter((text) => text.trim() !== '')
    .map((text) => text.replace(/\s+/g, ' '));
}

/** Presses `buttonId` and saves the download as `name` under OUT; its path and suggested name. */
export async function downloadPdf(page, buttonId, name) {
  const t0 = Date.now();
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), activate(page, buttonId)]);
  const ms = Date.now() - t0;
  mkdirSync(OUT, { recursive: true });
  const path = join(OUT, name);
  await download.saveAs(path);
  console.log(`measure: ${name} in Chromium: ${ms} ms from key press to download, ${readFileSync(path).length} bytes`);
  return { path, suggested: download.suggestedFilename() };
}
