import { z } from 'zod';
import type { Finding } from '../finding.js';
import { type InspectorOptions, resolveDetectorFactories } from '../inspector.js';
import { parseOptions } from '../options.js';
import type { SafetyPolicy } from '../remediation/plan-remediation.js';
import { resolveSnippets, type SnippetSources, type SnippetTexts } from '../remediation/snippets.js';
import { type RetryOptions, retryOptionsSchema } from '../resilience/retry-options.js';
import type { GuardAttempt } from './guard-types.js';
import type { RetractionNotice } from './stream-events.js';

/**
 * Characters of answer text held back from a streaming caller. 1,024 is above the longest run any
 * default detector needs before it aborts (640 hyphens in a separator cell, 640 padding spaces),
 * so a runaway table row is stopped before any of it is shown.
 */
export const DEFAULT_HOLDBACK_CHARS = 1024;
/**
 * A continuation keeps a prefix only when it is at least this long: below about 500 tokens
 * starting over costs little and gives the model the whole answer to shape again.
 */
export const DEFAULT_MIN_PREFIX_CHARS = 2000;
/** The default bound on attempts. */
export const DEFAULT_MAX_ATTEMPTS = 3;
/** A hard ceiling on attempts: every re-ask costs a full request. */
const MAX_ATTEMPTS_LIMIT = 10;

/** What the guard does with a degenerate response. */
export type OnDegenerate = 'reask' | 'repair' | 'repair-then-reask' | 'report' | 'throw';

/** Options of `guard(ai, options)`. Every field is optional. */
export interface GuardOptions extends SnippetSources {
  /** Attempts per call, the first included (default 3, at most 10). */
  readonly maxAttempts?: number;
  /**
   * Output tokens (answer plus thinking) all attempts of one call may use together. No re-ask
   * starts once it is spent, and each attempt's `maxOutputTokens` is capped to what is left.
   */
  readonly tokenBudget?: number;
  /** Cancels every call of this guard, during an attempt or a wait (`CallAbortedError`). */
  readonly signal?: AbortSignal;
  /** Called after each attempt with its record (awaited). */
  readonly onAttempt?: (attempt: GuardAttempt) => void | Promise<void>;
  /** Called for every finding as soon as it is found, with the attempt number. */
  readonly onFinding?: (finding: Finding, attempt: number) => void;
  /** Told when answer text already shown to a streaming caller is void (see `stream-events.ts`). */
  readonly onRetract?: (notice: RetractionNotice) => void | Promise<void>;
  /** `reask` (default), `repair`, `repair-then-reask`, `report` or `throw`. */
  readonly onDegenerate?: OnDegenerate;
  /** When attempts or budget run out: return the best attempt marked `degraded` (default) or throw `GuardExhaustedError`. */
  readonly onExhausted?: 'degraded' | 'throw';
  /** Re-ask on abort-level findings only (default) or on warnings too. */
  readonly reaskOn?: 'abort' | 'warn';
  /** Characters of streamed answer text held back until they are known to be safe to show (default 1,024). */
  readonly holdbackChars?: number;
  /** Continue from the clean prefix of a late-aborted answer instead of starting over. */
  readonly continuation?: boolean | { readonly minPrefixChars?: number; readonly instruction?: string };
  /** The caller's explicit policy for relaxing safety settings on a re-ask; without it, never. */
  readonly safetyPolicy?: SafetyPolicy;
  /** Detector settings: per-detector options or `false`, `only`, and `custom` detectors. */
  readonly detectors?: InspectorOptions['detectors'];
  readonly only?: InspectorOptions['only'];
  readonly custom?: InspectorOptions['custom'];
  /** Retrying of transient API errors (429, 500, 503, 504, dropped connections) inside each attempt. */
  readonly retry?: Omit<RetryOptions, 'model' | 'signal'>;
}

const fn = <T>(what: string) =>
  z.custom<T>((value) => typeof value === 'function', { message: `${what} must be a function` });

const guardOptionsSchema = z
  .object({
    maxAttempts: z.number().int().min(1).max(MAX_ATTEMPTS_LIMIT).default(DEFAULT_MAX_ATTEMPTS),
    tokenBudget: z.number().int().positive().optional(),
    signal: z
      .custom<AbortSignal>((value) => value instanceof AbortSignal, 'signal must be an AbortSignal')
      .optional(),
    onAttempt: fn<GuardOptions['onAttempt']>('onAttempt').optional(),
    onFinding: fn<GuardOptions['onFinding']>('onFinding').optional(),
    onRetract: fn<GuardOptions['onRetract']>('onRetract').optional(),
    onDegenerate: z.enum(['reask', 'repair', 'repair-then-reask', 'report', 'throw']).default('reask'),
    onExhausted: z.enum(['degraded', 'throw']).default('degraded'),
    reaskOn: z.enum(['abort', 'warn']).default('abort'),
    holdbackChars: z.number().int().min(0).max(10_000_000).default(DEFAULT_HOLDBACK_CHARS),
    continuation: z
      .union([
        z.boolean(),
        z
          .object({
            minPrefixChars: z.number().int().min(1).default(DEFAULT_MIN_PREFIX_CHARS),
            instruction: z.string().trim().min(1).optional(),
          })
          .strict(),
      ])
      .default(false),
    safetyPolicy: z
      .union([
        fn<SafetyPolicy>('safetyPolicy'),
        z.object({ settings: z.array(z.object({}).passthrough()).min(1) }).strict(),
      ])
      .optional(),
    snippets: z.record(z.string(), z.string()).optional(),
    snippetsDir: z.string().min(1).optional(),
    detectors: z.unknown().optional(),
    only: z.unknown().optional(),
    custom: z.unknown().optional(),
    retry: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

/** Guard options with defaults filled in and the snippet texts read. */
export interface GuardSettings {
  readonly maxAttempts: number;
  readonly tokenBudget: number | undefined;
  readonly signal: AbortSignal | undefined;
  readonly onAttempt: GuardOptions['onAttempt'];
  readonly onFinding: GuardOptions['onFinding'];
  readonly onRetract: GuardOptions['onRetract'];
  readonly onDegenerate: OnDegenerate;
  readonly onExhausted: 'degraded' | 'throw';
  readonly reaskOn: 'abort' | 'warn';
  readonly holdbackChars: number;
  /** `undefined`: continuation is off. */
  readonly continuation:
    | { readonly minPrefixChars: number; readonly instruction: string | undefined }
    | undefined;
  readonly safetyPolicy: SafetyPolicy | undefined;
  readonly snippets: SnippetTexts;
  /** Detector options for every attempt's inspector (schema and session are added per attempt). */
  readonly inspector: Pick<InspectorOptions, 'detectors' | 'only' | 'custom'>;
  readonly retry: Omit<RetryOptions, 'model' | 'signal'>;
}

/** Validate guard options once; bad ones throw `InvalidOptionsError` naming each path. */
export function resolveGuardSettings(options: GuardOptions = {}): GuardSettings {
  const parsed = parseOptions(guardOptionsSchema, options, 'guard options');
  const inspector = {
    ...(options.detectors === undefined ? {} : { detectors: options.detectors }),
    ...(options.only === undefined ? {} : { only: options.only }),
    ...(options.custom === undefined ? {} : { custom: options.custom }),
  };
  resolveDetectorFactories(inspector);
  const retry = options.retry ?? {};
  parseOptions(retryOptionsSchema, retry, 'guard options', ['retry']);
  const continuation =
    parsed.continuation === false
      ? undefined
      : parsed.continuation === true
        ? { minPrefixChars: DEFAULT_MIN_PREFIX_CHARS, instruction: undefined }
        : {
            minPrefixChars: parsed.continuation.minPrefixChars,
            instruction: parsed.continuation.instruction,
          };
  return {
    maxAttempts: parsed.maxAttempts,
    tokenBudget: parsed.tokenBudget,
    signal: parsed.signal,
    onAttempt: options.onAttempt,
    onFinding: options.onFinding,
    onRetract: options.onRetract,
    onDegenerate: parsed.onDegenerate,
    onExhausted: parsed.onExhausted,
    reaskOn: parsed.reaskOn,
    holdbackChars: parsed.holdbackChars,
    continuation,
    safetyPolicy: options.safetyPolicy,
    snippets: resolveSnippets({
      ...(options.snippets === undefined ? {} : { snippets: options.snippets }),
      ...(options.snippetsDir === undefined ? {} : { snippetsDir: options.snippetsDir }),
    }),
    inspector,
    retry,
  };
}
