/**
 * Guarded calls: `guard(ai, options)` wraps a `GoogleGenAI` client with the attempt, inspect,
 * plan, rewrite, re-ask loop; chats for agent loops; streaming with holdback and retraction.
 */
export { type GuardedClient, guard, guardResultOf } from './guard.js';
export {
  DEFAULT_HOLDBACK_CHARS,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_MIN_PREFIX_CHARS,
  type GuardOptions,
  type OnDegenerate,
} from './guard-options.js';
export type {
  AbortInfo,
  AttemptOutcome,
  AttemptTokens,
  GuardAttempt,
  GuardResult,
  GuardStopReason,
  GuardTotals,
  RecordedRequest,
} from './guard-types.js';
export type { GuardedChat } from './guarded-chat.js';
export type { GuardedContentStream } from './guarded-stream.js';
export type { GuardStreamEvent, RetractionCause, RetractionNotice } from './stream-events.js';
export type { GuardableClient } from './unary-call.js';
