/**
 * A library of loopback-server scenarios, one per failure mode. Each misbehaves until the
 * request carries the guide's documented remedy for it (a snippet in the system instruction, the
 * model-aware temperature, a required-field schema, rewritten escapes, ...), so a test or a demo
 * can prove on the wire that the remedy was applied. `failureRate` and `residualRate` (drawn
 * from the server's seeded `random()`) turn them into a reproducible simulation.
 *
 * @example
 * const fake = await startFakeGemini({ scenario: tableHyphensScenario.create() });
 * const result = await guard(createTestClient(fake.baseUrl)).generate(tableHyphensScenario.request());
 */
import { newlineFloodScenario } from './newline-flood.js';
import { promptBlockedScenario } from './prompt-blocked.js';
import { recitationScenario } from './recitation.js';
import { safetyScenario } from './safety.js';
import type { FailureMode, FailureScenario } from './scenario-kit.js';
import { schemaOrderScenario } from './schema-order.js';
import { tableHyphensScenario } from './table-hyphens.js';
import { tablePaddingScenario } from './table-padding.js';
import { textLoopScenario } from './text-loop.js';
import { toolCallLoopScenario } from './tool-call-loop.js';

export { newlineFloodScenario } from './newline-flood.js';
export { promptBlockedScenario } from './prompt-blocked.js';
export { RECITATION_SCENARIO_TEMPERATURE, recitationScenario } from './recitation.js';
export { SAFETY_SCENARIO_CATEGORY, safetyScenario } from './safety.js';
export {
  buildScenario,
  DEFAULT_RUNAWAY_CHUNK_DELAY_MS,
  DEFAULT_SCENARIO_MODEL,
  type FailureMode,
  type FailureScenario,
  type FailureScenarioOptions,
  type ReplyContext,
  type ScenarioParts,
  startTemperature,
} from './scenario-kit.js';
export { schemaOrderScenario } from './schema-order.js';
export { tableHyphensScenario } from './table-hyphens.js';
export { tablePaddingScenario } from './table-padding.js';
export { textLoopScenario } from './text-loop.js';
export { SCENARIO_THOUGHT_SIGNATURE, toolCallLoopScenario } from './tool-call-loop.js';
export {
  escapesRewritten,
  safetyRelaxed,
  schemaRemedied,
  systemEndsWith,
  systemHas,
  temperatureRemedied,
  wireGenerationConfig,
  wireSchema,
  wireSystemText,
  wireTemperature,
  wireUserTexts,
} from './wire-checks.js';

/** Every failure scenario, in the order of the guide (the six repetition modes, then the blocks). */
export const FAILURE_SCENARIOS: readonly FailureScenario[] = [
  tableHyphensScenario,
  tablePaddingScenario,
  newlineFloodScenario,
  schemaOrderScenario,
  toolCallLoopScenario,
  textLoopScenario,
  safetyScenario,
  recitationScenario,
  promptBlockedScenario,
];

/** The scenario of one failure mode. */
export function failureScenario(id: FailureMode): FailureScenario {
  const found = FAILURE_SCENARIOS.find((scenario) => scenario.id === id);
  if (!found) throw new TypeError(`no failure scenario is called "${id}"`);
  return found;
}
