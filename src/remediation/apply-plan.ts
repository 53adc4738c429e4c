import type { GenerateContentConfig, GenerateContentParameters, SafetySetting } from '@google/genai';
import { rewriteRequestEscapes } from './escape-rewrite.js';
import type { RemediationPlan } from './plan-types.js';
import { requireAllFields, setPropertyOrdering } from './schema-rewrite.js';
import { appendToSystemInstruction } from './system-instruction.js';

/**
 * The request with `plan` applied: escapes rewritten in the request's own texts, schema changes
 * made, snippets added at the END of the system instruction (in whatever form it has; a snippet
 * already there is not added twice), the planned temperature and the caller-approved safety
 * settings set. Flags and advice change nothing: they are for the caller.
 *
 * Pure: the input is never mutated. Objects the plan does not touch (abort signals, tools,
 * HTTP options) are shared with the input, not copied.
 */
export function applyPlan(
  request: GenerateContentParameters,
  plan: RemediationPlan,
): GenerateContentParameters {
  const rewritten = plan.rewrites.some((rewrite) => rewrite.id === 'rewrite-escapes')
    ? rewriteRequestEscapes(request).request
    : request;
  const config: GenerateContentConfig = { ...(rewritten.config ?? {}) };
  let changed = false;
  for (const change of plan.schema) {
    const schema = config[change.target];
    if (schema === undefined || schema === null) continue;
    const next = change.id === 'require-all-fields' ? requireAllFields(schema) : setPropertyOrdering(schema);
    config[change.target] = next as never;
    changed = true;
  }
  if (plan.snippets.length > 0) {
    const instruction = appendToSystemInstruction(
      config.systemInstruction,
      plan.snippets.map((snippet) => snippet.text),
    );
    if (instruction !== config.systemInstruction) {
      if (instruction === undefined) delete config.systemInstruction;
      else config.systemInstruction = instruction;
      changed = true;
    }
  }
  if (plan.temperature?.to !== undefined) {
    config.temperature = plan.temperature.to;
    changed = true;
  }
  if (plan.safety) {
    config.safetySettings = mergeSafetySettings(config.safetySettings, plan.safety.settings);
    changed = true;
  }
  return changed ? { ...rewritten, config } : rewritten;
}

/** The request's settings with each category the policy names replaced by the policy's setting. */
function mergeSafetySettings(
  current: readonly SafetySetting[] | undefined,
  policy: readonly SafetySetting[],
): SafetySetting[] {
  const named = new Set(policy.map((setting) => setting.category));
  return [
    ...(current ?? []).filter((setting) => !named.has(setting.category)),
    ...policy.map((s) => ({ ...s })),
  ];
}
