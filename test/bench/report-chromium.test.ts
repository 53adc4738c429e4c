import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenchResult } from '../../src/bench/bench-types.js';
import { runBench } from '../../src/bench/run-bench.js';
import { type BenchFiles, writeBenchResults } from '../../src/bench/write-results.js';
import {
  CHROMIUM_PATH,
  chromiumAvailable,
  launchReportBrowser,
  type RenderedReport,
  type ReportBrowser,
} from './support/chromium.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** Git-ignored: CI keeps what lands here as build artifacts. */
const ARTIFACTS = join(ROOT, 'test-artifacts');
const EXAMPLE = join(ROOT, 'bench/variants.example.json');
const available = chromiumAvailable();
const required = process.env.GUARD_REQUIRE_CHROMIUM === '1';

if (!available) {
  console.warn(
    `report-chromium: skipped, ${CHROMIUM_PATH} is not installed (apt-get install chromium; .ci/run installs it)`,
  );
}

/** Pixel counts of one canvas: painted at all, and close to a given colour. */
interface CanvasPixels {
  readonly id: string;
  readonly painted: number;
  readonly matching: number;
}

async function canvasPixels(
  rendered: RenderedReport,
  rgb: readonly [number, number, number],
): Promise<CanvasPixels[]> {
  return rendered.page.evaluate((target) => {
    const TOLERANCE = 3;
    return [...document.querySelectorAll('canvas')].map((canvas) => {
      const context = canvas.getContext('2d');
      const pixels = context
        ? context.getImageData(0, 0, canvas.width, canvas.height).data
        : new Uint8ClampedArray();
      let painted = 0;
      let matching = 0;
      for (let index = 0; index < pixels.length; index += 4) {
        if ((pixels[index + 3] ?? 0) === 0) continue;
        painted += 1;
        const near = [0, 1, 2].every(
          (channel) => Math.abs((pixels[index + channel] ?? 0) - (target[channel] ?? 0)) <= TOLERANCE,
        );
        if (near) matching += 1;
      }
      return { id: canvas.id, painted, matching };
    });
  }, rgb);
}

describe.runIf(available)('report.html in headless Chromium', () => {
  let result: BenchResult;
  let files: BenchFiles;
  let browser: ReportBrowser;
  let rendered: RenderedReport;

  beforeAll(async () => {
    const config = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
    result = await runBench(config, { simulate: true, repeats: 6 });
    files = await writeBenchResults(result, join(ARTIFACTS, 'bench-report'));
    browser = await launchReportBrowser();
    rendered = await browser.open(files.html);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('draws three Chart.js charts for every case and model', async () => {
    const blocks = result.cases.length * result.config.models.length;
    const counts = await rendered.page.evaluate(() => ({
      instances: Object.keys((window as unknown as { Chart: { instances: object } }).Chart.instances).length,
      hook: (window as { benchReport?: { charts: number } }).benchReport?.charts,
      canvases: document.querySelectorAll('canvas').length,
    }));
    expect(counts).toEqual({ instances: 3 * blocks, hook: 3 * blocks, canvases: 3 * blocks });
  });

  it('plots the failure rates and intervals of the results, variant by variant', async () => {
    const plotted = await rendered.page.evaluate(() => {
      type ChartLike = { data: { datasets: { data: unknown[] }[] } };
      const getChart = (window as unknown as { Chart: { getChart(canvas: Element): ChartLike } }).Chart
        .getChart;
      return [...document.querySelectorAll('canvas[id$="-failure"]')].map((canvas) => {
        const chart = getChart(canvas);
        return { rates: chart.data.datasets[0]?.data, intervals: chart.data.datasets[1]?.data };
      });
    });
    const percent = (value: number) => Math.round(value * 1000) / 10;
    const expected = result.cases.map((entry) => {
      const rows = result.summaries.filter((row) => row.caseId === entry.id);
      return {
        rates: rows.map((row) => percent(row.failure.rate)),
        intervals: rows.map((row) => [percent(row.failure.low), percent(row.failure.high)]),
      };
    });
    expect(plotted).toEqual(expected);
  });

  it('paints every canvas, with bars in the variant and detector colours', async () => {
    const variantBlue = await canvasPixels(rendered, [0x4e, 0x79, 0xa7]);
    const detectorRed = await canvasPixels(rendered, [0xe1, 0x57, 0x59]);
    for (const canvas of variantBlue) expect(canvas.painted, canvas.id).toBeGreaterThan(1000);
    // The first variant (no snippet, t=0.2) fails some runs of every case at the example's seed,
    // so its bar must be there in the first variant colour.
    const first = result.summaries.filter((row) => row.variantId === result.config.variants[0]?.id);
    for (const row of first) expect(row.failure.count, row.caseId).toBeGreaterThan(0);
    for (const canvas of variantBlue.filter((each) => each.id.endsWith('-failure'))) {
      expect(canvas.matching, canvas.id).toBeGreaterThan(100);
    }
    for (const canvas of detectorRed.filter((each) => each.id.endsWith('-detectors'))) {
      expect(canvas.matching, canvas.id).toBeGreaterThan(100);
    }
  });

  it('fetches nothing but the page itself and logs no errors', () => {
    expect(rendered.requests).toEqual([pathToFileURL(files.html).href]);
    expect(rendered.errors).toEqual([]);
  });

  it('keeps a screenshot of the rendered report as a test artifact', async () => {
    const path = join(ARTIFACTS, 'bench-report.png');
    await rendered.page.screenshot({ path, fullPage: true });
    expect(statSync(path).size).toBeGreaterThan(20_000);
  });
});

describe.runIf(!available && required)('report.html in headless Chromium (required by CI)', () => {
  it('fails because GUARD_REQUIRE_CHROMIUM=1 and Chromium is missing', () => {
    expect.fail(`${CHROMIUM_PATH} is missing; .ci/run installs the chromium package before the tests`);
  });
});
