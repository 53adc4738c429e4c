import { describe, expect, it } from 'vitest';
import { inspectText } from '../../src/inspect.js';
import { repairText } from '../../src/remediation/repair-text.js';
import { finding } from './support.js';

/** Repair `text` with the findings the default detectors report for it. */
function repairWithDetectors(text: string) {
  const { findings } = inspectText(text, { chunkSize: 64 });
  return { findings, ...repairText(text, findings) };
}

describe('repairText', () => {
  it('collapses a runaway separator row to three hyphens per column', () => {
    const text = `| Planet | Moons |\n|${'-'.repeat(900)}|---|\n| Earth | 1 |\n`;
    const repaired = repairWithDetectors(text);
    expect(repaired.text).toBe('| Planet | Moons |\n|---|---|\n| Earth | 1 |\n');
    expect(repaired.edits).toMatchObject([{ kind: 'collapse-separator', detector: 'table-hyphens' }]);
  });

  it('repairs a separator cut off mid-run by an aborted stream, keeping alignment colons', () => {
    const text = `| a | b |\n|:---|${'-'.repeat(700)}`;
    expect(repairWithDetectors(text).text).toBe('| a | b |\n|:---|---|');
  });

  it('drops separator cells beyond the header width', () => {
    const text = `| a | b |\n${'|---'.repeat(200)}|\n`;
    expect(repairWithDetectors(text).text).toBe('| a | b |\n|---|---|\n');
  });

  it('strips padding runs from table cells', () => {
    const text = `| Name | Role |\n|---|---|\n| Ada${' '.repeat(800)}| engineer |\n`;
    const repaired = repairWithDetectors(text);
    expect(repaired.text).toBe('| Name | Role |\n|---|---|\n| Ada | engineer |\n');
    expect(repaired.edits[0]?.kind).toBe('strip-padding');
  });

  it('collapses a flood of escaped line breaks in a JSON string to one, and drops a flood at the end', () => {
    const inside = `{"notes": "open${'\\n'.repeat(40)}daily"}`;
    expect(repairWithDetectors(inside).text).toBe('{"notes": "open\\ndaily"}');
    const trailing = `{"notes": "${'\\n'.repeat(40)}`;
    expect(repairWithDetectors(trailing).text).toBe('{"notes": "');
  });

  it('collapses a flood of blank lines in prose to one blank line', () => {
    const text = `First paragraph.${'\n'.repeat(30)}Second paragraph.`;
    expect(repairWithDetectors(text).text).toBe('First paragraph.\n\nSecond paragraph.');
  });

  it('cuts a looped tail back to its first copy', () => {
    const copy = 'The cache must be invalidated whenever the source changes. ';
    const text = `Intro sentence here. ${copy.repeat(12)}`;
    const repaired = repairWithDetectors(text);
    expect(repaired.findings.some((each) => each.detector === 'text-loop' && each.severity === 'abort')).toBe(
      true,
    );
    expect(repaired.text).toBe(`Intro sentence here. ${copy.trimEnd()}`);
    expect(repaired.edits.some((edit) => edit.kind === 'cut-loop')).toBe(true);
  });

  it('cuts every later copy when the first copy begins across a line break of the intro', () => {
    const copy = 'I will run the tests now and check the output again. ';
    const text = `Here is the plan.\n${copy.repeat(40)}`;
    const repaired = repairWithDetectors(text);
    expect(repaired.text).toBe(`Here is the plan.\n${copy.trimEnd()}`);
    expect(inspectText(repaired.text).verdict).toBe('clean');
  });

  it('returns the text unchanged with no edits when nothing needs repair', () => {
    const text = '| a | b |\n|---|---|\n| 1 | 2 |\n';
    expect(repairText(text, [])).toEqual({ text, edits: [] });
    expect(repairText(text, [finding('safety', ['review-safety'])])).toEqual({ text, edits: [] });
  });

  it('skips findings about thought text and findings whose offsets lie outside the text', () => {
    const thought = finding('text-loop', [], 'abort', { channel: 'thought', start: 0, end: 5 });
    const outside = finding('table-hyphens', [], 'abort', { start: 500, end: 900 });
    expect(repairText('short', [thought, outside]).edits).toEqual([]);
  });

  it('keeps the first of two overlapping edits', () => {
    const text = `| a | b |\n|${'-'.repeat(50)}|\n`;
    const edits = repairText(text, [
      finding('table-hyphens', [], 'abort', { start: 11, end: 30 }),
      finding('table-hyphens', [], 'abort', { start: 12, end: 40 }),
    ]).edits;
    expect(edits).toHaveLength(1);
  });
});
