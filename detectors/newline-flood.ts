/**
 * `newline-flood`: runs of line breaks (raw `\n`, `\r\n`, escaped `\n` / `\r\n` inside JSON
 * strings) or of tabs (raw or escaped `\t`), including whitespace-only lines of varying width.
 * A long run is a `warn` when it ends; a runaway is an `abort` the moment it crosses the bar.
 * Structured output (a schema, or text whose first non-blank unit is `{` or `[`) gets tighter bars,
 * and whitespace after a complete top-level JSON value is judged as layout: nothing belongs there.
 */
import { z } from 'zod';
import type { GuardEvent, GuardEventType } from '../src/events.js';
import { type Detector, type Finding, NO_FINDINGS } from '../src/finding.js';
import { parseOptions } from '../src/options.js';
import type { DetectorContext } from '../src/registry.js';
import { defineDetector } from '../src/registry.js';
import { FloodTracker, NEWLINE_FLOOD_ID } from './flood-tracker.js';
import { MODE_PROSE, MODE_STRUCTURED, MODE_UNDECIDED } from './json-string-state.js';
import { barCount, checkBarPairs } from './support.js';

/**
 * Prose bars. Measured: at most 4 line breaks in a row (3 blank lines) in legit/ and legit-docs/,
 * whitespace-only lines included; at most 2 escaped `\n` in a row (legit/006, a Lua test file).
 * Warn just above that maximum; abort at four times it.
 */
export const WARN_NEWLINES = 5;
export const ABORT_NEWLINES = 16;
/**
 * Bars inside JSON strings. The corpus's JSON files hold no escaped `\n` at all; string content is
 * text (or code: PEP 8 puts 2 blank lines between functions), whose measured maximum is the prose
 * one (4), so warn just above it, as in prose, and abort at twice it.
 */
export const STRING_WARN_NEWLINES = 5;
export const STRING_ABORT_NEWLINES = 8;
/**
 * Bars between JSON tokens and after the top-level value. Measured: every whitespace gap in the
 * corpus's JSON files holds at most 1 line break, as any serializer writes; so one blank line warns
 * and 4 line breaks (3 whitespace-only lines, four times the maximum) abort.
 */
export const LAYOUT_WARN_NEWLINES = 2;
export const LAYOUT_ABORT_NEWLINES = 4;
/**
 * Tab bars, raw or escaped. Measured: at most 5 tabs in a row (legit/024) and 1 escaped `\t`.
 */
export const WARN_TABS = 8;
export const ABORT_TABS = 32;

const BAR_PAIRS = [
  ['warnNewlines', 'abortNewlines'],
  ['stringWarnNewlines', 'stringAbortNewlines'],
  ['layoutWarnNewlines', 'layoutAbortNewlines'],
  ['warnTabs', 'abortTabs'],
] as const;

/** Options of the `newline-flood` detector; bars count line breaks, or tabs. */
export const NewlineFloodOptionsSchema = z
  .object({
    /** `auto`: structured when a schema is set or the text opens with `{` / `[`. */
    mode: z.enum(['auto', 'prose', 'structured']).default('auto'),
    warnNewlines: barCount('warnNewlines', 2).default(WARN_NEWLINES),
    abortNewlines: barCount('abortNewlines', 3).default(ABORT_NEWLINES),
    stringWarnNewlines: barCount('stringWarnNewlines', 2).default(STRING_WARN_NEWLINES),
    stringAbortNewlines: barCount('stringAbortNewlines', 3).default(STRING_ABORT_NEWLINES),
    layoutWarnNewlines: barCount('layoutWarnNewlines', 2).default(LAYOUT_WARN_NEWLINES),
    layoutAbortNewlines: barCount('layoutAbortNewlines', 3).default(LAYOUT_ABORT_NEWLINES),
    warnTabs: barCount('warnTabs', 2).default(WARN_TABS),
    abortTabs: barCount('abortTabs', 3).default(ABORT_TABS),
  })
  .strict()
  .superRefine(checkBarPairs(BAR_PAIRS));

/** Options of the `newline-flood` detector. */
export type NewlineFloodOptions = z.input<typeof NewlineFloodOptionsSchema>;

type Settings = z.output<typeof NewlineFloodOptionsSchema>;

const ID = NEWLINE_FLOOD_ID;

/** Watches answer text and thought text, each with its own state; findings name the channel. */
class NewlineFloodDetector implements Detector {
  readonly id = ID;
  /** Only text reaches the trackers: other events stay off this detector's path. */
  readonly accepts: readonly GuardEventType[] = ['text-delta', 'thought-delta'];
  private readonly text: FloodTracker;
  private readonly thought: FloodTracker;
  private candidate = 0;

  constructor(
    settings: Settings,
    hasSchema: boolean,
    private readonly meter: DetectorContext['meter'],
  ) {
    const forced = settings.mode === 'prose' ? MODE_PROSE : MODE_STRUCTURED;
    const textMode = settings.mode === 'auto' ? (hasSchema ? MODE_STRUCTURED : MODE_UNDECIDED) : forced;
    this.text = new FloodTracker(settings, 'text', textMode);
    // A response schema shapes the answer, not the thoughts.
    this.thought = new FloodTracker(settings, 'thought', settings.mode === 'auto' ? MODE_UNDECIDED : forced);
  }

  push(event: GuardEvent): Finding[] {
    if ((event.type !== 'text-delta' && event.type !== 'thought-delta') || event.text === '')
      return NO_FINDINGS;
    this.candidate = event.candidate;
    const tracker = event.type === 'text-delta' ? this.text : this.thought;
    tracker.scan(event.text, event.offset, event.candidate);
    if (this.meter) this.meter.units += event.text.length;
    // Usually the shared empty array: no allocation per push (the inspector only reads it).
    return tracker.takeFindings();
  }

  end(): Finding[] {
    this.text.finish(this.candidate);
    const found = [...this.text.takeFindings()];
    this.thought.finish(this.candidate);
    found.push(...this.thought.takeFindings());
    return found;
  }

  reset(): void {
    this.text.reset();
    this.thought.reset();
    this.candidate = 0;
  }
}

/**
 * Create the `newline-flood` detector. `context.schema` (when set) makes the answer text
 * structured from its first unit. Throws `InvalidOptionsError` for bad options.
 */
export function createNewlineFloodDetector(
  options: NewlineFloodOptions = {},
  context: DetectorContext = {},
): Detector {
  const settings = parseOptions(NewlineFloodOptionsSchema, options, `options of detector "${ID}"`);
  return new NewlineFloodDetector(settings, context.schema !== undefined, context.meter);
}

/** The `newline-flood` entry of the default detector set. */
export const NewlineFloodDefinition = defineDetector({
  id: ID,
  summary: 'Runs of line breaks or tabs, raw or escaped in JSON strings, with tighter bars for JSON.',
  optionsSchema: NewlineFloodOptionsSchema,
  create: (options, context) => createNewlineFloodDetector(options, context),
});
