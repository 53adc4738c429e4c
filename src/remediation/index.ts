/**
 * Remediation: the guide's documented fixes as snippets and pure request rewrites, plus text
 * repair and continuation. Detection finds; `planRemediation` maps findings to fixes;
 * `applyPlan` rewrites the request; the guard only orchestrates.
 */
export { applyPlan } from './apply-plan.js';
export { CONTINUE_INSTRUCTION, cleanPrefix, continuationRequest, toContentList } from './continuation.js';
export {
  countRequestEscapes,
  type EscapeRewrite,
  type RequestEscapeRewrite,
  rewriteEscapes,
  rewriteRequestEscapes,
} from './escape-rewrite.js';
export {
  type FlaggedInstruction,
  findFieldOrderInstructions,
  findThinkingInstructions,
} from './instruction-flags.js';
export { type ModelFamilyInfo, modelFamily, thinkingEnabled } from './model-family.js';
export { mergePlans } from './plan-merge.js';
export { type PlanOptions, planRemediation, type SafetyPolicy } from './plan-remediation.js';
export {
  EMPTY_PLAN,
  type FindingRef,
  type PlanAdvice,
  type PlannedSnippet,
  type PromptFlag,
  type PromptRewrite,
  planSteps,
  type RemediationPlan,
  type SafetyChange,
  type SchemaChange,
  type SchemaTarget,
  type TemperatureChange,
} from './plan-types.js';
export { type RepairEdit, type RepairKind, type RepairResult, repairText } from './repair-text.js';
export { hasOptionalFields, requireAllFields, setPropertyOrdering } from './schema-rewrite.js';
export { DEFAULT_SNIPPETS, resolveSnippets, type SnippetSources, type SnippetTexts } from './snippets.js';
export { appendToSystemInstruction, systemInstructionText } from './system-instruction.js';
export {
  decideTemperature,
  GEMINI_3_TEMPERATURE,
  RECITATION_TEMPERATURE_STEP,
  TEMPERATURE_FLOOR,
  type TemperatureDecision,
  type TemperatureGoal,
} from './temperature.js';
