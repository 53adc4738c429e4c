import type { SafetySetting } from '@google/genai';
import type { Finding, Severity } from '../finding.js';
import type { RemediationId, SnippetId } from '../remediation-ids.js';

/** The finding a plan step answers, kept short enough to log. */
export interface FindingRef {
  readonly detector: string;
  readonly severity: Severity;
  readonly message: string;
  readonly start: number;
  readonly end: number;
}

/** A snippet to add at the end of the system instruction. */
export interface PlannedSnippet {
  readonly id: SnippetId;
  readonly text: string;
  readonly reason: string;
  readonly findings: readonly FindingRef[];
}

/** The temperature to send next, and why. */
export interface TemperatureChange {
  /** The temperature the last request sent (`undefined`: the model's default). */
  readonly from: number | undefined;
  /** The temperature to send (`undefined`: leave it unset, the default already fits). */
  readonly to: number | undefined;
  readonly reason: string;
  readonly findings: readonly FindingRef[];
}

/** Safety settings the caller's explicit policy allows for the re-ask. */
export interface SafetyChange {
  /** Replaces the request's setting of the same category; other settings are kept. */
  readonly settings: readonly SafetySetting[];
  readonly reason: string;
  readonly findings: readonly FindingRef[];
}

/** Which schema of the request a change touches. */
export type SchemaTarget = 'responseSchema' | 'responseJsonSchema';

/** A change to the structured-output schema. */
export interface SchemaChange {
  readonly id: 'require-all-fields' | 'set-property-ordering';
  readonly target: SchemaTarget;
  readonly reason: string;
  readonly findings: readonly FindingRef[];
}

/** A rewrite of the request's own texts. */
export interface PromptRewrite {
  readonly id: 'rewrite-escapes';
  /** `\uXXXX` and `\t` escapes found in the request's texts when the plan was made. */
  readonly escapes: number;
  readonly reason: string;
  readonly findings: readonly FindingRef[];
}

/** Prompt text that works against the fix; reported for the caller to change, never rewritten. */
export interface PromptFlag {
  readonly id: 'drop-field-order-instruction' | 'drop-thinking-instructions';
  /** Where the text is in the request, as `collectRequestTexts` names it. */
  readonly path: readonly (string | number)[];
  /** The sentence that dictates the order or the way to think. */
  readonly excerpt: string;
  readonly reason: string;
  readonly findings: readonly FindingRef[];
}

/** A documented fix only the caller can apply (review safety, raise the budget, ...). */
export interface PlanAdvice {
  readonly id: RemediationId;
  readonly message: string;
  readonly findings: readonly FindingRef[];
}

/**
 * What to do about the findings of one response. Plain data: print it, log it, or hand it to
 * `applyPlan`. Every step carries the reason and the findings it answers.
 */
export interface RemediationPlan {
  /** Snippets in the order they are added; `thought-recap` is always last (the guide puts it at the END). */
  readonly snippets: readonly PlannedSnippet[];
  readonly temperature: TemperatureChange | undefined;
  readonly safety: SafetyChange | undefined;
  readonly schema: readonly SchemaChange[];
  readonly rewrites: readonly PromptRewrite[];
  readonly flags: readonly PromptFlag[];
  readonly advice: readonly PlanAdvice[];
  /**
   * `reask`: a re-ask with this plan is worth trying. `terminal`: never re-ask (a prompt blocked
   * with OTHER). `needs-safety-policy`: blocked by safety filters and the caller gave no policy
   * for relaxing them, so a re-ask would be blocked again. `nothing`: no finding calls for one.
   */
  readonly action: 'reask' | 'terminal' | 'needs-safety-policy' | 'nothing';
}

/** A plan that changes nothing. */
export const EMPTY_PLAN: RemediationPlan = {
  snippets: [],
  temperature: undefined,
  safety: undefined,
  schema: [],
  rewrites: [],
  flags: [],
  advice: [],
  action: 'nothing',
};

/** A finding reduced to what a plan records. */
export function refOf(finding: Finding): FindingRef {
  return {
    detector: finding.detector,
    severity: finding.severity,
    message: finding.message,
    start: finding.start,
    end: finding.end,
  };
}

/** The ids of every change a plan makes, in plan order (for logs and one-line summaries). */
export function planSteps(plan: RemediationPlan): string[] {
  const steps: string[] = plan.snippets.map((snippet) => `snippet:${snippet.id}`);
  if (plan.temperature?.to !== undefined) steps.push(`temperature:${plan.temperature.to}`);
  if (plan.safety) steps.push('safety-settings');
  for (const change of plan.schema) steps.push(`${change.id}:${change.target}`);
  for (const rewrite of plan.rewrites) steps.push(rewrite.id);
  for (const flag of plan.flags) steps.push(`flag:${flag.id}`);
  return steps;
}
