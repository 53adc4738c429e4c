import type { GenerateContentConfig } from '@google/genai';
import { maxTemperatureOf, parseModelId, thinksWith } from '../request/model-table.js';

/** What the remediation needs to know about a model's sampling range and thinking. */
export interface ModelFamilyInfo {
  /** `gemini-3` (and later), `gemini-2`, `gemini-1` or `unknown` (tuned and non-Gemini models). */
  readonly name: 'gemini-3' | 'gemini-2' | 'gemini-1' | 'unknown';
  /** Major and minor version, when the id carries them (`gemini-2.5-flash` → 2, 5). */
  readonly major: number | undefined;
  readonly minor: number | undefined;
  /** The temperature the model uses when none is sent, when it is documented. */
  readonly defaultTemperature: number | undefined;
  /** The highest temperature the model accepts. */
  readonly maxTemperature: number;
  /** Whether the model thinks when the request says nothing about thinking. */
  readonly thinksByDefault: boolean;
  /**
   * The model's output token limit, used to estimate what a runaway would have cost when the
   * request sets no `maxOutputTokens`.
   */
  readonly outputTokenLimit: number;
}

/**
 * Default temperature from Gemini 2.0 on (SDK-NOTES §8: "1.0 is the recommended starting value";
 * Gemini 3 is documented to work best at its default 1.0).
 */
const STANDARD_DEFAULT_TEMPERATURE = 1;
/**
 * Unknown models (tuned, Gemma, aliases) get the guide's own parameter table, 0.0-1.0: a value
 * above 1 could be refused with a 400.
 */
const UNKNOWN_MAX_TEMPERATURE = 1;
/** Output limit of 2.5 and 3 models (65,536 tokens, the model pages). */
const LARGE_OUTPUT_LIMIT = 65_536;
/**
 * Output limit of 1.5 and 2.0 models (8,192 tokens, the model pages); also assumed for unknown
 * models, so savings are never overstated.
 */
const SMALL_OUTPUT_LIMIT = 8_192;

/**
 * The family of a model id (`gemini-2.5-flash`, `models/gemini-3-pro-preview`, ...), read with the
 * request checker's model table (`parseModelId`), so both agree on ranges and limits.
 */
export function modelFamily(model: string): ModelFamilyInfo {
  const info = parseModelId(model);
  const name = info.family === 'gemini-2.0' || info.family === 'gemini-2.5' ? 'gemini-2' : info.family;
  const modern = name === 'gemini-2' || name === 'gemini-3';
  const thinks = thinksWith(info, undefined, undefined) === true;
  return {
    name,
    major: info.version?.major,
    minor: info.version?.minor,
    defaultTemperature: modern ? STANDARD_DEFAULT_TEMPERATURE : undefined,
    maxTemperature: name === 'unknown' ? UNKNOWN_MAX_TEMPERATURE : maxTemperatureOf(info.family),
    thinksByDefault: thinks,
    outputTokenLimit:
      info.spec?.maxOutputTokens ??
      (name === 'gemini-3' || info.family === 'gemini-2.5' ? LARGE_OUTPUT_LIMIT : SMALL_OUTPUT_LIMIT),
  };
}

/**
 * Whether a request to `model` with `config` thinks: a zero `thinkingBudget` turns thinking off;
 * any other budget or a `thinkingLevel` turns it on; otherwise the model's default applies
 * (unknown models count as not thinking).
 */
export function thinkingEnabled(model: string, config: GenerateContentConfig | undefined): boolean {
  const thinking = config?.thinkingConfig;
  return thinksWith(parseModelId(model), thinking?.thinkingBudget, thinking?.thinkingLevel) === true;
}
