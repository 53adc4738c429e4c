import { describe, expect, it } from 'vitest';
import { csvField, resultsCsv } from '../../src/bench/results-csv.js';
import { fixtureResult, fixtureRuns } from './support/fixtures.js';

/** A small RFC 4180 reader: enough to read back what the writer wrote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[index + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      index += 1;
    } else field += char;
  }
  return rows;
}

describe('resultsCsv', () => {
  const result = fixtureResult([
    ...fixtureRuns('a', 10, 4),
    ...fixtureRuns('b', 10, 0),
    ...fixtureRuns('c', 10, 1),
  ]);

  it('writes one labelled row per variant whose figures read back as written', () => {
    const [header, ...rows] = parseCsv(resultsCsv(result));
    expect(rows).toHaveLength(3);
    const record = (row: string[]) => Object.fromEntries(header!.map((name, index) => [name, row[index]]));
    const a = record(rows[0]!);
    expect(a).toMatchObject({
      label: 'SIMULATED',
      case: 'tables',
      variant: 'a',
      variant_label: 'plain, t=0.2',
      runs: '10',
      failed: '4',
      failed_rate: '0.4',
      'failed_table-hyphens': '4',
      wasted_tokens: '800',
    });
    expect(Number(a.failed_low)).toBeCloseTo(result.summaries[0]!.failure.low, 5);
    expect(Number(a.failed_high)).toBeCloseTo(result.summaries[0]!.failure.high, 5);
    expect(a.guarded_clean_rate).toBe('');
  });

  it('quotes fields that hold commas, quotes or line breaks', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(0.1 + 0.2)).toBe('0.3');
    expect(csvField(undefined)).toBe('');
  });
});
