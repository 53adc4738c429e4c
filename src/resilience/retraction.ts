import type { ErrorClassification } from './classify-error.js';

/**
 * Why output already shown must be taken back. `transport-error`: the stream broke and is being
 * restarted. `re-ask`: reserved for the streaming remediation layer, which restarts a stream
 * whose output turned out degenerate; it shares this event shape.
 */
export type RetractionReason = 'transport-error' | 're-ask';

/**
 * Output delivered so far is void: the caller should remove the text it showed from this
 * attempt, because a new attempt will deliver the answer again from the start.
 */
export interface RetractionEvent {
  readonly reason: RetractionReason;
  /** The attempt whose output is retracted. */
  readonly attempt: number;
  readonly model: string | undefined;
  /** Chunks of that attempt the caller had received. */
  readonly deliveredChunks: number;
  /** UTF-16 length of the (non-thought) text in those chunks, summed over candidates. */
  readonly deliveredTextLength: number;
  /** Why the attempt failed (for `transport-error`). */
  readonly classification: ErrorClassification | undefined;
}

/** Receives {@link RetractionEvent}s; awaited before the replacement attempt starts. */
export type RetractHandler = (event: RetractionEvent) => void | Promise<void>;
