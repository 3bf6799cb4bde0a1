// Not a test: how long four pages are on a phone. Opens the phone case
// (phone-case.mjs) at 390 × 844 CSS px, takes a full-page screenshot of
// Check answers, the plan step, the needs step and the printable handout
// into out/phone-<label>-<page>.png, and prints each page's height in
// screens (page height / 844). Compare two builds with CAF_DIST:
//   CAF_DIST=/path/to/old/dist node tests/e2e/phone-heights.mjs before
//   node tests/e2e/phone-heights.mjs after
import { startApp } from './harness.mjs';
import { openPhoneCase } from './phone-case.mjs';

const label = process.argv[2] ?? 'now';
const app = await startApp({ contextOptions: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 } });
try {
  const page = await app.newPage();
  const id = '5e1f0c3a-9b2d-4e8f-a1c6-7d3b2e9f0a41';
  for (const step of ['check', 'plan', 'needs', 'handout']) {
    await openPhoneCase(page, app, id, step);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await app.screenshot(page, `phone-${label}-${step}`);
    console.log(`${label} ${step}: ${height} px = ${(height / 844).toFixed(1)} screens`);
  }
} finally {
  await app.close();
}
