import { describe, expect, it } from 'vitest';
import { createFinishOtherDetector } from '../../detectors/finish-other.js';
import { createMaxTokensDetector } from '../../detectors/max-tokens.js';
import { createPromptBlockedDetector } from '../../detectors/prompt-blocked.js';
import { createRecitationDetector } from '../../detectors/recitation.js';
import { createSafetyDetector } from '../../detectors/safety.js';
import { createToolCallLoopDetector } from '../../detectors/tool-call-loop.js';
import type { GuardEvent } from '../../src/events.js';
import type { BuiltInDetectorId, Detector, Finding } from '../../src/finding.js';
import { inspectChunks, inspectEvents, inspectHistory } from '../../src/inspect.js';
import { listCorpus, readCorpus, readCorpusJson, reportMissingCorpus } from '../support/corpus.js';
import { blockChunks, type DegenerateEntry, visibleToolCopies } from '../support/corpus-cases.js';
import { splitEvery } from '../support/feed.js';
import { readResponseDump } from '../support/response-dumps.js';

/** The detectors this file is about. */
const OURS: BuiltInDetectorId[] = [
  'tool-call-loop',
  'safety',
  'recitation',
  'prompt-blocked',
  'max-tokens',
  'finish-other',
];

/**
 * What each block case must be classified as. The detector is the one the case's own description
 * points to (a RECITATION or SAFETY finish, a prompt_feedback block, a MAX_TOKENS stop).
 */
const BLOCK_CASES: Record<string, { detector: BuiltInDetectorId; severity: 'abort' | 'warn' }> = {
  '030-gemini-ai21-recitation-response.json': { detector: 'recitation', severity: 'abort' },
  '031-phpclient68-recitation-object-dump.txt': { detector: 'recitation', severity: 'abort' },
  '032-litellm4491-recitation-sse-stream.txt': { detector: 'recitation', severity: 'abort' },
  '033-generativeaijs124-recitation-citation-metadata.txt': { detector: 'recitation', severity: 'abort' },
  '034-generativeaipython126-prompt-blocked-safety.txt': { detector: 'prompt-blocked', severity: 'abort' },
  '035-cherrystudio664-finish-safety.json': { detector: 'safety', severity: 'abort' },
  // MAX_TOKENS is a cut-off, not a block: a warning by design.
  '036-adkpython1357-max-tokens-empty.json': { detector: 'max-tokens', severity: 'warn' },
};

/** Tool-loop cases whose log shows too few copies to call a loop, with the reason. */
const LOOP_EXCEPTIONS: Record<string, string> = {
  '028-geminicli4936-readfile-param-error-loop.txt':
    'the window shows two copies of the malformed ReadFile call (">=2 visible"); the reporter says it went on, but two calls are below any loop bar',
};

/**
 * Expected severity per tool-loop case, from the number of copies its log shows and the default
 * bars (warn 3, abort 5). 027 and 029 show 4 and 3 copies: their real loops ran longer (gemini-cli
 * halted 027 with its own 5-call detector, 029 was cut by the excerpt window), but the test counts
 * only what the log shows and does not lower the bars to fit them.
 */
const LOOP_CASES: Record<string, 'abort' | 'warn'> = {
  '025-astrbot8773-steal-meme-tool-loop-log.txt': 'abort',
  '026-pgedge235-identical-tool-call-turns.txt': 'abort',
  '027-geminicli8259-readfile-repeat.txt': 'warn',
  '029-geminicli7525-readfile-log-apology-loop.txt': 'warn',
};

/** Feed text pieces then a normal STOP to fresh instances of our detectors; returns every finding. */
function feedLegit(pieces: readonly string[]): Finding[] {
  const detectors: Detector[] = [
    createToolCallLoopDetector(),
    createSafetyDetector(),
    createRecitationDetector(),
    createPromptBlockedDetector(),
    createMaxTokensDetector(),
    createFinishOtherDetector(),
  ];
  const findings: Finding[] = [];
  const push = (event: GuardEvent) => {
    for (const detector of detectors) findings.push(...detector.push(event));
  };
  let offset = 0;
  for (const text of pieces) {
    push({ type: 'text-delta', candidate: 0, text, offset });
    offset += text.length;
  }
  push({
    type: 'finish',
    candidate: 0,
    reason: 'STOP',
    safetyRatings: [],
    citations: [],
    textLength: offset,
    thoughtLength: 0,
  });
  push({ type: 'usage', candidate: 0, usage: { candidatesTokenCount: Math.ceil(offset / 4) } });
  for (const detector of detectors) findings.push(...detector.end());
  return findings;
}

describe.runIf(reportMissingCorpus('blocks and tool loops'))('corpus: blocks and tool loops', () => {
  const cases = readCorpusJson<{ cases: DegenerateEntry[] }>('degenerate/index.json').cases;

  it('has an expectation for every recitation, safety, other and tool-loop case in the index', () => {
    const blocks = cases.filter((entry) => ['recitation', 'safety', 'other'].includes(entry.kind));
    expect(blocks.map((entry) => entry.file).sort()).toEqual(Object.keys(BLOCK_CASES).sort());
    const loops = cases.filter((entry) => entry.kind === 'tool-loop').map((entry) => entry.file);
    expect(loops.sort()).toEqual([...Object.keys(LOOP_CASES), ...Object.keys(LOOP_EXCEPTIONS)].sort());
  });

  for (const [file, expected] of Object.entries(BLOCK_CASES)) {
    it(`classifies ${file} with ${expected.detector} at ${expected.severity}, and nothing else`, () => {
      const entry = cases.find((item) => item.file === file);
      if (!entry) throw new Error(`${file} is not in degenerate/index.json`);
      const { findings } = inspectChunks(blockChunks(entry), { only: OURS });
      expect(findings.map((finding) => [finding.detector, finding.severity])).toEqual([
        [expected.detector, expected.severity],
      ]);
    });
  }

  it('reads the details each block case carries', () => {
    const findingOf = (file: string) => {
      const entry = cases.find((item) => item.file === file) as DegenerateEntry;
      return inspectChunks(blockChunks(entry), { only: OURS }).findings[0];
    };
    expect(
      findingOf('033-generativeaijs124-recitation-citation-metadata.txt')?.data?.citations,
    ).toContainEqual({
      uri: 'https://brainly.com/question/26483647',
      start: 32734,
      end: 32868,
    });
    expect(findingOf('032-litellm4491-recitation-sse-stream.txt')?.data?.retract).toBe(true);
    expect(findingOf('034-generativeaipython126-prompt-blocked-safety.txt')?.data).toMatchObject({
      reason: 'SAFETY',
      categories: ['HARM_CATEGORY_HARASSMENT'],
      retryable: false,
    });
    expect(findingOf('035-cherrystudio664-finish-safety.json')?.data).toMatchObject({
      categories: ['HARM_CATEGORY_SEXUALLY_EXPLICIT'],
      retract: false,
    });
    expect(findingOf('036-adkpython1357-max-tokens-empty.json')?.data).toMatchObject({
      onlyThoughts: true,
      empty: true,
      thoughtsTokenCount: 2999,
    });
  });

  it('passes a complete JSON response to the inspector unchanged', () => {
    const raw = readCorpus('degenerate/036-adkpython1357-max-tokens-empty.json');
    expect(readResponseDump(raw)).toEqual([JSON.parse(raw)]);
  });

  for (const [file, severity] of Object.entries(LOOP_CASES)) {
    it(`flags the calls read from ${file} at ${severity}`, () => {
      const calls = cases.find((item) => item.file === file)?.derived_tool_calls;
      if (!calls) throw new Error(`${file} has no derived_tool_calls`);
      const args = typeof calls.args === 'object' && calls.args !== null ? calls.args : {};
      const events: GuardEvent[] = Array.from({ length: visibleToolCopies(calls) }, () => ({
        type: 'function-call',
        candidate: 0,
        name: calls.name,
        args: args as Record<string, unknown>,
        offset: 0,
      }));
      const result = inspectEvents(events, { only: ['tool-call-loop'] });
      const worst = result.abortedBy ?? result.findings.at(-1);
      expect(worst?.severity).toBe(severity);
      expect(worst?.evidence.startsWith(`${calls.name}(`)).toBe(true);
    });
  }

  it('lists the tool-loop cases below the warn bar, and they are below it', () => {
    for (const file of Object.keys(LOOP_EXCEPTIONS)) {
      const calls = cases.find((item) => item.file === file)?.derived_tool_calls;
      expect(calls && visibleToolCopies(calls)).toBeLessThan(3);
    }
  });
});

describe.runIf(reportMissingCorpus('genai-wire recordings'))('corpus: real Gemini API recordings', () => {
  interface Recording {
    interactions: { request: { bodySegments: unknown[] }; response: { bodySegments: unknown[] } }[];
  }
  const files = listCorpus('genai-wire').filter((file) => file.endsWith('.json'));

  it('never aborts on a real recording, and flags exactly the MAX_TOKENS stops as warnings', () => {
    let maxTokens = 0;
    for (const file of files) {
      for (const { response } of readCorpusJson<Recording>(file).interactions) {
        const result = inspectChunks(response.bodySegments, { only: OURS });
        const cut = JSON.stringify(response.bodySegments).includes('"finishReason":"MAX_TOKENS"');
        expect(result.abortedBy, file).toBeUndefined();
        expect(
          result.findings.map((finding) => finding.detector),
          file,
        ).toEqual(cut ? ['max-tokens'] : []);
        if (cut) maxTokens++;
      }
    }
    expect(maxTokens).toBeGreaterThan(0);
  });

  it('says thinking used the budget in the thought-only MAX_TOKENS recording', () => {
    const recording = readCorpusJson<Recording>(
      'genai-wire/Client_Tests_test_thinking_generate_content_should_return_thought_field.json',
    );
    const segments = recording.interactions[0]?.response.bodySegments ?? [];
    const finding = inspectChunks(segments, { only: ['max-tokens'] }).findings[0];
    expect(finding?.data).toMatchObject({ onlyThoughts: true, empty: false });
  });

  it('sees no tool-call loop in the histories of real tool-calling requests', () => {
    for (const file of files) {
      for (const { request } of readCorpusJson<Recording>(file).interactions) {
        const body = request.bodySegments[0] as { contents?: unknown } | undefined;
        expect(inspectHistory(body?.contents, { only: ['tool-call-loop'] }).findings, file).toEqual([]);
      }
    }
  });
});

describe.runIf(reportMissingCorpus('legit content'))(
  'corpus: legit content gets no finding from these detectors',
  () => {
    it('stays silent on every legit/ file, whole and in 1-, 7-, 64- and 512-char chunks', () => {
      for (const file of listCorpus('legit')) {
        const text = readCorpus(file);
        for (const size of [text.length || 1, 1, 7, 64, 512])
          expect(feedLegit(splitEvery(text, size)), file).toEqual([]);
      }
    });

    it('stays silent on every legit-docs/ file, whole and in 64-char chunks', () => {
      for (const file of listCorpus('legit-docs')) {
        const text = readCorpus(file);
        for (const size of [text.length || 1, 64])
          expect(feedLegit(splitEvery(text, size)), file).toEqual([]);
      }
    });
  },
);
