import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli as runCli, workspace } from './support/cli.js';

const space = workspace();
const work = space.dir;
afterAll(() => space.remove());

/** Run the CLI from source as a user would run the built one: a real process, real files. */
function cli(args: string[], input?: string) {
  return runCli(args, work, input);
}

function file(name: string, content: string): string {
  return space.file(name, content);
}

const LOOP = `Here is the plan.\n${'I will run the tests now and check the output again. '.repeat(40)}`;
const HYPHENS = `| a | b |\n|${'-'.repeat(4000)}|---|\n| 1 | 2 |\n`;

describe('gemini-guard inspect', () => {
  it('prints a clean verdict and exits 0 for ordinary text', () => {
    const path = file('clean.txt', 'The sky is blue because of Rayleigh scattering.\n');
    const run = cli(['inspect', path, '--json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toEqual({ files: [{ path, input: 'text', verdict: 'clean', findings: [] }] });
  });

  it('flags a looping text as degenerate with the JSON contract and exits 1', () => {
    const path = file('loop.txt', LOOP);
    const run = cli(['inspect', path, '--json']);
    expect(run.code).toBe(1);
    const [entry] = JSON.parse(run.stdout).files;
    expect(entry.verdict).toBe('degenerate');
    const abort = entry.findings.find((finding: { severity: string }) => finding.severity === 'abort');
    expect(Object.keys(abort).sort()).toEqual([
      'detector',
      'end',
      'message',
      'remediations',
      'severity',
      'start',
    ]);
    expect(abort.detector).toBe('text-loop');
  });

  it('flags a runaway separator row, also when fed as a stream of chunks', () => {
    const path = file('table.md', HYPHENS);
    for (const args of [[], ['--chunk-size', '16']]) {
      const run = cli(['inspect', path, '--json', ...args]);
      expect(run.code).toBe(1);
      const [entry] = JSON.parse(run.stdout).files;
      expect(
        entry.findings.some(
          (f: { detector: string; severity: string }) =>
            f.detector === 'table-hyphens' && f.severity === 'abort',
        ),
      ).toBe(true);
    }
  });

  it('reads a response JSON, a stream of chunks and an SSE capture, and reports a blocked verdict', () => {
    const blocked = {
      candidates: [{ content: { parts: [{ text: 'Partial' }], role: 'model' }, finishReason: 'SAFETY' }],
    };
    const chunks = [
      { candidates: [{ content: { parts: [{ text: 'Partial ' }], role: 'model' } }] },
      {
        candidates: [{ content: { parts: [{ text: 'answer' }], role: 'model' }, finishReason: 'RECITATION' }],
      },
    ];
    const sse = chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\r\n\r\n`).join('');
    const cases: [string, string, string][] = [
      ['response.json', JSON.stringify(blocked), 'response'],
      ['stream.json', JSON.stringify(chunks), 'stream'],
      ['capture.sse', sse, 'sse'],
    ];
    for (const [name, content, kind] of cases) {
      const run = cli(['inspect', file(name, content), '--json']);
      expect(run.code).toBe(1);
      const [entry] = JSON.parse(run.stdout).files;
      expect(entry.input).toBe(kind);
      expect(entry.verdict).toBe('blocked');
    }
  });

  it('checks tool-call loops across the model turns of a conversation history', () => {
    const call = { functionCall: { name: 'read_file', args: { path: 'a.txt' } } };
    const result = { functionResponse: { name: 'read_file', response: { content: 'same' } } };
    const history = [{ role: 'user', parts: [{ text: 'Read a.txt' }] }];
    for (let turn = 0; turn < 6; turn += 1)
      history.push({ role: 'model', parts: [call] } as never, { role: 'user', parts: [result] } as never);
    const run = cli(['inspect', file('history.json', JSON.stringify(history)), '--json']);
    const [entry] = JSON.parse(run.stdout).files;
    expect(entry.input).toBe('history');
    expect(entry.verdict).toBe('degenerate');
    expect(entry.findings.some((f: { detector: string }) => f.detector === 'tool-call-loop')).toBe(true);
  });

  it('treats truncated JSON as model text and reads standard input with -', () => {
    const run = cli(['inspect', '-', '--json'], '{"answer": "unfinished');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).files[0]).toMatchObject({ path: '-', input: 'text' });
  });

  it('shows line:column, the excerpt and the fix in human output', () => {
    const run = cli(['inspect', file('loop2.txt', LOOP)]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/degenerate/);
    expect(run.stdout).toMatch(/\d+:\d+ +abort +text-loop/);
    expect(run.stdout).toMatch(/fix: .*no-repetition/);
  });

  it('exits 2 and names the file when a file cannot be read', () => {
    const missing = join(work, 'nope.txt');
    const run = cli(['inspect', missing]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(missing);
  });

  it('exits 2 on usage errors: an unknown detector or a bad chunk size', () => {
    const path = file('x.txt', 'hello');
    expect(cli(['inspect', path, '--detectors', 'nonsense']).code).toBe(2);
    expect(cli(['inspect', path, '--chunk-size', '0']).code).toBe(2);
    expect(cli(['inspect']).code).toBe(2);
  });

  it('applies --schema to structured output', () => {
    const schema = file(
      'schema.json',
      JSON.stringify({
        type: 'object',
        properties: { a: { type: 'string' }, b: { type: 'number' } },
        required: ['a', 'b'],
      }),
    );
    const run = cli(['inspect', file('out.json', '{"b": 1, "a": "x"}'), '--schema', schema, '--json']);
    const [entry] = JSON.parse(run.stdout).files;
    expect(entry.findings.some((f: { detector: string }) => f.detector === 'schema-order')).toBe(true);
  });

  it('prints help for the program and for inspect', () => {
    expect(cli(['--help']).stdout).toContain('inspect');
    const help = cli(['inspect', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--chunk-size');
  });
});
