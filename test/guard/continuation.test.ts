import type { Content } from '@google/genai';
import { describe, expect, it } from 'vitest';
import { guard } from '../../src/guard/guard.js';
import { CONTINUE_INSTRUCTION } from '../../src/remediation/continuation.js';
import { DEFAULT_SNIPPETS } from '../../src/remediation/snippets.js';
import { textReply } from '../../src/testing/reply-builders.js';
import { systemHas } from '../../src/testing/scenarios/index.js';
import type { Scenario } from '../../src/testing/types.js';
import { watch, withFake } from './support.js';

/** About 2,800 characters of clean text, more than the default minimum prefix of 2,000. */
const REPORT = Array.from(
  { length: 60 },
  (_, index) => `Section ${index + 1} explains part ${index + 1} of the design.\n`,
).join('');
/** The clean prefix: the report and the table header, up to the line where the separator runs away. */
const PREFIX = `${REPORT}| a | b |\n`;
const TAIL = '|---|---|\n| 1 | 2 |\n';
const FRESH = `| a | b |\n${TAIL}`;

/** A long clean report, then a runaway separator, until the table rules arrive; then only the rest. */
const lateRunaway: Scenario = (request) => {
  if (!systemHas(request.body, DEFAULT_SNIPPETS['table-format'])) {
    return textReply({ text: `${PREFIX}|${'-'.repeat(3000)}`, chunkSize: 64, chunkDelayMs: 1 });
  }
  const continuing = (request.body.contents as unknown[]).length > 1;
  return textReply({ text: continuing ? TAIL : FRESH, chunkSize: 64 });
};

describe('continuation', () => {
  it('continues a late-aborted answer from its clean prefix instead of starting over', async () => {
    await withFake({ scenario: lateRunaway }, async (fake, ai) => {
      const guarded = guard(ai, { continuation: { minPrefixChars: 1000 }, holdbackChars: 0 });
      const { result, display, events } = await watch(
        guarded.stream({ model: 'gemini-2.5-flash', contents: 'Report.' }),
      );
      expect(result).toMatchObject({ ok: true, chosen: 2 });
      expect(result.text).toBe(PREFIX + TAIL);
      expect(display).toBe(result.text);
      expect(result.attempts[1]).toMatchObject({
        kind: 'continuation',
        continuation: { prefixChars: PREFIX.length },
      });
      expect(result.totals.savedByContinuation).toBeGreaterThan(0);
      const contents = fake.requests[1]?.body.contents as Content[];
      expect(contents.map((content) => content.role)).toEqual(['user', 'model', 'user']);
      expect(contents[1]?.parts?.[0]?.text).toBe(PREFIX);
      expect(contents[2]?.parts?.[0]?.text).toBe(CONTINUE_INSTRUCTION);
      const retract = events.find((event) => event.type === 'retract');
      expect(retract).toMatchObject({ keep: PREFIX.length, cause: 're-ask' });
      expect(result.response.candidates?.[0]?.content?.parts?.[0]?.text).toBe(PREFIX);
    });
  });

  it('starts over when the clean prefix is shorter than minPrefixChars', async () => {
    await withFake({ scenario: lateRunaway }, async (fake, ai) => {
      const guarded = guard(ai, { continuation: { minPrefixChars: PREFIX.length + 1 } });
      const result = await guarded.generate({ model: 'gemini-2.5-flash', contents: 'Report.' });
      expect(result.attempts[1]?.kind).toBe('fresh');
      expect(fake.requests[1]?.body.contents as Content[]).toHaveLength(1);
      expect(result.text).toBe(FRESH);
    });
  });

  it('counts the continued prefix as kept, not wasted', async () => {
    await withFake({ scenario: lateRunaway }, async (_fake, ai) => {
      const result = await guard(ai, { continuation: true }).generate({
        model: 'gemini-2.5-flash',
        contents: 'R.',
      });
      const first = result.attempts[0];
      const saved = result.attempts[1]?.continuation?.tokensSaved ?? 0;
      expect(saved).toBeGreaterThan(0);
      expect(result.totals.wastedTokens).toBe((first?.tokens.output ?? 0) - saved);
    });
  });
});
