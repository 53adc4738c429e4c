/**
 * What is known about Gemini models, for checking a request before it is sent. Model ids are
 * parsed into a family (which decides the rules) and matched against a table of known models
 * (which gives the limits). Unknown models get the family's rules and no limits.
 */

/** Thinking levels of `thinkingConfig.thinkingLevel` (Gemini 3 and newer). */
export type ThinkingLevelName = 'MINIMAL' | 'LOW' | 'MEDIUM' | 'HIGH';

/**
 * The rule set a model follows. `gemini-1` (1.0, 1.5): temperature 0-1 per the guide's table.
 * `gemini-2.0`: temperature 0-2, penalties accepted, no thinking settings. `gemini-2.5`:
 * `thinkingBudget`, penalties refused. `gemini-3`: Gemini 3 and every newer version:
 * `thinkingLevel`, penalties refused, temperature best left at 1.0.
 */
export type ModelFamily = 'gemini-1' | 'gemini-2.0' | 'gemini-2.5' | 'gemini-3' | 'unknown';

/** The `thinkingBudget` a 2.5 model accepts: -1 (dynamic), 0 when it can be disabled, or min..max. */
export interface ThinkingBudgetRange {
  readonly min: number;
  readonly max: number;
  readonly canDisable: boolean;
}

/** One row of the table of known models. */
export interface ModelSpec {
  /** The table key: version and tier, e.g. `2.5-flash`. */
  readonly key: string;
  /** The output token limit, when documented. */
  readonly maxOutputTokens: number | undefined;
  readonly thinkingBudget?: ThinkingBudgetRange;
  readonly thinkingLevels?: readonly ThinkingLevelName[];
  /** Whether the model thinks when the request says nothing about thinking. */
  readonly thinksByDefault: boolean;
  /** Temperature, topP and topK are ignored (the model uses fixed values). */
  readonly ignoresSampling?: boolean;
}

/** A parsed model id. */
export interface ModelInfo {
  /** The id as given. */
  readonly id: string;
  readonly family: ModelFamily;
  /** e.g. `{major: 2, minor: 5}`; `undefined` for aliases, tuned and non-Gemini models. */
  readonly version: { readonly major: number; readonly minor: number } | undefined;
  /** `pro`, `flash`, `flash-lite`, `flash-8b`, …; `undefined` when not recognised. */
  readonly tier: string | undefined;
  /** What follows the tier (`preview`, `002`, `preview-tts`, …), if anything. */
  readonly suffix: string | undefined;
  /** A tuned model (`tunedModels/…`): its base model, and so its limits, are unknown. */
  readonly tuned: boolean;
  /** The table row, when the id names a known model (preview, dated and numbered versions included). */
  readonly spec: ModelSpec | undefined;
}

const ALL_LEVELS: readonly ThinkingLevelName[] = ['MINIMAL', 'LOW', 'MEDIUM', 'HIGH'];
/** Gemini API model pages: 1.5 and 2.0 models have an 8,192-token output limit. */
const OUTPUT_8K = 8192;
/** Gemini API and Vertex model pages: 2.5 and 3.x models have a 65,536-token output limit. */
const OUTPUT_64K = 65_536;

/**
 * Known models. Output limits: the Gemini API model pages (1.0 Pro: 2,048). Thinking budgets:
 * SDK-NOTES §8 (2.5 Pro 128-32768, cannot be off; 2.5 Flash 0-24576; 2.5 Flash-Lite 0 or
 * 512-24576, off by default). Thinking levels: SDK-NOTES §8 and the Vertex Gemini 3.5 Flash
 * guide (3 Pro LOW/HIGH; 3.1 Pro and 3.7 Flash LOW-HIGH; the others MINIMAL-HIGH). Ignored
 * sampling: the Vertex pages of 3.5 Flash-Lite and 3.6 Flash.
 */
const KNOWN_MODELS: readonly ModelSpec[] = [
  { key: '1.0-pro', maxOutputTokens: 2048, thinksByDefault: false },
  { key: '1.5-pro', maxOutputTokens: OUTPUT_8K, thinksByDefault: false },
  { key: '1.5-flash', maxOutputTokens: OUTPUT_8K, thinksByDefault: false },
  { key: '1.5-flash-8b', maxOutputTokens: OUTPUT_8K, thinksByDefault: false },
  { key: '2.0-flash', maxOutputTokens: OUTPUT_8K, thinksByDefault: false },
  { key: '2.0-flash-lite', maxOutputTokens: OUTPUT_8K, thinksByDefault: false },
  {
    key: '2.5-pro',
    maxOutputTokens: OUTPUT_64K,
    thinkingBudget: { min: 128, max: 32_768, canDisable: false },
    thinksByDefault: true,
  },
  {
    key: '2.5-flash',
    maxOutputTokens: OUTPUT_64K,
    thinkingBudget: { min: 1, max: 24_576, canDisable: true },
    thinksByDefault: true,
  },
  {
    key: '2.5-flash-lite',
    maxOutputTokens: OUTPUT_64K,
    thinkingBudget: { min: 512, max: 24_576, canDisable: true },
    thinksByDefault: false,
  },
  { key: '3-pro', maxOutputTokens: OUTPUT_64K, thinkingLevels: ['LOW', 'HIGH'], thinksByDefault: true },
  { key: '3-flash', maxOutputTokens: OUTPUT_64K, thinkingLevels: ALL_LEVELS, thinksByDefault: true },
  {
    key: '3.1-pro',
    maxOutputTokens: OUTPUT_64K,
    thinkingLevels: ['LOW', 'MEDIUM', 'HIGH'],
    thinksByDefault: true,
  },
  { key: '3.1-flash-lite', maxOutputTokens: OUTPUT_64K, thinkingLevels: ALL_LEVELS, thinksByDefault: true },
  { key: '3.5-flash', maxOutputTokens: OUTPUT_64K, thinkingLevels: ALL_LEVELS, thinksByDefault: true },
  {
    key: '3.5-flash-lite',
    maxOutputTokens: OUTPUT_64K,
    thinkingLevels: ALL_LEVELS,
    thinksByDefault: true,
    ignoresSampling: true,
  },
  {
    key: '3.6-flash',
    maxOutputTokens: undefined,
    thinkingLevels: ALL_LEVELS,
    thinksByDefault: true,
    ignoresSampling: true,
  },
  {
    key: '3.7-flash',
    maxOutputTokens: undefined,
    thinkingLevels: ['LOW', 'MEDIUM', 'HIGH'],
    thinksByDefault: true,
  },
];

const SPEC_BY_KEY = new Map(KNOWN_MODELS.map((spec) => [spec.key, spec]));
/** Longest first, so `flash-lite` wins over `flash`. */
const TIERS = ['flash-lite', 'flash-8b', 'flash', 'pro', 'ultra', 'nano'] as const;
const GEMINI_ID = /^(?:models\/)?gemini-(\d+)(?:\.(\d+))?-([a-z0-9.-]+)$/;
/** Suffix words that name a release of the same model, not a different model (image, tts, live). */
const RELEASE_WORDS = new Set(['preview', 'exp', 'latest', 'customtools']);

/** Parse a model id such as `gemini-2.5-flash`, `models/gemini-3-pro-preview`, `gemini-1.5-pro-002`. */
export function parseModelId(id: string): ModelInfo {
  const tuned = id.startsWith('tunedModels/') || id.startsWith('models/tunedModels/');
  const match = tuned ? null : GEMINI_ID.exec(id.trim().toLowerCase());
  if (match === null)
    return {
      id,
      family: 'unknown',
      version: undefined,
      tier: undefined,
      suffix: undefined,
      tuned,
      spec: undefined,
    };
  const major = Number(match[1]);
  const minor = match[2] === undefined ? 0 : Number(match[2]);
  const rest = match[3] ?? '';
  const tier = TIERS.find((name) => rest === name || rest.startsWith(`${name}-`));
  const suffix = tier === undefined ? rest : rest.slice(tier.length + 1) || undefined;
  const key = `${match[2] === undefined ? major : `${major}.${minor}`}-${tier ?? ''}`;
  const plainRelease =
    suffix === undefined || suffix.split('-').every((word) => RELEASE_WORDS.has(word) || /^\d+$/.test(word));
  return {
    id,
    family: familyOf(major, minor),
    version: { major, minor },
    tier,
    suffix,
    tuned: false,
    spec: tier !== undefined && plainRelease ? SPEC_BY_KEY.get(key) : undefined,
  };
}

function familyOf(major: number, minor: number): ModelFamily {
  if (major <= 1) return 'gemini-1';
  if (major === 2) return minor >= 5 ? 'gemini-2.5' : 'gemini-2.0';
  return 'gemini-3';
}

/** The highest temperature a family accepts: 1 for Gemini 1.x (the guide's table), 2 from 2.0 on. */
export function maxTemperatureOf(family: ModelFamily): number {
  return family === 'gemini-1' ? 1 : 2;
}

/** Whether the model refuses non-zero presence/frequency penalties (2.5 and newer, SDK-NOTES §8). */
export function refusesPenalties(family: ModelFamily): boolean {
  return family === 'gemini-2.5' || family === 'gemini-3';
}

/** Whether the model thinks with this request's settings (`undefined` when that cannot be told). */
export function thinksWith(
  info: ModelInfo,
  budget: number | undefined,
  level: string | undefined,
): boolean | undefined {
  if (budget !== undefined) return budget !== 0;
  if (level !== undefined) return true;
  if (info.spec !== undefined) return info.spec.thinksByDefault;
  if (info.family === 'gemini-3') return true;
  if (info.family === 'gemini-1' || info.family === 'gemini-2.0') return false;
  return undefined;
}
