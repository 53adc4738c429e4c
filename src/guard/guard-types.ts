import type { GenerateContentResponse } from '@google/genai';
import type { UsageInfo } from '../events.js';
import type { Finding } from '../finding.js';
import type { RemediationPlan } from '../remediation/plan-types.js';
import type { RepairResult } from '../remediation/repair-text.js';
import type { AttemptRecord } from '../resilience/attempt-record.js';
import type { Verdict } from '../verdict.js';

/** The request of an attempt as it was sent, as plain JSON data: no abort signal, no headers, no key. */
export interface RecordedRequest {
  readonly model: string;
  readonly contents: unknown;
  readonly config: Readonly<Record<string, unknown>>;
}

/** Where and why a streamed attempt was cut off. */
export interface AbortInfo {
  /** The abort-level finding that stopped the stream. */
  readonly finding: Finding;
  /** Chunks read before the stream was closed. */
  readonly chunks: number;
  /** Answer characters received when it was closed. */
  readonly textLength: number;
}

/** Token figures of one attempt. */
export interface AttemptTokens {
  /** Output tokens (answer plus thoughts) the attempt used, from its last usage report. */
  readonly output: number;
  readonly prompt: number;
  /** True when the API reported no usage and the figures are estimated from the text (4 characters a token). */
  readonly estimated: boolean;
  /**
   * Output tokens NOT generated because the attempt was cut off early, estimated against the
   * request's `maxOutputTokens` (else the model's output limit): runaway output runs to that
   * limit. The API may still bill a little generated after the disconnect, so this is an upper bound.
   */
  readonly saved: number;
}

/** How an attempt's output was used. */
export type AttemptOutcome = 'accepted' | 'rejected' | 'repaired' | 'reported' | 'best-effort';

/** One attempt of a guarded call. Plain data; free of API keys. */
export interface GuardAttempt {
  /** 1 for the first attempt. */
  readonly attempt: number;
  /** `continuation`: the attempt continued a kept clean prefix instead of starting over. */
  readonly kind: 'fresh' | 'continuation';
  readonly request: RecordedRequest;
  /** Every fix applied to the original request to build this one (`undefined` on attempt 1). */
  readonly plan: RemediationPlan | undefined;
  /** The model that answered (after any transport fallback). */
  readonly model: string;
  readonly findings: readonly Finding[];
  readonly verdict: Verdict;
  readonly finishReason: string | undefined;
  readonly usage: UsageInfo | undefined;
  readonly tokens: AttemptTokens;
  /** Set when the stream was closed at an abort-level finding. */
  readonly aborted: AbortInfo | undefined;
  /** Answer text of candidate 0 as received. */
  readonly text: string;
  readonly outcome: AttemptOutcome;
  /** The transport attempts behind this one (transient API errors retried by the resilience layer). */
  readonly transport: readonly AttemptRecord[];
  /** Set when the text was repaired (`onDegenerate: 'repair'` or `'repair-then-reask'`). */
  readonly repair?: RepairResult;
  /** For a continuation: the kept prefix's length and the output tokens not regenerated. */
  readonly continuation?: { readonly prefixChars: number; readonly tokensSaved: number };
}

/** Totals over every attempt of a call. */
export interface GuardTotals {
  readonly attempts: number;
  /** HTTP requests made, transport retries included. */
  readonly requests: number;
  readonly outputTokens: number;
  readonly promptTokens: number;
  /** Output tokens of attempts whose output was thrown away. */
  readonly wastedTokens: number;
  /** Output tokens not generated thanks to early aborts (see {@link AttemptTokens.saved}). */
  readonly savedByAbort: number;
  /** Output tokens not regenerated thanks to continuation. */
  readonly savedByContinuation: number;
}

/** Why a guarded call ended. */
export type GuardStopReason =
  /** An attempt came back clean (no finding at the re-ask severity). */
  | 'accepted'
  /** `onDegenerate: 'repair'`: the degenerate text was repaired instead of re-asked. */
  | 'repaired'
  /** `onDegenerate: 'report'`: the output was returned with its findings. */
  | 'reported'
  | 'max-attempts'
  | 'token-budget'
  /** The prompt was blocked with a reason that no re-ask can change (OTHER, JAILBREAK, ...). */
  | 'terminal'
  /** Blocked by the safety filters, and no `safetyPolicy` allows a re-ask with other settings. */
  | 'needs-safety-policy';

/** What a guarded call returns. */
export interface GuardResult {
  /**
   * The response: the accepted one (for a continuation, with the kept prefix as its first part;
   * after a repair, with the repaired text), or the best attempt's as received when `degraded`.
   */
  readonly response: GenerateContentResponse;
  /**
   * The answer text to show: the accepted (or repaired) answer; when `degraded`, the clean
   * beginning of the best attempt (empty when it was blocked).
   */
  readonly text: string;
  /** True when an attempt came back clean (or was repaired clean). */
  readonly ok: boolean;
  /** True when the result is the best of failed attempts, or output returned as is. */
  readonly degraded: boolean;
  readonly stopReason: GuardStopReason;
  /** The attempt the response comes from. */
  readonly chosen: number;
  /** The findings of that attempt. */
  readonly findings: readonly Finding[];
  readonly attempts: readonly GuardAttempt[];
  readonly totals: GuardTotals;
  /** Changes and warnings the transport layer made (for example a removed `retryOptions`). */
  readonly notes: readonly string[];
}
