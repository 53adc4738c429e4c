import { bannerOf, formatCount, formatProportion } from './bench-table.js';
import type { BenchResult } from './bench-types.js';
import { chartJsSource } from './chart-source.js';
import { chartData, type ReportBlock, reportBlocks, scriptSafeJson } from './report-data.js';
import { REPORT_SCRIPT } from './report-script.js';

/** Escape text for HTML element content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/**
 * The page may run its own inline scripts and styles and nothing else: no fetch, no image, no
 * font from anywhere. This is what makes the report provably self-contained.
 */
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:";

const STYLE = `
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #1d1d1f; background: #fafafa; }
main { max-width: 1180px; margin: 0 auto; padding: 20px 28px 48px; }
.banner { padding: 10px 28px; font-weight: 700; letter-spacing: 0.02em; }
.banner.simulated { background: #fff3cd; color: #7a5200; border-bottom: 2px solid #e0b000; }
.banner.live { background: #dff3e3; color: #1d5b2c; border-bottom: 2px solid #3c9a52; }
h1 { font-size: 24px; margin: 12px 0 4px; } h2 { font-size: 19px; margin: 0 0 4px; }
.meta, .note { color: #555; } .note { margin: 2px 0 12px; }
section.block { background: #fff; border: 1px solid #ddd; border-radius: 8px; padding: 16px 18px; margin: 20px 0; }
.charts { display: grid; grid-template-columns: 1fr 1fr 1fr; gap: 14px; }
.chart { position: relative; height: 270px; }
table { border-collapse: collapse; margin-top: 14px; font-size: 13.5px; width: 100%; }
th, td { padding: 4px 8px; border-bottom: 1px solid #eee; text-align: right; white-space: nowrap; }
th:first-child, td:first-child { text-align: left; }
tr.best td:first-child { font-weight: 700; }
.tag { font-size: 12px; background: #eee; border-radius: 4px; padding: 1px 6px; margin-left: 6px; }
@media (max-width: 900px) { .charts { grid-template-columns: 1fr; } }
`;

function cells(values: readonly string[], tag = 'td'): string {
  return values.map((value) => `<${tag}>${escapeHtml(value)}</${tag}>`).join('');
}

function figuresTable(block: ReportBlock): string {
  const detectors = block.caseInfo.detectors;
  const header = cells(
    [
      'variant',
      'runs',
      'errors',
      'failed [95% CI]',
      ...detectors,
      'aborted',
      'out tok/run',
      'wasted tok',
      'p50 ms',
      'p95 ms',
    ],
    'th',
  );
  const rows = block.rows.map((row) => {
    const best = row.variantId === block.best?.variantId;
    const values = [
      `${best ? '★ ' : ''}${row.label}`,
      String(row.runs),
      String(row.errors),
      formatProportion(row.failure),
      ...detectors.map((id) => (row.detectors[id] ? formatProportion(row.detectors[id]) : '-')),
      formatProportion(row.aborted),
      formatCount(row.meanOutputTokens),
      formatCount(row.wastedTokens),
      formatCount(row.latencyP50Ms),
      formatCount(row.latencyP95Ms),
    ];
    return `<tr${best ? ' class="best"' : ''}>${cells(values)}</tr>`;
  });
  return `<table><thead><tr>${header}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function guardedTable(block: ReportBlock): string {
  if (!block.rows.some((row) => row.guarded)) return '';
  const header = cells(
    ['guarded loop', 'calls', 'clean [95% CI]', 'attempts/call', 'attempts to clean', 'wasted tok'],
    'th',
  );
  const rows = block.rows.map((row) => {
    const guarded = row.guarded;
    const values = guarded
      ? [
          row.label,
          String(guarded.runs),
          formatProportion(guarded.clean),
          guarded.meanAttempts.toFixed(2),
          guarded.meanAttemptsToClean.toFixed(2),
          formatCount(guarded.wastedTokens),
        ]
      : [row.label, '-', '-', '-', '-', '-'];
    return `<tr>${cells(values)}</tr>`;
  });
  return `<table><thead><tr>${header}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function blockSection(block: ReportBlock, label: string): string {
  const mode = block.caseInfo.simulatedMode
    ? `<span class="tag">${escapeHtml(label)}: ${escapeHtml(block.caseInfo.simulatedMode)}</span>`
    : '';
  const canvas = (suffix: string, what: string) =>
    `<div class="chart"><canvas id="${block.key}-${suffix}" role="img" aria-label="${escapeHtml(what)}"></canvas></div>`;
  return `<section class="block" id="${block.key}">
<h2>${escapeHtml(block.caseInfo.title)} <span class="tag">${escapeHtml(block.caseInfo.id)}</span><span class="tag">${escapeHtml(block.model)}</span>${mode}</h2>
<p class="note">${escapeHtml(block.best ? block.best.note : 'No completed runs.')}</p>
<div class="charts">${canvas('failure', 'failure rate per variant')}${canvas('detectors', 'failure rate per detector')}${canvas('tokens', 'tokens per run')}</div>
${figuresTable(block)}${guardedTable(block)}
</section>`;
}

function explanation(result: BenchResult): string {
  const simulated = result.simulated
    ? '<p><strong>SIMULATED:</strong> these runs went to the built-in loopback server, whose failure rates come from a model of the troubleshooting guide’s remedies (snippets and temperature). They show how the report reads; they are not measurements of Gemini. Set <code>GEMINI_API_KEY</code> to measure your prompts on the live API.</p>'
    : '';
  return `${simulated}<p class="meta">A run <em>fails</em> when it has an abort-level finding or is blocked (safety, recitation, prompt). Each run is one fresh streamed call, inspected chunk by chunk and cut off at the first abort-level finding, never re-asked. Intervals are 95% Wilson score intervals; when two variants’ intervals overlap, the runs cannot tell them apart. <em>Wasted</em> tokens are the output tokens of failed runs.</p>`;
}

/**
 * `report.html`: one self-contained page (Chart.js and the data inlined; a Content Security
 * Policy forbids every fetch) with a SIMULATED or LIVE banner, then per case and model the best
 * variant's note, three charts (failure rate with 95% intervals, failure rate per detector,
 * tokens per run) and the full table of figures, readable without the terminal.
 */
export function renderReportHtml(result: BenchResult): string {
  const blocks = reportBlocks(result);
  const { models, repeats, seed, concurrency } = result.config;
  const meta = `${result.runs.length} runs · ${repeats} per variant · models ${models.join(', ')} · seed ${seed} · concurrency ${concurrency} · started ${result.startedAt} · ${(result.durationMs / 1000).toFixed(1)} s`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${result.label}: ${result.title}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<div class="banner ${result.simulated ? 'simulated' : 'live'}">${escapeHtml(bannerOf(result))}</div>
<main>
<h1>${escapeHtml(result.title)}</h1>
<p class="meta">${escapeHtml(meta)}</p>
${explanation(result)}
${blocks.map((block) => blockSection(block, result.label)).join('\n')}
</main>
<script type="application/json" id="bench-data">${scriptSafeJson(chartData(blocks))}</script>
<script>${chartJsSource()}</script>
<script>${REPORT_SCRIPT}</script>
</body>
</html>
`;
}
