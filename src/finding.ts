import type { GuardEvent, GuardEventType, TextChannel } from './events.js';
import type { RemediationId } from './remediation-ids.js';

/**
 * How bad a finding is. `info`: worth knowing. `warn`: a likely problem or a prevention signal.
 * `abort`: the output is certainly degenerate (or blocked); a stream should stop here.
 */
export type Severity = 'info' | 'warn' | 'abort';

/** Severities from least to most serious. */
export const SEVERITIES: readonly Severity[] = ['info', 'warn', 'abort'];

/** The ids of the built-in detectors. */
export type BuiltInDetectorId =
  | 'table-hyphens'
  | 'table-padding'
  | 'newline-flood'
  | 'schema-order'
  | 'schema-invalid'
  | 'tool-call-loop'
  | 'text-loop'
  | 'safety'
  | 'recitation'
  | 'prompt-blocked'
  | 'max-tokens'
  | 'finish-other';

/** A problem a detector found. Plain data; never thrown. */
export interface Finding {
  /** The detector's id (a {@link BuiltInDetectorId} or a custom detector's id). */
  readonly detector: string;
  readonly severity: Severity;
  /** One plain sentence for a person. */
  readonly message: string;
  /** Candidate the finding is about (0 when the response has one). */
  readonly candidate: number;
  /** Which text `start` and `end` refer to. */
  readonly channel: TextChannel;
  /** UTF-16 offsets in the candidate's text (or thought text) where the problem lies. */
  readonly start: number;
  readonly end: number;
  /** A short excerpt of the offending text, at most {@link MAX_EVIDENCE_LENGTH} characters. */
  readonly evidence: string;
  /** Ids of the documented fixes, most useful first. */
  readonly remediations: readonly RemediationId[];
  /** Detector-specific details (periods, counts, categories). */
  readonly data?: Readonly<Record<string, unknown>>;
}

/** Evidence excerpts are cut to this many UTF-16 units. */
export const MAX_EVIDENCE_LENGTH = 200;

/**
 * A detector: a synchronous, incremental state machine. `push` takes one event and returns the
 * findings it completes; `end` flushes at the end of input; `reset` forgets everything.
 * No I/O, timers or promises inside.
 */
export interface Detector {
  readonly id: string;
  /**
   * The event types this detector reads. The inspector delivers only these to it, which keeps
   * detectors that ignore text off the per-chunk path. Omit it to receive every event.
   */
  readonly accepts?: readonly GuardEventType[];
  push(event: GuardEvent): Finding[];
  end(): Finding[];
  reset(): void;
}

/** Builds a detector for one candidate. */
export type DetectorFactory = () => Detector;

/** Cut `text` to at most {@link MAX_EVIDENCE_LENGTH} UTF-16 units without splitting a surrogate pair. */
export function clipEvidence(text: string, max = MAX_EVIDENCE_LENGTH): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

/** The most serious severity among `findings`, or undefined when there are none. */
export function worstSeverity(findings: readonly Finding[]): Severity | undefined {
  let worst = -1;
  for (const finding of findings) worst = Math.max(worst, SEVERITIES.indexOf(finding.severity));
  return worst < 0 ? undefined : SEVERITIES[worst];
}

/**
 * What a detector's `push` returns when it found nothing: one shared, frozen empty array, so the
 * commonest push allocates nothing (measured: 0.3 ms per MB of prose in 64-char pieces). Callers
 * only read the arrays detectors return.
 */
export const NO_FINDINGS: Finding[] = [];
Object.freeze(NO_FINDINGS);
