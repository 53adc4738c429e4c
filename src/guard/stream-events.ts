import type { GenerateContentResponse } from '@google/genai';
import type { Finding } from '../finding.js';
import type { RemediationPlan } from '../remediation/plan-types.js';

/**
 * Why answer text already shown is void.
 * - `re-ask`: the attempt was degenerate (cut off at an abort-level finding, or rejected at its
 *   end) and a new attempt follows.
 * - `blocked`: the attempt ended with SAFETY, RECITATION or another block; its partial text must
 *   not stay on screen.
 * - `transport-error`: the connection broke mid-stream and the transport layer restarts it.
 * - `final`: the call ends without a clean answer (or with a repaired one): the display is cut
 *   back before the final text is appended.
 */
export type RetractionCause = 're-ask' | 'blocked' | 'transport-error' | 'final';

/** Text shown to a streaming caller is being taken back. */
export interface RetractionNotice {
  /** The attempt whose text is retracted. */
  readonly attempt: number;
  /** How many characters of the displayed answer stay valid: cut the display back to this length. */
  readonly keep: number;
  /** How many characters are retracted (the display's length minus `keep`). */
  readonly retracted: number;
  readonly cause: RetractionCause;
  /** The finding behind it, when there is one. */
  readonly finding?: Finding;
}

/**
 * What a guarded stream tells a caller who shows the answer live. Keep a display string:
 * on `chunk`, append `text`; on `retract`, cut the display to `keep` characters. When the
 * stream ends, the display equals `result.text`. Runaway output is never appended: answer text
 * is held back `holdbackChars` characters behind the newest text received and released only
 * while no abort-level finding has stopped the attempt.
 */
export type GuardStreamEvent =
  | {
      readonly type: 'attempt';
      readonly attempt: number;
      readonly kind: 'fresh' | 'continuation';
      /** The fixes applied to this attempt's request (undefined on attempt 1). */
      readonly plan: RemediationPlan | undefined;
    }
  | {
      readonly type: 'chunk';
      readonly attempt: number;
      /** A chunk as the SDK delivered it, or a synthetic one carrying kept or repaired text. */
      readonly chunk: GenerateContentResponse;
      /** The answer text (candidate 0, thoughts excluded) this chunk adds to the display. */
      readonly text: string;
    }
  | ({ readonly type: 'retract' } & RetractionNotice);

/** Length of the longest common prefix of two strings. */
export function commonPrefixLength(a: string, b: string): number {
  const limit = Math.min(a.length, b.length);
  let index = 0;
  while (index < limit && a.charCodeAt(index) === b.charCodeAt(index)) index += 1;
  return index;
}
