import type { GenerateContentConfig } from '@google/genai';

/** What the remediation needs to know about a model's sampling range and thinking. */
export interface ModelFamily {
  /** `gemini-3` (and later), `gemini-2`, `gemini-1` or `unknown` (tuned and non-Gemini models). */
  readonly name: 'gemini-3' | 'gemini-2' | 'gemini-1' | 'unknown';
  /** Major and minor version, when the name carries them (`gemini-2.5-flash` → 2, 5). */
  readonly major: number | undefined;
  readonly minor: number | undefined;
  /** The temperature the model uses when none is sent, when it is documented. */
  readonly defaultTemperature: number | undefined;
  /** The highest temperature the model accepts. */
  readonly maxTemperature: number;
  /** Whether the model thinks when the request says nothing about thinking. */
  readonly thinksByDefault: boolean;
  /**
   * The model's own output token limit, used to estimate what a runaway would have cost when the
   * request sets no `maxOutputTokens`.
   */
  readonly outputTokenLimit: number;
}

/** Newer models accept 0.0-2.0 (GUIDE §4; Vertex model cards for 1.5, 2.x and 3). */
const WIDE_MAX_TEMPERATURE = 2;
/** The guide's own parameter table gives 0.0-1.0; used for 1.0 models and unknown ones. */
const NARROW_MAX_TEMPERATURE = 1;
/** Default temperature of Gemini 1.5, 2.x and 3 (SDK-NOTES §8: "1.0 is the recommended starting value"). */
const STANDARD_DEFAULT_TEMPERATURE = 1;
/** Output limit of Gemini 2.5 and 3 models (65,536 tokens, the model cards). */
const LARGE_OUTPUT_LIMIT = 65_536;
/** Output limit of Gemini 1.5 and 2.0 models (8,192 tokens, the model cards); also assumed for unknown models, so savings are never overstated. */
const SMALL_OUTPUT_LIMIT = 8_192;

const MODEL_NAME = /^gemini-(\d+)(?:\.(\d+))?/;

/**
 * The family of a model id (`gemini-2.5-flash`, `models/gemini-3-pro-preview`, ...). Unknown
 * names (tuned models, Gemma) get the guide's conservative range: 0.0-1.0, no default assumed.
 */
export function modelFamily(model: string): ModelFamily {
  const bare = model.replace(/^(?:models|tunedModels)\//, '').toLowerCase();
  const match = MODEL_NAME.exec(bare);
  if (!match) return family('unknown', undefined, undefined);
  const major = Number(match[1]);
  const minor = match[2] === undefined ? undefined : Number(match[2]);
  if (major >= 3) return family('gemini-3', major, minor);
  if (major === 2) return family('gemini-2', major, minor);
  return family('gemini-1', major, minor);
}

function family(name: ModelFamily['name'], major: number | undefined, minor: number | undefined): ModelFamily {
  const modern = name === 'gemini-3' || name === 'gemini-2' || (name === 'gemini-1' && (minor ?? 0) >= 5);
  // Thinking is on by default from 2.5 on (SDK-NOTES §8); 2.0 and older do not think.
  const thinks = name === 'gemini-3' || (name === 'gemini-2' && (minor ?? 0) >= 5);
  return {
    name,
    major,
    minor,
    defaultTemperature: modern ? STANDARD_DEFAULT_TEMPERATURE : undefined,
    maxTemperature: modern ? WIDE_MAX_TEMPERATURE : NARROW_MAX_TEMPERATURE,
    thinksByDefault: thinks,
    outputTokenLimit: thinks ? LARGE_OUTPUT_LIMIT : SMALL_OUTPUT_LIMIT,
  };
}

/**
 * Whether a request to `model` with `config` thinks: a zero `thinkingBudget` turns thinking off;
 * any other budget or a `thinkingLevel` turns it on; otherwise the model's default applies.
 */
export function thinkingEnabled(model: string, config: GenerateContentConfig | undefined): boolean {
  const thinking = config?.thinkingConfig;
  if (thinking?.thinkingBudget === 0) return false;
  if (thinking?.thinkingBudget !== undefined || thinking?.thinkingLevel !== undefined) return true;
  return modelFamily(model).thinksByDefault;
}
