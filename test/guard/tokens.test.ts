import { describe, expect, it } from 'vitest';
import type { GuardAttempt } from '../../src/guard/guard-types.js';
import { attemptTokens, estimateTokens, totalsOf } from '../../src/guard/tokens.js';

const request = { model: 'gemini-2.5-flash', contents: 'x', config: { maxOutputTokens: 1000 } };

function attempt(number: number, output: number, extra: Partial<GuardAttempt> = {}): GuardAttempt {
  return {
    attempt: number,
    kind: 'fresh',
    request: { model: 'm', contents: 'x', config: {} },
    plan: undefined,
    model: 'm',
    findings: [],
    verdict: 'clean',
    finishReason: 'STOP',
    usage: undefined,
    tokens: { output, prompt: 10, estimated: false, saved: 0 },
    aborted: undefined,
    text: '',
    outcome: 'rejected',
    transport: [],
    ...extra,
  };
}

describe('attemptTokens', () => {
  it('counts answer and thought tokens from the usage report', () => {
    const usage = { promptTokenCount: 7, candidatesTokenCount: 40, thoughtsTokenCount: 60 };
    expect(attemptTokens({ usage, characters: 0, request, aborted: false })).toEqual({
      output: 100,
      prompt: 7,
      estimated: false,
      saved: 0,
    });
  });

  it('estimates from the text when there is no usage, four characters a token', () => {
    expect(attemptTokens({ usage: undefined, characters: 10, request, aborted: false })).toMatchObject({
      output: estimateTokens(10),
      estimated: true,
    });
    expect(estimateTokens(10)).toBe(3);
  });

  it("estimates the savings of an early abort against maxOutputTokens, else the model's limit", () => {
    const usage = { candidatesTokenCount: 200 };
    expect(attemptTokens({ usage, characters: 0, request, aborted: true }).saved).toBe(800);
    const open = { model: 'gemini-2.0-flash', contents: 'x' };
    expect(attemptTokens({ usage, characters: 0, request: open, aborted: true }).saved).toBe(8192 - 200);
  });
});

describe('totalsOf', () => {
  it('sums every attempt and counts all but the chosen one as wasted', () => {
    const attempts = [
      attempt(1, 300, {
        tokens: { output: 300, prompt: 10, estimated: false, saved: 700 },
        transport: [{} as never, {} as never],
      }),
      attempt(2, 50),
    ];
    expect(totalsOf(attempts, 2)).toEqual({
      attempts: 2,
      requests: 3,
      outputTokens: 350,
      promptTokens: 20,
      wastedTokens: 300,
      savedByAbort: 700,
      savedByContinuation: 0,
    });
    expect(totalsOf(attempts, undefined).wastedTokens).toBe(350);
  });
});
