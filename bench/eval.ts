import { inspectText } from '../src/inspect.js';
import { caseFindings, loadCorpusCases, rightHit } from '../test/support/corpus-cases.js';
import { BENCH_CORPUS, corpusTexts } from './corpus.js';

function median(values: number[]): string {
  if (values.length === 0) return '-';
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return String(Math.round(value));
}

function printTable(title: string, rows: string[][]): void {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  console.log(`\n${title}`);
  for (const row of rows) console.log(row.map((cell, column) => cell.padEnd(widths[column]!)).join('  '));
}

if (!BENCH_CORPUS) {
  console.log('No corpus at $GUARD_CORPUS or ../shared/corpus: nothing to evaluate.');
  process.exit(0);
}

const cases = loadCorpusCases();
const legit = [...corpusTexts('legit'), ...corpusTexts('legit-docs')];
const legitAborts = legit.map((text) =>
  inspectText(text, { chunkSize: 64 }).findings.filter((f) => f.severity === 'abort'),
);

const kinds = [...new Set(cases.map((entry) => entry.kind))];
const summary: string[][] = [
  ['kind', 'cases', 'detected', 'missed', 'false positives', 'median chars to abort'],
];
const details: string[][] = [['case', 'detector', 'severity', 'chars to abort', 'visible copies']];
for (const kind of kinds) {
  const ofKind = cases.filter((entry) => entry.kind === kind);
  let detected = 0;
  const distances: number[] = [];
  for (const entry of ofKind) {
    const found = rightHit(entry, caseFindings(entry, 64));
    if (found) detected += 1;
    const distance = found && entry.text !== undefined ? found.end - found.start : undefined;
    if (distance !== undefined) distances.push(distance);
    details.push([
      entry.path,
      found?.detector ?? 'MISSED',
      found?.severity ?? '-',
      distance === undefined ? '-' : String(distance),
      entry.visibleCopies === undefined ? '-' : String(entry.visibleCopies),
    ]);
  }
  const expected = new Set<string>(ofKind[0]?.expected ?? []);
  const falsePositives = legitAborts.filter((found) =>
    found.some((finding) => expected.has(finding.detector)),
  ).length;
  summary.push([
    kind,
    String(ofKind.length),
    String(detected),
    String(ofKind.length - detected),
    `${falsePositives}/${legit.length}`,
    median(distances),
  ]);
}
printTable(
  'Degenerate corpus, 64-char chunks (false positives: legit files the same detectors abort on)',
  summary,
);
printTable('Per case', details);
const anyAbort = legitAborts.filter((found) => found.length > 0).length;
console.log(`\nLegitimate files with any abort finding: ${anyAbort} of ${legit.length}`);
