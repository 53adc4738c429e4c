import type { GenerateContentConfig, GenerateContentParameters } from '@google/genai';
import { z } from 'zod';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import { type ModelInfo, parseModelId } from './model-table.js';
import type { RequestIssue } from './request-issue.js';
import { MODEL_RULES } from './request-rules.js';

/** candidateCount 1-8, integer (GUIDE.md §4). */
const MAX_CANDIDATES = 8;

/** zod 4 numbers refuse NaN and Infinity already. */
const number = (field: string) => z.number({ error: `${field} must be a finite number` });

/** The model-independent shape and ranges of the checked config fields; other fields pass through. */
const configSchema = z
  .object({
    candidateCount: number('candidateCount').pipe(z.number().int().min(1).max(MAX_CANDIDATES)).optional(),
    temperature: number('temperature').pipe(z.number().min(0)).optional(),
    topP: number('topP').pipe(z.number().min(0).max(1)).optional(),
    topK: number('topK').pipe(z.number().min(1)).optional(),
    maxOutputTokens: number('maxOutputTokens').pipe(z.number().int().min(1)).optional(),
    presencePenalty: number('presencePenalty').optional(),
    frequencyPenalty: number('frequencyPenalty').optional(),
    thinkingConfig: z
      .object({
        thinkingBudget: number('thinkingBudget').pipe(z.number().int().min(-1)).optional(),
        thinkingLevel: z.enum(['THINKING_LEVEL_UNSPECIFIED', 'MINIMAL', 'LOW', 'MEDIUM', 'HIGH']).optional(),
        includeThoughts: z.boolean().optional(),
      })
      .loose()
      .optional(),
  })
  .loose();

const requestSchema = z
  .object({
    model: z
      .string({ error: 'model must be a model id such as gemini-2.5-flash' })
      .min(1, 'model must not be empty'),
    contents: z.custom(
      (value) => value !== undefined && value !== null && value !== '',
      'contents is required',
    ),
    config: configSchema.optional(),
  })
  .loose();

/** Stable codes for shape problems, by field. */
const FIELD_CODES: Readonly<Record<string, string>> = {
  model: 'model-missing',
  contents: 'contents-missing',
  candidateCount: 'candidate-count-range',
  temperature: 'temperature-range',
  topP: 'top-p-range',
  topK: 'top-k-range',
  maxOutputTokens: 'max-output-tokens-range',
  presencePenalty: 'penalty-range',
  frequencyPenalty: 'penalty-range',
  thinkingBudget: 'thinking-budget-range',
  thinkingLevel: 'thinking-level-unsupported',
};

/** Plain-words ranges, used when zod's own message is generic. */
const FIELD_RANGES: Readonly<Record<string, string>> = {
  candidateCount: 'candidateCount must be a whole number from 1 to 8',
  temperature: 'temperature must be 0 or more',
  topP: 'topP must be from 0 to 1',
  topK: 'topK must be 1 or more',
  maxOutputTokens: 'maxOutputTokens must be a whole number, 1 or more',
  thinkingBudget: 'thinkingBudget must be a whole number: -1 (dynamic), 0 (off) or a token count',
  thinkingLevel: 'thinkingLevel must be MINIMAL, LOW, MEDIUM or HIGH',
};

/** The result of {@link safeValidateRequest}. */
export interface RequestValidation {
  /** False when any issue is an `error`. */
  readonly success: boolean;
  /** Errors and warnings, shape problems first. */
  readonly issues: readonly RequestIssue[];
  /** The parsed model id (`undefined` when `model` is missing). */
  readonly model: ModelInfo | undefined;
}

/**
 * Check a `generateContent` request against the API's ranges and the model's own limits, without
 * sending it: candidateCount, temperature (0-1 on Gemini 1.x, 0-2 after), topP, topK,
 * maxOutputTokens (against the table of known models), penalties (refused by 2.5 and newer),
 * and thinking settings (thinkingBudget ranges on 2.5, thinkingLevel on 3, never both). Also
 * warns about a Gemini 3 temperature below 1.0. Never throws.
 */
export function safeValidateRequest(params: GenerateContentParameters): RequestValidation {
  const parsed = requestSchema.safeParse(params);
  if (!parsed.success) {
    const issues = parsed.error.issues.map(shapeIssue);
    const model =
      typeof params?.model === 'string' && params.model.length > 0 ? parseModelId(params.model) : undefined;
    return { success: false, issues, model };
  }
  const model = parseModelId(parsed.data.model);
  const config = (parsed.data.config ?? {}) as GenerateContentConfig;
  const issues = MODEL_RULES.flatMap((rule) => rule(model, config));
  return { success: !issues.some((entry) => entry.severity === 'error'), issues, model };
}

/**
 * Like {@link safeValidateRequest}, but throws `InvalidRequestError` (listing every issue) when
 * the API would refuse the request. Returns the warnings otherwise.
 */
export function validateRequest(params: GenerateContentParameters): readonly RequestIssue[] {
  const result = safeValidateRequest(params);
  if (!result.success) throw new InvalidRequestError(result.issues);
  return result.issues;
}

function shapeIssue(zodIssue: z.core.$ZodIssue): RequestIssue {
  const path = zodIssue.path.map((key) => (typeof key === 'symbol' ? String(key) : key));
  const field = String(path[path.length - 1] ?? '');
  // A value of the wrong JavaScript type inside config; a non-integer is a range problem instead.
  const wrongType = zodIssue.code === 'invalid_type' && zodIssue.expected !== 'int' && path[0] === 'config';
  const message = wrongType ? zodIssue.message : (FIELD_RANGES[field] ?? zodIssue.message);
  return {
    severity: 'error',
    code: wrongType ? 'invalid-type' : (FIELD_CODES[field] ?? 'invalid-value'),
    path,
    message: message.endsWith('.') ? message : `${message}.`,
  };
}
