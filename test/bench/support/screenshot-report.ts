// Regenerates bench/report-screenshot.png, the picture of report.html in the README:
//   node --import tsx --import ./scripts/register-markdown.mjs test/bench/support/screenshot-report.ts
// It runs the full example config in simulation mode (offline, a few seconds), renders the report
// in Debian's Chromium and keeps the top of the page: the SIMULATED banner and the first case.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBench } from '../../../src/bench/run-bench.js';
import { writeBenchResults } from '../../../src/bench/write-results.js';
import { launchReportBrowser } from './chromium.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const OUTPUT = join(ROOT, 'bench/report-screenshot.png');
/** Below the first case's block, so its charts and tables are whole in the picture. */
const MARGIN = 16;

async function main(): Promise<void> {
  const config = JSON.parse(readFileSync(join(ROOT, 'bench/variants.example.json'), 'utf8'));
  const result = await runBench(config, { simulate: true });
  const directory = mkdtempSync(join(tmpdir(), 'gemini-guard-report-'));
  const browser = await launchReportBrowser();
  try {
    const files = await writeBenchResults(result, directory);
    const { page } = await browser.open(files.html, { width: 1280, height: 900 });
    const box = await page.locator('section.block').first().boundingBox();
    if (box === null) throw new Error('the report has no case block to show');
    const height = Math.ceil(box.y + box.height + MARGIN);
    await page.screenshot({ path: OUTPUT, clip: { x: 0, y: 0, width: 1280, height }, fullPage: true });
    console.log(`wrote ${OUTPUT} (1280x${height}) from ${result.runs.length} SIMULATED runs`);
  } finally {
    await browser.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

await main();
