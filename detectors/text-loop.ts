import { z } from 'zod';
import type { GuardEvent } from '../src/events.js';
import { type Detector, type Finding, NO_FINDINGS } from '../src/finding.js';
import { parseOptions } from '../src/options.js';
import { type DetectorContext, defineDetector, type WorkMeter } from '../src/registry.js';
import type { RemediationId } from '../src/remediation-ids.js';
import { LoopChannel } from './loop-channel.js';
import { MAX_PERIOD_LIMIT } from './loop-ring.js';

/**
 * Default longest period: real loops measured 4-770 characters, and the drifting super-cycle of
 * degenerate/019 recurs every ~2,480; 2,600 covers it with room for whitespace jitter.
 */
export const DEFAULT_MAX_PERIOD = 2600;
/** The shortest allowed `maxPeriod`: below this, sentence loops (degenerate/002 is 126) are missed. */
export const MIN_MAX_PERIOD = 16;

/** Options of the `text-loop` detector (all optional; defaults filled in by the schema). */
export const TextLoopOptionsSchema = z
  .object({
    /** Longest loop period looked for, in normalised characters. */
    maxPeriod: z
      .number({ error: 'maxPeriod must be a number' })
      .int('maxPeriod must be a whole number')
      .min(MIN_MAX_PERIOD, `maxPeriod must be at least ${MIN_MAX_PERIOD}`)
      .max(MAX_PERIOD_LIMIT, `maxPeriod must be at most ${MAX_PERIOD_LIMIT}`)
      .default(DEFAULT_MAX_PERIOD),
    /** Which texts to watch: the answer (`text`), the thought summaries (`thought`), or both. */
    channels: z
      .array(z.enum(['text', 'thought'], { error: "channels entries must be 'text' or 'thought'" }))
      .min(1, 'channels must name at least one channel')
      .default(['text', 'thought']),
    /** Also look for drifting loops (a sentence repeated with one slot changing each time). */
    drift: z.boolean({ error: 'drift must be true or false' }).default(true),
  })
  .strict();

/** Options of the `text-loop` detector. */
export type TextLoopOptions = z.input<typeof TextLoopOptionsSchema>;

/** Fixes for a loop in the answer: ask for the answer once, raise temperature, stop dictating thinking. */
const TEXT_REMEDIATIONS: readonly RemediationId[] = [
  'no-repetition',
  'raise-temperature',
  'drop-thinking-instructions',
];
/** Fixes for a loop in the thoughts: stop dictating how to think first, and ask for a recap per thought. */
const THOUGHT_REMEDIATIONS: readonly RemediationId[] = [
  'drop-thinking-instructions',
  'thought-recap',
  'no-repetition',
  'raise-temperature',
];

/**
 * Create the `text-loop` detector: finds text that repeats itself, exactly (a passage of 1 to
 * `maxPeriod` characters repeated back to back) or drifting (one sentence repeated with a slot
 * changing each time), in the answer text and in thought text, each tracked on its own. Reports
 * `warn` once when a loop is likely and `abort` once when it is certain. Bad options throw
 * `InvalidOptionsError`.
 *
 * Bounded memory: each channel's state is created on its first text and holds a 4,096-char ring
 * of normalised text with offsets and block kinds (28 KiB), a 4,096-entry anchor table (16 KiB),
 * eight candidate periods and four drift units: about 45 KiB per channel, whatever the input
 * length; older text is overwritten. Work is O(1) amortised per character (counted in
 * `context.meter`).
 */
export function createTextLoopDetector(
  options: TextLoopOptions = {},
  context: DetectorContext = {},
): Detector {
  const settings = parseOptions(TextLoopOptionsSchema, options, 'options of detector "text-loop"');
  return new TextLoopDetector(settings, context.meter);
}

/** The detector: one {@link LoopChannel} per watched channel, made on that channel's first text. */
class TextLoopDetector implements Detector {
  readonly id = 'text-loop';
  private readonly watchText: boolean;
  private readonly watchThought: boolean;
  private text: LoopChannel | undefined;
  private thought: LoopChannel | undefined;
  private counted = 0;
  private candidate = 0;
  /** Findings of the current push, gathered here and copied out only when there are some. */
  private readonly found: Finding[] = [];

  constructor(
    private readonly settings: z.output<typeof TextLoopOptionsSchema>,
    private readonly meter: WorkMeter | undefined,
  ) {
    this.watchText = settings.channels.includes('text');
    this.watchThought = settings.channels.includes('thought');
  }

  push(event: GuardEvent): Finding[] {
    // Hand-built events may carry no text; they are ignored rather than trusted.
    if ((event.type === 'text-delta' || event.type === 'thought-delta') && typeof event.text !== 'string')
      return NO_FINDINGS;
    if (event.type === 'text-delta' && this.watchText) {
      this.candidate = event.candidate;
      this.text ??= this.make('text');
      this.text.feed(event.text, offsetOf(event.offset), this.candidate, this.found);
    } else if (event.type === 'thought-delta' && this.watchThought) {
      this.candidate = event.candidate;
      this.thought ??= this.make('thought');
      this.thought.feed(event.text, offsetOf(event.offset), this.candidate, this.found);
    }
    this.count();
    if (this.found.length === 0) return NO_FINDINGS;
    const out = this.found.slice();
    this.found.length = 0;
    return out;
  }

  end(): Finding[] {
    const out: Finding[] = [];
    this.text?.finish(this.candidate, out);
    this.thought?.finish(this.candidate, out);
    this.count();
    return out;
  }

  reset(): void {
    this.text?.reset();
    this.thought?.reset();
    this.counted = 0;
  }

  private make(channel: 'text' | 'thought'): LoopChannel {
    return new LoopChannel({
      channel,
      maxPeriod: this.settings.maxPeriod,
      drift: this.settings.drift,
      remediations: channel === 'text' ? TEXT_REMEDIATIONS : THOUGHT_REMEDIATIONS,
    });
  }

  /** Add the work done since the last call to the meter, if there is one. */
  private count(): void {
    if (!this.meter) return;
    const work = (this.text?.work ?? 0) + (this.thought?.work ?? 0);
    this.meter.units += work - this.counted;
    this.counted = work;
  }
}

/** A usable start offset: hand-built events may carry a missing or negative one. */
function offsetOf(offset: unknown): number {
  return typeof offset === 'number' && offset >= 0 && Number.isFinite(offset) ? Math.floor(offset) : 0;
}

/** The `text-loop` detector's registry entry. */
export const TextLoopDefinition = defineDetector({
  id: 'text-loop',
  summary: 'Text that repeats itself, exactly or with one word drifting, in answer or thought text.',
  optionsSchema: TextLoopOptionsSchema,
  create: (options, context) => createTextLoopDetector(options, context),
});
