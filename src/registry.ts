import type { z } from 'zod';
import type { BuiltInDetectorId, Detector } from './finding.js';

/** What every detector factory may use besides its own options. */
export interface DetectorContext {
  /**
   * The structured-output schema, when the caller has one: a Gemini `responseSchema`, a JSON
   * Schema (`responseJsonSchema`) or a zod schema.
   */
  readonly schema?: unknown;
  /**
   * Session-level state the caller keeps between responses (for example the tool-call tracker),
   * keyed by detector id.
   */
  readonly session?: Readonly<Record<string, unknown>>;
  /**
   * Counts units of work (characters scanned, comparisons made) so tests can check that work
   * grows linearly with input. Detectors add to `units` in their inner loops when it is set.
   */
  readonly meter?: WorkMeter;
}

/** A counter of work units; see {@link DetectorContext.meter}. */
export interface WorkMeter {
  units: number;
}

/**
 * A built-in detector: its id, the zod schema of its options (defaults filled in there), and a
 * factory that builds one instance per candidate from already-validated options.
 */
export interface DetectorDefinition<Options = unknown> {
  readonly id: BuiltInDetectorId;
  /** One line for `--help` and docs. */
  readonly summary: string;
  readonly optionsSchema: z.ZodType<Options>;
  create(options: Options, context: DetectorContext): Detector;
}

/** Helps TypeScript keep each definition's option type while storing them in one list. */
export function defineDetector<Options>(
  definition: DetectorDefinition<Options>,
): DetectorDefinition<Options> {
  return definition;
}
