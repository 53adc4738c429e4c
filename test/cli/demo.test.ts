import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDemo } from '../../src/cli/demo.js';
import { FAILURE_SCENARIOS } from '../../src/testing/scenarios/index.js';

describe('the demo', () => {
  let savedKey: string | undefined;
  beforeEach(() => {
    // Never make a live call from a test, whatever the machine's environment holds.
    savedKey = process.env.GEMINI_API_KEY;
    delete process.env.GEMINI_API_KEY;
  });
  afterEach(() => {
    if (savedKey !== undefined) process.env.GEMINI_API_KEY = savedKey;
  });

  async function run(): Promise<{ code: number; output: string }> {
    let output = '';
    const code = await runDemo({
      stdout: (text) => {
        output += text;
      },
      stderr: (text) => {
        output += text;
      },
      readStdin: () => '',
      color: false,
    });
    return { code, output };
  }

  it('walks through every failure mode and exits 0', async () => {
    const { code, output } = await run();
    expect(code).toBe(0);
    for (const scenario of FAILURE_SCENARIOS) expect(output).toContain(`. ${scenario.id}: ${scenario.title}`);
    expect(output).not.toContain('Live');
  });

  it('prints, for each runaway, where it was detected, the disconnect, the remedy and the clean re-ask', async () => {
    const { output } = await run();
    const sections = output.split(/\n(?=\d\. )/).slice(1);
    expect(sections).toHaveLength(FAILURE_SCENARIOS.length);
    for (const section of sections.slice(0, 6)) {
      expect(section).toMatch(/detected +\S+ \(abort\) at character \d+ of attempt 1/);
      expect(section).toMatch(/aborted +after \d+ of \d+ chunks .* the server saw the client disconnect/);
      expect(section).toMatch(/remedy +(snippet|require-all-fields)/);
      expect(section).toMatch(/outcome +clean on attempt 2 of 2/);
      expect(section).toMatch(/saved by aborting early about [1-9][\d,]*/);
    }
    expect(sections[6]).toMatch(/needs-safety-policy after 1 attempt/);
    expect(sections[7]).toMatch(/temperature:1\.2/);
    expect(sections[8]).toMatch(/terminal/);
    expect(output).toMatch(/Total: about [1-9][\d,]* output tokens not generated/);
  });
});
