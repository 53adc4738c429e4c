import type { CitationInfo, FunctionCallEvent, GuardEvent, SafetyRatingInfo, UsageInfo } from './events.js';

/**
 * Turns Gemini responses into {@link GuardEvent}s. Accepts the SDK's `GenerateContentResponse`
 * objects and raw wire JSON alike, and never throws on malformed input: missing candidates,
 * empty parts, unknown enum strings and wrong types are skipped or kept as raw strings.
 */
export interface Normalizer {
  /** Normalise one stream chunk (a delta) or one finished response. */
  push(chunk: unknown): GuardEvent[];
  /** Forget all state, for a new stream. */
  reset(): void;
}

interface CandidateState {
  textLength: number;
  thoughtLength: number;
}

const USAGE_KEYS = [
  'promptTokenCount',
  'candidatesTokenCount',
  'thoughtsTokenCount',
  'toolUsePromptTokenCount',
  'cachedContentTokenCount',
  'totalTokenCount',
] as const;

/** Create a normaliser for one stream (or one finished response). */
export function createNormalizer(): Normalizer {
  return new ResponseNormalizer();
}

/** The {@link Normalizer}: text lengths per candidate, and the last usage reported. */
class ResponseNormalizer implements Normalizer {
  private candidates = new Map<number, CandidateState>();
  private lastUsage = '';

  // Arrow fields, so the methods work detached too, as the closures they replace did.
  readonly push = (chunk: unknown): GuardEvent[] => {
    const events: GuardEvent[] = [];
    if (!isRecord(chunk)) return events;
    pushPromptFeedback(chunk.promptFeedback, events);
    const ranCalls = pushToolTurns(chunk.automaticFunctionCallingHistory, events);
    const list = Array.isArray(chunk.candidates) ? chunk.candidates : [];
    list.forEach((candidate, position) => {
      this.pushCandidate(candidate, position, events, ranCalls);
    });
    this.pushUsage(chunk.usageMetadata, events);
    return events;
  };

  readonly reset = (): void => {
    this.candidates = new Map();
    this.lastUsage = '';
  };

  private stateOf(index: number): CandidateState {
    let state = this.candidates.get(index);
    if (!state) {
      state = { textLength: 0, thoughtLength: 0 };
      this.candidates.set(index, state);
    }
    return state;
  }

  /** `ranCalls`: the calls of this candidate's turn, when the SDK already ran them (see `pushToolTurns`). */
  private pushCandidate(raw: unknown, position: number, events: GuardEvent[], ranCalls?: string): void {
    if (!isRecord(raw)) return;
    const index = nonNegativeInteger(raw.index) ?? position;
    const state = this.stateOf(index);
    const content = isRecord(raw.content) ? raw.content : undefined;
    const parts = Array.isArray(content?.parts) ? content.parts : [];
    const skipCalls = ranCalls !== undefined && index === 0 && callsKey(parts) === ranCalls;
    for (const part of parts) pushPart(part, index, state, events, skipCalls);
    if (typeof raw.finishReason === 'string' && raw.finishReason !== '') {
      events.push({
        type: 'finish',
        candidate: index,
        reason: raw.finishReason,
        safetyRatings: safetyRatingsOf(raw.safetyRatings),
        citations: citationsOf(raw.citationMetadata),
        textLength: state.textLength,
        thoughtLength: state.thoughtLength,
      });
    }
  }

  /** A usage event, unless the totals are the ones reported last (stream chunks repeat them). */
  private pushUsage(raw: unknown, events: GuardEvent[]): void {
    const usage = usageOf(raw);
    if (!usage) return;
    const key = JSON.stringify(usage);
    if (key === this.lastUsage) return;
    this.lastUsage = key;
    events.push({ type: 'usage', candidate: 0, usage });
  }
}

/** The event of a response's prompt feedback, when it has one. */
function pushPromptFeedback(feedback: unknown, events: GuardEvent[]): void {
  if (!isRecord(feedback)) return;
  events.push({
    type: 'prompt-feedback',
    candidate: 0,
    safetyRatings: safetyRatingsOf(feedback.safetyRatings),
    ...(typeof feedback.blockReason === 'string' ? { blockReason: feedback.blockReason } : {}),
  });
}

/** Normalise one finished (non-streamed) response. */
export function normalizeResponse(response: unknown): GuardEvent[] {
  return createNormalizer().push(response);
}

/**
 * The tool turns of a response from the SDK's automatic function calling (a CallableTool in
 * `config.tools`): its `automaticFunctionCallingHistory` holds the request's turns, then each
 * model turn of calls the SDK ran with the user turn of results it sent. Those trailing pairs
 * become call and result events, so a tool loop the SDK ran is seen. Returns the key of the last
 * model turn's calls (see {@link callsKey}): when the response's own turn has the same calls, the
 * SDK ran them too (it stopped at its call limit), and they are not counted twice.
 */
function pushToolTurns(history: unknown, events: GuardEvent[]): string | undefined {
  if (!Array.isArray(history)) return undefined;
  const start = toolTurnsStart(history);
  if (start === history.length) return undefined;
  for (let index = start; index < history.length; index += 1) {
    for (const part of (history[index] as { parts: unknown[] }).parts) {
      if (isRecord(part)) pushToolPart(part, 0, 0, events);
    }
  }
  return callsKey((history[history.length - 2] as { parts: unknown[] }).parts);
}

/**
 * Where the tool turns at the end of `history` start, not before `floor`: pairs of a model turn
 * with calls and a turn with results, as the SDK's automatic function calling appends them.
 * Returns the history's length when it ends in none.
 */
export function toolTurnsStart(history: readonly unknown[], floor = 0): number {
  let start = history.length;
  while (
    start - 2 >= floor &&
    isToolTurn(history[start - 2], 'functionCall') &&
    isToolTurn(history[start - 1], 'functionResponse')
  )
    start -= 2;
  return start;
}

/** True for a turn whose parts include one holding `kind` (a call or a result). */
function isToolTurn(turn: unknown, kind: 'functionCall' | 'functionResponse'): boolean {
  return (
    isRecord(turn) &&
    Array.isArray(turn.parts) &&
    turn.parts.some((part) => isRecord(part) && isRecord(part[kind]))
  );
}

/** The calls among `parts`, as one string to compare turns by; undefined for calls JSON cannot write. */
function callsKey(parts: readonly unknown[]): string | undefined {
  const calls = parts.flatMap((part) =>
    isRecord(part) && isRecord(part.functionCall) ? [part.functionCall] : [],
  );
  try {
    return JSON.stringify(calls);
  } catch {
    // Hand-built arguments may be cyclic or hold a BigInt: such turns are simply not matched.
    return undefined;
  }
}

function pushPart(
  part: unknown,
  candidate: number,
  state: CandidateState,
  events: GuardEvent[],
  skipCalls = false,
): void {
  if (!isRecord(part)) return;
  if (typeof part.text === 'string' && part.text !== '') {
    if (part.thought === true) {
      events.push({ type: 'thought-delta', candidate, text: part.text, offset: state.thoughtLength });
      state.thoughtLength += part.text.length;
    } else {
      events.push({ type: 'text-delta', candidate, text: part.text, offset: state.textLength });
      state.textLength += part.text.length;
    }
  }
  if (!skipCalls) pushToolPart(part, candidate, state.textLength, events);
}

/** The call or result a part holds, as events; `offset`: answer text before the call. */
function pushToolPart(
  part: Record<string, unknown>,
  candidate: number,
  offset: number,
  events: GuardEvent[],
): void {
  const result = part.functionResponse;
  if (isRecord(result)) {
    // The SDK's automatic function calling yields the results it sent as synthetic chunks.
    events.push({
      type: 'function-response',
      candidate,
      name: typeof result.name === 'string' ? result.name : '',
      response: result.response,
      ...(typeof result.id === 'string' ? { id: result.id } : {}),
    });
  }
  const call = part.functionCall;
  if (isRecord(call)) {
    const event: FunctionCallEvent = {
      type: 'function-call',
      candidate,
      name: typeof call.name === 'string' ? call.name : '',
      args: isRecord(call.args) ? call.args : {},
      offset,
      ...(typeof call.id === 'string' ? { id: call.id } : {}),
    };
    events.push(event);
  }
}

/** Ratings as reported; entries that are not objects are dropped, odd fields are ignored. */
export function safetyRatingsOf(raw: unknown): SafetyRatingInfo[] {
  if (!Array.isArray(raw)) return [];
  const ratings: SafetyRatingInfo[] = [];
  for (const entry of raw) {
    if (!isRecord(entry)) continue;
    ratings.push({
      ...(typeof entry.category === 'string' ? { category: entry.category } : {}),
      ...(typeof entry.probability === 'string' ? { probability: entry.probability } : {}),
      ...(typeof entry.blocked === 'boolean' ? { blocked: entry.blocked } : {}),
    });
  }
  return ratings;
}

/** Citations from the SDK's `citations` or the wire's `citationSources`. */
function citationsOf(raw: unknown): CitationInfo[] {
  if (!isRecord(raw)) return [];
  const list = Array.isArray(raw.citations)
    ? raw.citations
    : Array.isArray(raw.citationSources)
      ? raw.citationSources
      : [];
  const citations: CitationInfo[] = [];
  for (const entry of list) {
    if (!isRecord(entry)) continue;
    citations.push({
      ...(typeof entry.startIndex === 'number' ? { startIndex: entry.startIndex } : {}),
      ...(typeof entry.endIndex === 'number' ? { endIndex: entry.endIndex } : {}),
      ...(typeof entry.uri === 'string' ? { uri: entry.uri } : {}),
      ...(typeof entry.title === 'string' ? { title: entry.title } : {}),
      ...(typeof entry.license === 'string' ? { license: entry.license } : {}),
    });
  }
  return citations;
}

/** Token counts from a `usageMetadata` object (SDK or wire); undefined when it holds none. */
export function usageOf(raw: unknown): UsageInfo | undefined {
  if (!isRecord(raw)) return undefined;
  const usage: Record<string, number> = {};
  for (const key of USAGE_KEYS) {
    const value = raw[key];
    if (typeof value === 'number' && Number.isFinite(value)) usage[key] = value;
  }
  return Object.keys(usage).length > 0 ? (usage as UsageInfo) : undefined;
}

function nonNegativeInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

/** A plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
