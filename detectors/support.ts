import { z } from 'zod';
import type { TextChannel } from '../src/events.js';
import { clipEvidence, type Finding, type Severity } from '../src/finding.js';
import type { RemediationId } from '../src/remediation-ids.js';

/** The fields a detector fills in; evidence is clipped here. */
export interface FindingFields {
  readonly detector: string;
  readonly severity: Severity;
  readonly message: string;
  readonly candidate: number;
  readonly channel?: TextChannel;
  readonly start: number;
  readonly end: number;
  readonly evidence: string;
  readonly remediations: readonly RemediationId[];
  readonly data?: Readonly<Record<string, unknown>>;
}

/** Build a {@link Finding}: clips the evidence to 200 characters and defaults the channel to `text`. */
export function makeFinding(fields: FindingFields): Finding {
  return {
    detector: fields.detector,
    severity: fields.severity,
    message: fields.message,
    candidate: fields.candidate,
    channel: fields.channel ?? 'text',
    start: fields.start,
    end: Math.max(fields.start, fields.end),
    evidence: clipEvidence(fields.evidence),
    remediations: fields.remediations,
    ...(fields.data === undefined ? {} : { data: fields.data }),
  };
}

/**
 * The last `capacity` UTF-16 units of a text, kept for evidence excerpts. Appending is O(piece);
 * memory never exceeds about twice the capacity.
 */
export class TextTail {
  private buffer = '';
  private startOffset = 0;

  constructor(private readonly capacity: number) {}

  /** Append a piece that starts at absolute offset `offset` (gaps are tolerated). */
  append(piece: string, offset: number): void {
    if (offset !== this.startOffset + this.buffer.length) {
      this.buffer = '';
      this.startOffset = offset;
    }
    this.buffer += piece;
    if (this.buffer.length > this.capacity * 2) {
      const drop = this.buffer.length - this.capacity;
      this.buffer = this.buffer.slice(drop);
      this.startOffset += drop;
    }
  }

  /** Absolute offset one past the last unit appended. */
  get endOffset(): number {
    return this.startOffset + this.buffer.length;
  }

  /** The retained text between absolute offsets (clamped to what is retained). */
  slice(start: number, end: number): string {
    const from = Math.max(0, start - this.startOffset);
    const to = Math.max(from, Math.min(this.buffer.length, end - this.startOffset));
    return this.buffer.slice(from, to);
  }

  reset(): void {
    this.buffer = '';
    this.startOffset = 0;
  }
}

/** A detector bar option: a whole count from `min` up to 1e9, with messages that name the option. */
export function barCount(what: string, min: number) {
  return z
    .number({ error: `${what} must be a number` })
    .int(`${what} must be a whole number`)
    .min(min, `${what} must be at least ${min}`)
    .max(1_000_000_000, `${what} must be at most 1e9`);
}

/**
 * Report, on the warn option's path, every warn bar that is not below its abort bar: a warn that
 * fires after the abort would never be seen.
 */
export function checkBarPairs<Options extends Record<string, unknown>>(
  pairs: readonly (readonly [keyof Options & string, keyof Options & string])[],
) {
  return (options: Options, context: z.RefinementCtx): void => {
    for (const [warn, abort] of pairs) {
      if ((options[warn] as number) < (options[abort] as number)) continue;
      context.addIssue({ code: 'custom', message: `${warn} must be below ${abort}`, path: [warn] });
    }
  };
}
