import type { GenerateContentParameters, SafetySetting } from '@google/genai';
import { type Finding, SEVERITIES, type Severity } from '../finding.js';
import { isRemediationId, type RemediationId, SNIPPET_IDS, type SnippetId } from '../remediation-ids.js';
import { countRequestEscapes } from './escape-rewrite.js';
import { findFieldOrderInstructions, findThinkingInstructions } from './instruction-flags.js';
import { joinRefs, mergePlans, orderSnippets } from './plan-merge.js';
import {
  type FindingRef,
  type PlanAdvice,
  type PromptFlag,
  type RemediationPlan,
  refOf,
  type SchemaChange,
  type TemperatureChange,
} from './plan-types.js';
import { hasOptionalFields } from './schema-rewrite.js';
import { DEFAULT_SNIPPETS, type SnippetTexts } from './snippets.js';
import { decideTemperature } from './temperature.js';

/**
 * The caller's explicit decision on relaxing safety settings for a re-ask: the settings to send,
 * or a function that returns them (or `undefined` to leave the block in place). Without one the
 * guard never touches safety settings: relaxing them is the caller's decision (GUIDE §2).
 */
export type SafetyPolicy =
  | { readonly settings: readonly SafetySetting[] }
  | ((context: {
      readonly findings: readonly Finding[];
      readonly request: GenerateContentParameters;
    }) => readonly SafetySetting[] | undefined);

/** Options of {@link planRemediation}. */
export interface PlanOptions {
  /** Snippet texts (default: the bundled ones; see `resolveSnippets`). */
  readonly snippets?: SnippetTexts;
  /** The model the plan is for (default: `request.model`). */
  readonly model?: string;
  /** A plan already applied; the result then carries both (see `mergePlans`). */
  readonly previous?: RemediationPlan;
  readonly safetyPolicy?: SafetyPolicy;
  /** Findings below this severity are ignored (default `warn`: info findings never change a request). */
  readonly minSeverity?: Severity;
}

/** Why each snippet is added, in words for logs and the demo. */
const SNIPPET_REASONS: Readonly<Record<SnippetId, string>> = {
  'table-format':
    'Markdown table rules: a separator of exactly three hyphens per column, no alignment padding',
  'table-heading-pipe': 'put " |" right after each table heading so cells are not padded',
  'escape-policy': 'only \\\\, \\n and \\" escapes in quoted strings, UTF-8 instead of \\u',
  'thought-recap':
    'open each thought with a recap of progress and check whether the task is done (END of the instruction)',
  'no-repetition': 'be concise, do not repeat yourself, give the answer once',
  'recitation-originality': 'answer in original wording, not quoted sources',
};

/** Fixes only the caller can apply, in words. */
const ADVICE: Partial<Record<RemediationId, string>> = {
  'review-safety':
    'Review the prompt against the safety settings of the call; relaxing them is your decision (give the guard a safetyPolicy to re-ask with your settings).',
  'make-prompt-unique':
    'Make the prompt and its context more original, so the answer does not follow existing sources.',
  'raise-output-budget': 'Raise maxOutputTokens or lower the thinking budget, so the answer fits.',
  'do-not-retry': 'Do not re-send this prompt: retrying the same prompt does not help.',
};

/**
 * Map findings to the documented fixes for the request that produced them: snippets for the end
 * of the system instruction (deduplicated, stable order, `thought-recap` last), a model-aware
 * temperature, schema changes, escape rewrites, flagged prompt sentences and advice, each with
 * its reason and the findings behind it. Pure: reads `request`, never changes it; no I/O.
 */
export function planRemediation(
  findings: readonly Finding[],
  request: GenerateContentParameters,
  options: PlanOptions = {},
): RemediationPlan {
  const minimum = SEVERITIES.indexOf(options.minSeverity ?? 'warn');
  const relevant = findings.filter((finding) => SEVERITIES.indexOf(finding.severity) >= minimum);
  const byFix = groupByRemediation(relevant);
  const context: StepContext = {
    request,
    model: options.model ?? request.model,
    texts: options.snippets ?? DEFAULT_SNIPPETS,
    byFix,
  };
  const plan: RemediationPlan = {
    snippets: orderSnippets(
      SNIPPET_IDS.filter((id) => byFix.has(id)).map((id) => ({
        id,
        text: context.texts[id],
        reason: SNIPPET_REASONS[id],
        findings: refsFor(byFix, id),
      })),
    ),
    temperature: temperatureStep(context, relevant),
    safety: undefined,
    schema: schemaSteps(context),
    rewrites: escapeSteps(context),
    flags: flagSteps(context),
    advice: adviceSteps(byFix),
    action: 'nothing',
  };
  const decided = decideAction(plan, relevant, request, options.safetyPolicy);
  return options.previous ? mergePlans(options.previous, decided) : decided;
}

interface StepContext {
  readonly request: GenerateContentParameters;
  readonly model: string;
  readonly texts: SnippetTexts;
  readonly byFix: ReadonlyMap<RemediationId, FindingRef[]>;
}

function groupByRemediation(findings: readonly Finding[]): Map<RemediationId, FindingRef[]> {
  const byFix = new Map<RemediationId, FindingRef[]>();
  for (const finding of findings) {
    for (const id of finding.remediations) {
      if (!isRemediationId(id)) continue;
      byFix.set(id, joinRefs(byFix.get(id) ?? [], [refOf(finding)]));
    }
  }
  return byFix;
}

function refsFor(byFix: ReadonlyMap<RemediationId, FindingRef[]>, id: RemediationId): FindingRef[] {
  return byFix.get(id) ?? [];
}

function temperatureStep(context: StepContext, findings: readonly Finding[]): TemperatureChange | undefined {
  const refs = refsFor(context.byFix, 'raise-temperature');
  if (refs.length === 0) return undefined;
  // RECITATION asks for a step up; every other finding only for the floor.
  const recitation = findings.some(
    (finding) => finding.detector === 'recitation' && finding.remediations.includes('raise-temperature'),
  );
  const from = context.request.config?.temperature;
  const decision = decideTemperature(context.model, from, recitation ? 'recitation' : 'floor');
  return { from, to: decision.to, reason: decision.reason, findings: refs };
}

function schemaSteps(context: StepContext): SchemaChange[] {
  const config = context.request.config;
  const steps: SchemaChange[] = [];
  const require = refsFor(context.byFix, 'require-all-fields');
  const ordering = refsFor(context.byFix, 'set-property-ordering');
  for (const target of ['responseSchema', 'responseJsonSchema'] as const) {
    const schema = config?.[target];
    if (schema === undefined || schema === null) continue;
    if (require.length > 0 && hasOptionalFields(schema)) {
      const reason = 'make every output field required, so the model cannot skip or reorder optional fields';
      steps.push({ id: 'require-all-fields', target, reason, findings: require });
    }
    if (ordering.length > 0 && target === 'responseSchema') {
      const reason = 'fix the output order to the order the schema declares (propertyOrdering)';
      steps.push({ id: 'set-property-ordering', target, reason, findings: ordering });
    }
  }
  return steps;
}

function escapeSteps(context: StepContext): RemediationPlan['rewrites'] {
  const refs = refsFor(context.byFix, 'rewrite-escapes');
  if (refs.length === 0) return [];
  const escapes = countRequestEscapes(context.request);
  if (escapes === 0) return [];
  const reason = `replace ${escapes} \\u / \\t escape${escapes === 1 ? '' : 's'} in the request's texts with the characters, which the model would otherwise imitate`;
  return [{ id: 'rewrite-escapes', escapes, reason, findings: refs }];
}

function flagSteps(context: StepContext): PromptFlag[] {
  const flags: PromptFlag[] = [];
  // The guard's own snippets are in the request from the second attempt on; they are not causes.
  const own = Object.values(context.texts);
  const order = refsFor(context.byFix, 'drop-field-order-instruction');
  if (order.length > 0) {
    for (const found of findFieldOrderInstructions(context.request, own)) {
      const reason = 'the prompt dictates a field order; with structured output let the schema decide it';
      flags.push({ id: 'drop-field-order-instruction', ...found, reason, findings: order });
    }
  }
  const thinking = refsFor(context.byFix, 'drop-thinking-instructions');
  if (thinking.length > 0) {
    for (const found of findThinkingInstructions(context.request, own)) {
      const reason = 'thinking is on: ask for the final output only, do not dictate how to think';
      flags.push({ id: 'drop-thinking-instructions', ...found, reason, findings: thinking });
    }
  }
  return flags;
}

function adviceSteps(byFix: ReadonlyMap<RemediationId, FindingRef[]>): PlanAdvice[] {
  const advice: PlanAdvice[] = [];
  for (const [id, findings] of byFix) {
    const message = ADVICE[id];
    if (message !== undefined) advice.push({ id, message, findings });
  }
  return advice;
}

/** Decide whether a re-ask is worth it, and add the caller's safety settings when a policy allows. */
function decideAction(
  plan: RemediationPlan,
  findings: readonly Finding[],
  request: GenerateContentParameters,
  policy: SafetyPolicy | undefined,
): RemediationPlan {
  const aborts = findings.filter((finding) => finding.severity === 'abort');
  if (aborts.length === 0) return plan;
  if (
    aborts.some((finding) => finding.remediations.includes('do-not-retry') || finding.data?.terminal === true)
  ) {
    return { ...plan, action: 'terminal' };
  }
  const blocked = aborts.filter((finding) => finding.remediations.includes('review-safety'));
  if (blocked.length === 0) return { ...plan, action: 'reask' };
  const settings = typeof policy === 'function' ? policy({ findings, request }) : policy?.settings;
  if (settings === undefined || settings.length === 0) return { ...plan, action: 'needs-safety-policy' };
  const reason = "the caller's safety policy allows these settings for a re-ask";
  return {
    ...plan,
    safety: { settings: [...settings], reason, findings: blocked.map(refOf) },
    action: 'reask',
  };
}
