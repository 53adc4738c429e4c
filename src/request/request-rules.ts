import type { GenerateContentConfig } from '@google/genai';
import {
  type ModelInfo,
  maxTemperatureOf,
  refusesPenalties,
  type ThinkingBudgetRange,
} from './model-table.js';
import type { IssueSeverity, RequestIssue } from './request-issue.js';

/**
 * The checks that depend on the model: each takes the parsed model and the (shape-checked)
 * config and returns its issues. Kept as a list so tests can run every rule from a table.
 */
export type ModelRule = (model: ModelInfo, config: GenerateContentConfig) => RequestIssue[];

/** Gemini 3 is documented to work best at its default temperature of 1.0 (SDK-NOTES §8). */
const GEMINI_3_DEFAULT_TEMPERATURE = 1;
/** Vertex docs: penalties range from -2.0 (inclusive) to 2.0 (exclusive). */
const PENALTY_MIN = -2;
const PENALTY_LIMIT = 2;

const issue = (
  severity: IssueSeverity,
  code: string,
  path: readonly (string | number)[],
  message: string,
): RequestIssue => ({
  severity,
  code,
  path: ['config', ...path],
  message,
});

const temperatureRule: ModelRule = (model, config) => {
  const { temperature } = config;
  if (temperature === undefined) return [];
  const max = maxTemperatureOf(model.family);
  const issues: RequestIssue[] = [];
  if (temperature > max) {
    const why = model.family === 'gemini-1' ? ' (the guide gives 0-1 for Gemini 1.x models)' : '';
    issues.push(
      issue(
        'error',
        'temperature-range',
        ['temperature'],
        `temperature must be from 0 to ${max} for ${model.id}${why}; got ${temperature}.`,
      ),
    );
  }
  if (model.family === 'gemini-3' && temperature < GEMINI_3_DEFAULT_TEMPERATURE) {
    issues.push(
      issue(
        'warning',
        'gemini3-low-temperature',
        ['temperature'],
        `Gemini 3 models work best at their default temperature of 1.0; ${temperature} can cause looping or weaker reasoning. Leave temperature unset or at 1.0.`,
      ),
    );
  }
  return issues;
};

const samplingIgnoredRule: ModelRule = (model, config) => {
  if (model.spec?.ignoresSampling !== true) return [];
  return (['temperature', 'topP', 'topK'] as const)
    .filter((field) => config[field] !== undefined)
    .map((field) =>
      issue(
        'warning',
        'sampling-ignored',
        [field],
        `${model.id} ignores custom ${field} values and uses its own; remove ${field}.`,
      ),
    );
};

const penaltyRule: ModelRule = (model, config) => {
  const issues: RequestIssue[] = [];
  for (const field of ['presencePenalty', 'frequencyPenalty'] as const) {
    const value = config[field];
    if (value === undefined) continue;
    if (refusesPenalties(model.family) && value !== 0) {
      issues.push(
        issue(
          'error',
          'penalty-unsupported',
          [field],
          `${model.id} refuses a non-zero ${field} (400 "Penalty is not enabled for this model"); remove it.`,
        ),
      );
    } else if (value < PENALTY_MIN || value >= PENALTY_LIMIT) {
      issues.push(
        issue(
          'error',
          'penalty-range',
          [field],
          `${field} must be from -2.0 up to (not including) 2.0; got ${value}.`,
        ),
      );
    }
  }
  return issues;
};

const maxOutputRule: ModelRule = (model, config) => {
  const limit = model.spec?.maxOutputTokens;
  const { maxOutputTokens } = config;
  if (maxOutputTokens === undefined || limit === undefined || maxOutputTokens <= limit) return [];
  return [
    issue(
      'error',
      'max-output-tokens-above-limit',
      ['maxOutputTokens'],
      `${model.id} can write at most ${limit} output tokens; got ${maxOutputTokens}.`,
    ),
  ];
};

const thinkingRule: ModelRule = (model, config) => {
  const thinking = config.thinkingConfig;
  if (thinking === undefined) return [];
  const { thinkingBudget: budget, thinkingLevel: level } = thinking;
  if (budget !== undefined && level !== undefined) {
    return [
      issue(
        'error',
        'thinking-both-set',
        ['thinkingConfig'],
        'Set thinkingBudget or thinkingLevel, not both: the API refuses the pair with a 400.',
      ),
    ];
  }
  if (budget === undefined && level === undefined) return [];
  const path = ['thinkingConfig', budget === undefined ? 'thinkingLevel' : 'thinkingBudget'];
  if (model.family === 'gemini-1' || model.family === 'gemini-2.0') {
    return [
      issue(
        'warning',
        'thinking-unsupported',
        path,
        `${model.id} has no thinking settings; remove thinkingConfig.`,
      ),
    ];
  }
  if (model.family === 'gemini-2.5') return gemini25Issues(model, budget, level, path);
  if (model.family === 'gemini-3') return levelIssues(model, budget, level, path);
  return [];
};

/** 2.5 models take a thinkingBudget within their range, never a thinkingLevel. */
function gemini25Issues(
  model: ModelInfo,
  budget: number | undefined,
  level: string | undefined,
  path: string[],
): RequestIssue[] {
  if (level !== undefined) {
    const message = `${model.id} takes thinkingBudget, not thinkingLevel (a Gemini 3 setting).`;
    return [issue('error', 'thinking-level-unsupported', path, message)];
  }
  const range = model.spec?.thinkingBudget;
  return budget === undefined || range === undefined ? [] : budgetIssues(model, budget, range, path);
}

function budgetIssues(
  model: ModelInfo,
  budget: number,
  range: ThinkingBudgetRange,
  path: string[],
): RequestIssue[] {
  if (budget === -1) return [];
  if (budget === 0) {
    return range.canDisable
      ? []
      : [
          issue(
            'error',
            'thinking-budget-cannot-disable',
            path,
            `${model.id} cannot turn thinking off; use -1 (dynamic) or ${range.min}-${range.max}.`,
          ),
        ];
  }
  if (budget >= range.min && budget <= range.max) return [];
  const off = range.canDisable ? ', 0 (off)' : '';
  return [
    issue(
      'error',
      'thinking-budget-range',
      path,
      `thinkingBudget for ${model.id} must be -1 (dynamic)${off} or ${range.min}-${range.max}; got ${budget}.`,
    ),
  ];
}

function levelIssues(
  model: ModelInfo,
  budget: number | undefined,
  level: string | undefined,
  path: string[],
): RequestIssue[] {
  if (budget !== undefined) {
    return [
      issue(
        'warning',
        'thinking-budget-legacy',
        path,
        `Gemini 3 models are tuned with thinkingLevel; thinkingBudget is a legacy setting there. Use thinkingLevel.`,
      ),
    ];
  }
  const levels = model.spec?.thinkingLevels;
  if (level === undefined || levels === undefined || level === 'THINKING_LEVEL_UNSPECIFIED') return [];
  if ((levels as readonly string[]).includes(level)) return [];
  return [
    issue(
      'error',
      'thinking-level-unsupported',
      path,
      `${model.id} takes thinkingLevel ${levels.join(', ')}; got ${level}.`,
    ),
  ];
}

const thinkingBudgetVsOutputRule: ModelRule = (_model, config) => {
  const budget = config.thinkingConfig?.thinkingBudget;
  const { maxOutputTokens } = config;
  if (budget === undefined || maxOutputTokens === undefined || budget <= 0 || budget < maxOutputTokens)
    return [];
  return [
    issue(
      'warning',
      'thinking-exceeds-output',
      ['maxOutputTokens'],
      `Thinking tokens count against maxOutputTokens: a thinkingBudget of ${budget} can use all ${maxOutputTokens} and leave no answer (MAX_TOKENS). Raise maxOutputTokens or lower the budget.`,
    ),
  ];
};

const unknownModelRule: ModelRule = (model) => {
  if (model.spec !== undefined) return [];
  const what = model.tuned
    ? 'a tuned model'
    : model.family === 'unknown'
      ? 'not a model this library knows'
      : 'not in the table of known models';
  return [
    {
      severity: 'warning',
      code: 'unknown-model',
      path: ['model'],
      message: `${model.id} is ${what}, so its limits (output tokens, thinking ranges) were not checked.`,
    },
  ];
};

/** Every model-dependent rule, in the order their issues are reported. */
export const MODEL_RULES: readonly ModelRule[] = [
  unknownModelRule,
  temperatureRule,
  samplingIgnoredRule,
  penaltyRule,
  maxOutputRule,
  thinkingRule,
  thinkingBudgetVsOutputRule,
];
