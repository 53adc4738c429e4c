/**
 * The event model: everything the detectors see, normalised from Gemini responses (finished or
 * streamed). Events are plain data, discriminated on `type`.
 */

/** Which stream of model text an offset or a finding belongs to. */
export type TextChannel = 'text' | 'thought';

/** A piece of answer text for one candidate. `offset` is where it starts in that candidate's text (UTF-16 units). */
export interface TextDeltaEvent {
  readonly type: 'text-delta';
  readonly candidate: number;
  readonly text: string;
  readonly offset: number;
}

/** A piece of a thought summary (parts with `thought: true`), kept apart from the answer text. */
export interface ThoughtDeltaEvent {
  readonly type: 'thought-delta';
  readonly candidate: number;
  readonly text: string;
  /** Where the piece starts in the candidate's thought text (UTF-16 units). */
  readonly offset: number;
}

/** A function call emitted by the model. `offset` is the candidate's text length when it arrived. */
export interface FunctionCallEvent {
  readonly type: 'function-call';
  readonly candidate: number;
  readonly name: string;
  readonly args: Readonly<Record<string, unknown>>;
  readonly id?: string;
  readonly offset: number;
}

/** The result the caller sent back for a function call (from conversation history). */
export interface FunctionResponseEvent {
  readonly type: 'function-response';
  readonly candidate: number;
  readonly name: string;
  readonly response: unknown;
  readonly id?: string;
}

/** A new user message in a conversation: loop trackers that span turns start again. */
export interface UserTurnEvent {
  readonly type: 'user-turn';
  readonly candidate: number;
}

/** A safety rating as the API reports it; unknown enum values stay as raw strings. */
export interface SafetyRatingInfo {
  readonly category?: string;
  readonly probability?: string;
  readonly blocked?: boolean;
}

/** A citation attached to a candidate (the SDK's `citations`, the wire's `citationSources`). */
export interface CitationInfo {
  readonly startIndex?: number;
  readonly endIndex?: number;
  readonly uri?: string;
  readonly title?: string;
  readonly license?: string;
}

/** A candidate finished. `reason` is the raw finishReason string, kept as the API sent it. */
export interface FinishEvent {
  readonly type: 'finish';
  readonly candidate: number;
  readonly reason: string;
  readonly safetyRatings: readonly SafetyRatingInfo[];
  readonly citations: readonly CitationInfo[];
  /** Length of the candidate's answer text and thought text when it finished. */
  readonly textLength: number;
  readonly thoughtLength: number;
}

/** Prompt-level feedback: present when the prompt itself was blocked (first chunk only). */
export interface PromptFeedbackEvent {
  readonly type: 'prompt-feedback';
  readonly candidate: number;
  readonly blockReason?: string;
  readonly safetyRatings: readonly SafetyRatingInfo[];
}

/** Token usage so far. In a stream these are running totals, not increments. */
export interface UsageInfo {
  readonly promptTokenCount?: number;
  readonly candidatesTokenCount?: number;
  readonly thoughtsTokenCount?: number;
  readonly toolUsePromptTokenCount?: number;
  readonly cachedContentTokenCount?: number;
  readonly totalTokenCount?: number;
}

/** Usage totals reported by the response or chunk. */
export interface UsageEvent {
  readonly type: 'usage';
  readonly candidate: number;
  readonly usage: UsageInfo;
}

/** Everything the normaliser produces and every detector consumes. */
export type GuardEvent =
  | TextDeltaEvent
  | ThoughtDeltaEvent
  | FunctionCallEvent
  | FunctionResponseEvent
  | UserTurnEvent
  | FinishEvent
  | PromptFeedbackEvent
  | UsageEvent;

/** The `type` tags of {@link GuardEvent}. */
export type GuardEventType = GuardEvent['type'];

/** Every event type, in one list (for dispatch tables and checks). */
export const GUARD_EVENT_TYPES: readonly GuardEventType[] = [
  'text-delta',
  'thought-delta',
  'function-call',
  'function-response',
  'user-turn',
  'finish',
  'prompt-feedback',
  'usage',
];
