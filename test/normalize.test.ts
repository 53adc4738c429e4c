import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GuardEvent } from '../src/events.js';
import { normalizeHistory } from '../src/history.js';
import { createNormalizer, normalizeResponse } from '../src/normalize.js';

const text = (value: string, extra: Record<string, unknown> = {}) => ({ text: value, ...extra });
const candidate = (parts: unknown[], extra: Record<string, unknown> = {}) => ({
  content: { parts, role: 'model' },
  ...extra,
});

describe('normalizeResponse on a finished response', () => {
  it('turns parts into deltas with offsets, then the finish and the usage', () => {
    const ratings = [{ category: 'HARM_CATEGORY_HARASSMENT', probability: 'NEGLIGIBLE' }];
    const events = normalizeResponse({
      candidates: [
        candidate(
          [
            text('Plan. ', { thought: true }),
            text('Hello '),
            { functionCall: { name: 'lookup', args: { q: 'x' }, id: 'c1' } },
            text('world', { thoughtSignature: 'c2lnbg==' }),
          ],
          {
            finishReason: 'STOP',
            safetyRatings: ratings,
            citationMetadata: { citations: [{ startIndex: 0, endIndex: 5, uri: 'https://example.org' }] },
            index: 0,
          },
        ),
      ],
      usageMetadata: { promptTokenCount: 4, candidatesTokenCount: 3, totalTokenCount: 7 },
    });
    expect(events).toEqual([
      { type: 'thought-delta', candidate: 0, text: 'Plan. ', offset: 0 },
      { type: 'text-delta', candidate: 0, text: 'Hello ', offset: 0 },
      { type: 'function-call', candidate: 0, name: 'lookup', args: { q: 'x' }, id: 'c1', offset: 6 },
      { type: 'text-delta', candidate: 0, text: 'world', offset: 6 },
      {
        type: 'finish',
        candidate: 0,
        reason: 'STOP',
        safetyRatings: ratings,
        citations: [{ startIndex: 0, endIndex: 5, uri: 'https://example.org' }],
        textLength: 11,
        thoughtLength: 6,
      },
      {
        type: 'usage',
        candidate: 0,
        usage: { promptTokenCount: 4, candidatesTokenCount: 3, totalTokenCount: 7 },
      },
    ]);
  });

  it('reads the wire name citationSources as well as the SDK name citations', () => {
    const source = { startIndex: 1, endIndex: 9, license: 'MIT', title: 'T' };
    const [finish] = normalizeResponse({
      candidates: [{ finishReason: 'RECITATION', citationMetadata: { citationSources: [source] } }],
    });
    expect(finish).toMatchObject({ type: 'finish', reason: 'RECITATION', citations: [source] });
  });

  it('reports a blocked prompt as prompt-feedback with its ratings', () => {
    const ratings = [{ category: 'HARM_CATEGORY_DANGEROUS_CONTENT', probability: 'HIGH', blocked: true }];
    expect(
      normalizeResponse({ promptFeedback: { blockReason: 'PROHIBITED_CONTENT', safetyRatings: ratings } }),
    ).toEqual([
      { type: 'prompt-feedback', candidate: 0, blockReason: 'PROHIBITED_CONTENT', safetyRatings: ratings },
    ]);
  });

  it('keeps unknown finish reasons and enum strings raw', () => {
    const [finish] = normalizeResponse({
      candidates: [
        {
          finishReason: 'SOMETHING_NEWER',
          safetyRatings: [{ category: 'HARM_CATEGORY_FUTURE', probability: 'WEIRD' }],
        },
      ],
    });
    expect(finish).toMatchObject({
      reason: 'SOMETHING_NEWER',
      safetyRatings: [{ category: 'HARM_CATEGORY_FUTURE', probability: 'WEIRD' }],
    });
  });
});

describe("normalizeResponse on a response of the SDK's automatic function calling", () => {
  const call = { name: 'get_weather', args: { city: 'Paris' } };
  const callTurn = { role: 'model', parts: [{ functionCall: call, thoughtSignature: 'c2ln' }] };
  const resultTurn = {
    role: 'user',
    parts: [{ functionResponse: { name: 'get_weather', response: { celsius: 21 } } }],
  };
  const kinds = (events: GuardEvent[]) => events.map((event) => event.type);

  it('reads the tool turns the SDK ran, and does not count twice the calls it stopped at', () => {
    const events = normalizeResponse({
      candidates: [{ content: callTurn, finishReason: 'STOP', index: 0 }],
      automaticFunctionCallingHistory: [
        { role: 'user', parts: [{ text: 'Weather?' }] },
        callTurn,
        resultTurn,
        callTurn,
        resultTurn,
      ],
    });
    expect(kinds(events)).toEqual([
      'function-call',
      'function-response',
      'function-call',
      'function-response',
      'finish',
    ]);
    expect(events[0]).toEqual({
      type: 'function-call',
      candidate: 0,
      name: 'get_weather',
      args: call.args,
      offset: 0,
    });
    expect(events[1]).toMatchObject({
      type: 'function-response',
      name: 'get_weather',
      response: { celsius: 21 },
    });
  });

  it('reads the answer after the tool turns, and leaves the request turns before them alone', () => {
    const events = normalizeResponse({
      candidates: [{ content: { role: 'model', parts: [{ text: '21 degrees.' }] }, finishReason: 'STOP' }],
      automaticFunctionCallingHistory: [
        { role: 'user', parts: [{ text: 'Weather?' }] },
        { role: 'model', parts: [{ text: 'An earlier answer.' }] },
        { role: 'user', parts: [{ text: 'And now?' }] },
        callTurn,
        resultTurn,
      ],
    });
    expect(kinds(events)).toEqual(['function-call', 'function-response', 'text-delta', 'finish']);
  });

  it('never throws on tool turns whose arguments JSON cannot write', () => {
    const args: Record<string, unknown> = { big: 1n };
    args.self = args;
    const turn = { role: 'model', parts: [{ functionCall: { name: 'f', args } }] };
    const events = normalizeResponse({
      candidates: [{ content: turn }],
      automaticFunctionCallingHistory: [turn, resultTurn],
    });
    expect(kinds(events)).toEqual(['function-call', 'function-response', 'function-call']);
  });

  it('counts a new call of the answer turn even when the SDK ran the same call before', () => {
    const other = { role: 'model', parts: [{ functionCall: { name: 'get_time', args: {} } }] };
    const events = normalizeResponse({
      candidates: [{ content: other, finishReason: 'STOP' }],
      automaticFunctionCallingHistory: [callTurn, resultTurn],
    });
    expect(kinds(events)).toEqual(['function-call', 'function-response', 'function-call', 'finish']);
  });
});

describe('createNormalizer on stream chunks', () => {
  it('continues offsets across chunks and emits finish only where the chunk has it', () => {
    const normalizer = createNormalizer();
    const events = [
      { candidates: [candidate([text('Hel')])] },
      { candidates: [candidate([text('lo')])] },
      { candidates: [candidate([text('!')], { finishReason: 'MAX_TOKENS' })] },
    ].flatMap((chunk) => normalizer.push(chunk));
    expect(
      events.filter((event) => event.type === 'text-delta').map((event) => [event.text, event.offset]),
    ).toEqual([
      ['Hel', 0],
      ['lo', 3],
      ['!', 5],
    ]);
    expect(events.filter((event) => event.type === 'finish')).toEqual([
      expect.objectContaining({ reason: 'MAX_TOKENS', textLength: 6, thoughtLength: 0 }),
    ]);
  });

  it('emits running usage totals only when they change', () => {
    const normalizer = createNormalizer();
    const usage = (candidatesTokenCount: number) => ({
      usageMetadata: { promptTokenCount: 7, candidatesTokenCount },
    });
    const counts = [usage(1), usage(1), usage(2), { usageMetadata: {} }, usage(2)].map((chunk) =>
      normalizer
        .push(chunk)
        .map((event) => (event.type === 'usage' ? event.usage.candidatesTokenCount : undefined)),
    );
    expect(counts).toEqual([[1], [], [2], [], []]);
  });

  it('keeps several candidates apart by index, an absent index meaning the array position', () => {
    const normalizer = createNormalizer();
    const events = [
      { candidates: [candidate([text('a0')]), candidate([text('b0')], { index: 1 })] },
      { candidates: [candidate([text('b1')], { index: 1 }), candidate([text('a1')], { index: 0 })] },
      { candidates: [candidate([text('c')], { index: 2 })] },
    ].flatMap((chunk) => normalizer.push(chunk));
    const deltas = events.map((event) =>
      event.type === 'text-delta' ? [event.candidate, event.text, event.offset] : [],
    );
    expect(deltas).toEqual([
      [0, 'a0', 0],
      [1, 'b0', 0],
      [1, 'b1', 2],
      [0, 'a1', 2],
      [2, 'c', 0],
    ]);
  });

  it('counts thought text apart from answer text', () => {
    const normalizer = createNormalizer();
    const events = [
      { candidates: [candidate([text('think', { thought: true })])] },
      {
        candidates: [candidate([text('more', { thought: true }), text('answer')], { finishReason: 'STOP' })],
      },
    ].flatMap((chunk) => normalizer.push(chunk));
    expect(events).toEqual([
      { type: 'thought-delta', candidate: 0, text: 'think', offset: 0 },
      { type: 'thought-delta', candidate: 0, text: 'more', offset: 5 },
      { type: 'text-delta', candidate: 0, text: 'answer', offset: 0 },
      expect.objectContaining({ type: 'finish', textLength: 6, thoughtLength: 9 }),
    ]);
  });

  it('reset() forgets offsets and the last usage', () => {
    const normalizer = createNormalizer();
    const chunk = { candidates: [candidate([text('ab')])], usageMetadata: { totalTokenCount: 1 } };
    normalizer.push(chunk);
    normalizer.reset();
    expect(normalizer.push(chunk)).toEqual([
      { type: 'text-delta', candidate: 0, text: 'ab', offset: 0 },
      { type: 'usage', candidate: 0, usage: { totalTokenCount: 1 } },
    ]);
  });
});

describe('createNormalizer on malformed input', () => {
  it('skips what is not usable and never throws', () => {
    const normalizer = createNormalizer();
    const inputs: unknown[] = [
      null,
      undefined,
      42,
      'data: {}',
      [],
      [{ candidates: [] }],
      { candidates: 'not a list' },
      { candidates: [null, 5, 'x', [], { content: 'x' }, { content: { parts: 'no' } }] },
      { candidates: [{ content: { parts: [null, 3, 'text', [], { text: 5 }, { text: '' }, {}] } }] },
      {
        candidates: [
          { finishReason: 7 },
          { finishReason: '' },
          { index: -1 },
          { index: 1.5 },
          { index: '2' },
        ],
      },
      {
        candidates: [
          { content: { parts: [{ functionCall: { name: 3, args: [1] } }, { functionCall: 'f' }] } },
        ],
      },
      {
        candidates: [{ finishReason: 'SAFETY', safetyRatings: [null, 'x', { category: 1, blocked: 'yes' }] }],
      },
      {
        candidates: [
          { finishReason: 'RECITATION', citationMetadata: { citations: 'x', citationSources: [1] } },
        ],
      },
      { promptFeedback: 'blocked', usageMetadata: { promptTokenCount: 'many', totalTokenCount: Number.NaN } },
      { promptFeedback: { blockReason: 9, safetyRatings: {} } },
    ];
    const events = inputs.flatMap((input) => normalizer.push(input));
    expect(events).toEqual([
      { type: 'function-call', candidate: 0, name: '', args: {}, offset: 0 },
      {
        type: 'finish',
        candidate: 0,
        reason: 'SAFETY',
        safetyRatings: [{}],
        citations: [],
        textLength: 0,
        thoughtLength: 0,
      },
      {
        type: 'finish',
        candidate: 0,
        reason: 'RECITATION',
        safetyRatings: [],
        citations: [],
        textLength: 0,
        thoughtLength: 0,
      },
      { type: 'prompt-feedback', candidate: 0, safetyRatings: [] },
    ]);
  });

  it('never throws on arbitrary JSON and yields well-formed events', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.jsonValue(), chunkArbitrary())), (chunks) => {
        const normalizer = createNormalizer();
        for (const chunk of chunks) for (const event of normalizer.push(chunk)) expectWellFormed(event);
      }),
    );
  });

  it('gives each candidate contiguous offsets whatever the chunking', () => {
    fc.assert(
      fc.property(fc.array(chunkArbitrary(), { maxLength: 12 }), (chunks) => {
        const normalizer = createNormalizer();
        const lengths = new Map<string, number>();
        for (const event of chunks.flatMap((chunk) => normalizer.push(chunk))) {
          if (event.type !== 'text-delta' && event.type !== 'thought-delta') continue;
          const key = `${event.candidate}/${event.type}`;
          expect(event.offset).toBe(lengths.get(key) ?? 0);
          lengths.set(key, event.offset + event.text.length);
        }
      }),
    );
  });
});

/** Gemini-shaped chunks with random gaps and junk in them. */
function chunkArbitrary() {
  const part = fc.oneof(
    fc.record({ text: fc.string(), thought: fc.boolean() }, { requiredKeys: ['text'] }),
    fc.record({
      functionCall: fc.record({ name: fc.string(), args: fc.dictionary(fc.string(), fc.jsonValue()) }),
    }),
    fc.jsonValue(),
  );
  const candidateArbitrary = fc.record(
    {
      content: fc.record({ parts: fc.array(part, { maxLength: 4 }) }),
      index: fc.oneof(fc.nat(3), fc.integer(), fc.jsonValue()),
      finishReason: fc.oneof(fc.constantFrom('STOP', 'SAFETY', 'MAX_TOKENS', 'NEW_ONE', ''), fc.jsonValue()),
      safetyRatings: fc.array(
        fc.oneof(fc.record({ category: fc.string(), probability: fc.string() }), fc.jsonValue()),
      ),
    },
    { requiredKeys: [] },
  );
  return fc.record(
    {
      candidates: fc.array(fc.oneof(candidateArbitrary, fc.jsonValue()), { maxLength: 3 }),
      usageMetadata: fc.dictionary(
        fc.constantFrom('promptTokenCount', 'totalTokenCount', 'x'),
        fc.jsonValue(),
      ),
      promptFeedback: fc.oneof(fc.record({ blockReason: fc.string() }), fc.jsonValue()),
    },
    { requiredKeys: [] },
  );
}

function expectWellFormed(event: GuardEvent): void {
  expect(Number.isInteger(event.candidate) && event.candidate >= 0).toBe(true);
  if (event.type === 'text-delta' || event.type === 'thought-delta') {
    expect(typeof event.text === 'string' && event.text.length > 0).toBe(true);
    expect(Number.isInteger(event.offset) && event.offset >= 0).toBe(true);
  }
  if (event.type === 'finish') expect(typeof event.reason === 'string' && event.reason.length > 0).toBe(true);
  if (event.type === 'function-call')
    expect(typeof event.args === 'object' && !Array.isArray(event.args)).toBe(true);
  if (event.type === 'usage') {
    for (const value of Object.values(event.usage)) expect(Number.isFinite(value)).toBe(true);
  }
}

describe('normalizeHistory', () => {
  it('turns model turns into deltas and calls, results into responses and user text into user turns', () => {
    const events = normalizeHistory([
      { role: 'user', parts: [{ text: 'Weather in Paris?' }] },
      {
        role: 'model',
        parts: [
          { text: 'hmm', thought: true },
          { text: 'Checking.' },
          { functionCall: { name: 'weather', args: { city: 'Paris' } } },
        ],
      },
      { role: 'user', parts: [{ functionResponse: { name: 'weather', response: { temp: 20 }, id: 'r1' } }] },
      { role: 'model', parts: [{ text: 'It is 20.' }] },
      { role: 'user', parts: [{ text: '   ' }] },
    ]);
    expect(events).toEqual([
      { type: 'user-turn', candidate: 0 },
      { type: 'thought-delta', candidate: 0, text: 'hmm', offset: 0 },
      { type: 'text-delta', candidate: 0, text: 'Checking.', offset: 0 },
      { type: 'function-call', candidate: 0, name: 'weather', args: { city: 'Paris' }, offset: 9 },
      { type: 'function-response', candidate: 0, name: 'weather', response: { temp: 20 }, id: 'r1' },
      { type: 'text-delta', candidate: 0, text: 'It is 20.', offset: 9 },
    ]);
  });

  it('skips malformed history entries and returns nothing for non-arrays', () => {
    expect(normalizeHistory('history')).toEqual([]);
    expect(normalizeHistory(null)).toEqual([]);
    expect(
      normalizeHistory([
        null,
        1,
        { role: 'model' },
        { role: 'model', parts: [null, { text: 3 }, { functionCall: [] }] },
        { parts: [5] },
      ]),
    ).toEqual([]);
  });
});
