import { z } from 'zod';
import { InvalidOptionsError } from '../errors/invalid-options-error.js';
import { DEFAULT_MAX_ATTEMPTS } from '../guard/guard-options.js';
import { parseOptions } from '../options.js';
import { SNIPPET_IDS } from '../remediation-ids.js';
import { SIMULATED_MODES } from './simulation/failure-model.js';

/** Runs per case, model and variant unless the config says otherwise. */
export const DEFAULT_REPEATS = 20;
/** Calls in flight at once: low enough to stay under a free-tier rate limit in live mode. */
export const DEFAULT_CONCURRENCY = 4;
/** Upper bound on repeats: 1,000 runs already give a Wilson interval about ±3 points wide. */
const MAX_REPEATS = 1000;
/** Upper bound on concurrency: more parallel calls only collect 429s on the live API. */
const MAX_CONCURRENCY = 32;
/** The guard's own ceiling on attempts (see `src/guard/guard-options.ts`). */
const MAX_GUARD_ATTEMPTS = 10;

const id = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1-64 letters, digits, dots, dashes or underscores');
const jsonObject = z.record(z.string(), z.unknown());
const snippetId = z.enum(SNIPPET_IDS);

const caseSchema = z
  .object({
    id,
    title: z.string().min(1).optional(),
    prompt: z.string().min(1).optional(),
    contents: z.array(jsonObject).min(1).optional(),
    systemInstruction: z.string().optional(),
    schema: jsonObject.optional(),
    tools: z.array(jsonObject).optional(),
    config: jsonObject.optional(),
    snippets: z.array(snippetId).default([]),
    simulate: z
      .object({ mode: z.enum(SIMULATED_MODES), baseRate: z.number().min(0).max(1).optional() })
      .strict()
      .optional(),
  })
  .strict()
  .refine((entry) => (entry.prompt === undefined) !== (entry.contents === undefined), {
    message: 'give exactly one of prompt (a string) or contents (a list of {role, parts})',
    path: ['prompt'],
  });

const variantSchema = z
  .object({
    id,
    label: z.string().min(1).optional(),
    snippets: z.array(snippetId).default([]),
    caseSnippets: z.boolean().default(false),
    temperature: z.number().min(0).max(2).optional(),
    systemInstruction: z.string().optional(),
    config: jsonObject.optional(),
  })
  .strict();

const uniqueIds = (what: string) => (entries: readonly { id: string }[], context: z.RefinementCtx) => {
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    if (seen.has(entry.id)) {
      context.addIssue({
        code: 'custom',
        path: [index, 'id'],
        message: `${what} id "${entry.id}" is used twice`,
      });
    }
    seen.add(entry.id);
  });
};

/** The schema of a benchmark config (the JSON file `gemini-guard bench` reads). */
export const BenchConfigSchema = z
  .object({
    $schema: z.string().optional(),
    title: z.string().min(1).optional(),
    models: z
      .array(z.string().min(1))
      .min(1)
      .refine((models) => new Set(models).size === models.length, 'each model may be listed once'),
    cases: z.array(caseSchema).min(1).superRefine(uniqueIds('case')),
    variants: z.array(variantSchema).min(1).superRefine(uniqueIds('variant')),
    repeats: z.number().int().min(1).max(MAX_REPEATS).default(DEFAULT_REPEATS),
    concurrency: z.number().int().min(1).max(MAX_CONCURRENCY).default(DEFAULT_CONCURRENCY),
    seed: z.number().int().min(0).max(0xffff_ffff).default(1),
    guarded: z
      .union([
        z.boolean(),
        z
          .object({
            maxAttempts: z.number().int().min(1).max(MAX_GUARD_ATTEMPTS).default(DEFAULT_MAX_ATTEMPTS),
          })
          .strict(),
      ])
      .default(false),
  })
  .strict();

/** A benchmark config as written (defaults not yet applied). */
export type BenchConfig = z.input<typeof BenchConfigSchema>;
/** A validated benchmark config, defaults applied. */
export type ResolvedBenchConfig = z.output<typeof BenchConfigSchema>;
/** One prompt under test. */
export type BenchCase = ResolvedBenchConfig['cases'][number];
/** One named way of sending every case. */
export type BenchVariant = ResolvedBenchConfig['variants'][number];

/** Overrides the CLI (or a caller) applies on top of a config file. */
export interface BenchOverrides {
  readonly repeats?: number;
  readonly concurrency?: number;
  readonly seed?: number;
  readonly guarded?: boolean;
}

/**
 * Validate a benchmark config once and fill in the defaults. Throws `InvalidOptionsError` with
 * one `{code, path, message}` issue per problem.
 */
export function parseBenchConfig(config: unknown, overrides: BenchOverrides = {}): ResolvedBenchConfig {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new InvalidOptionsError('bench config', [
      { code: 'invalid_type', path: [], message: 'the config must be a JSON object' },
    ]);
  }
  const merged: Record<string, unknown> = { ...config };
  for (const key of ['repeats', 'concurrency', 'seed'] as const) {
    if (overrides[key] !== undefined) merged[key] = overrides[key];
  }
  if (overrides.guarded === true && (merged.guarded === undefined || merged.guarded === false))
    merged.guarded = true;
  return parseOptions(BenchConfigSchema, merged, 'bench config');
}

/** The guarded loop's attempt bound, or `undefined` when the config does not run it. */
export function guardedAttempts(config: ResolvedBenchConfig): number | undefined {
  if (config.guarded === false) return undefined;
  return config.guarded === true ? DEFAULT_MAX_ATTEMPTS : config.guarded.maxAttempts;
}
