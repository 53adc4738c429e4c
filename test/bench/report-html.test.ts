import { describe, expect, it } from 'vitest';
import { escapeHtml, renderReportHtml } from '../../src/bench/report-html.js';
import { fixtureResult, fixtureRuns } from './support/fixtures.js';

const runs = [...fixtureRuns('a', 10, 4), ...fixtureRuns('b', 10, 0), ...fixtureRuns('c', 10, 1)];

function dataIsland(html: string): unknown {
  const match = /<script type="application\/json" id="bench-data">([\s\S]*?)<\/script>/.exec(html);
  if (!match) throw new Error('no data island');
  return JSON.parse(match[1] ?? '');
}

describe('renderReportHtml', () => {
  const html = renderReportHtml(fixtureResult(runs));

  it('is one self-contained page: Chart.js inlined, no external resource, every fetch forbidden', () => {
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'/);
    expect(html).toContain('Chart.js v4');
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<link\b/);
    expect(html).not.toContain('sourceMappingURL');
  });

  it('labels the page SIMULATED and carries the figures as a table too', () => {
    expect(html).toMatch(/<div class="banner simulated">SIMULATED · /);
    expect(html).toMatch(/<title>SIMULATED: /);
    expect(html).toContain('<td>40% [17-69]</td>');
    expect(html).toContain('<tr class="best"><td>★ b</td>');
    expect(html).toContain('id="block-0-0-failure"');
  });

  it('hands the charts the rates and intervals of every variant', () => {
    expect(dataIsland(html)).toMatchObject({
      blocks: [
        {
          key: 'block-0-0',
          variants: ['plain, t=0.2', 'b', 'c'],
          failure: [{ count: 4, runs: 10 }, { count: 0 }, { count: 1 }],
          detectors: [{ id: 'table-hyphens', values: [{ count: 4 }, { count: 0 }, { count: 1 }] }],
          wastedPerRun: [80, 0, 20],
        },
      ],
    });
  });

  it('escapes text from the config, in the markup and in the data island', () => {
    const hostile = fixtureResult(runs);
    const page = renderReportHtml({
      ...hostile,
      title: '</script><script>alert(1)</script>',
      summaries: hostile.summaries.map((row) => ({ ...row, label: '<img src=x onerror=alert(1)>' })),
    });
    expect(page).not.toContain('<script>alert(1)');
    expect(page).not.toContain('<img src=x');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect((dataIsland(page) as { blocks: { variants: string[] }[] }).blocks[0]?.variants[0]).toBe(
      '<img src=x onerror=alert(1)>',
    );
  });

  it('says LIVE for live results', () => {
    expect(renderReportHtml(fixtureResult(runs, false))).toMatch(/<div class="banner live">LIVE · /);
  });

  it('escapes the five HTML-special characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
