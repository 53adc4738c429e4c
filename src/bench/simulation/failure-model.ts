/**
 * The model behind SIMULATED benchmark runs: how likely a request is to misbehave, given which of
 * the guide's remedies it carries. Every number here is an illustrative simulation parameter, NOT
 * a measurement of Gemini: they are chosen so the remedies the guide documents (GUIDE.md §1)
 * lower the rate by visibly different amounts, which is what a benchmark report has to show.
 * Results computed from them are always labelled SIMULATED.
 */
import { modelFamily } from '../../remediation/model-family.js';
import type { SnippetTexts } from '../../remediation/snippets.js';
import type { SnippetId } from '../../remediation-ids.js';
import type { FailureMode } from '../../testing/scenarios/index.js';
import {
  escapesRewritten,
  SAFETY_SCENARIO_CATEGORY,
  safetyRelaxed,
  schemaRemedied,
  systemEndsWith,
  systemHas,
  wireTemperature,
} from '../../testing/scenarios/index.js';

/** The failure modes the simulation can play (the loopback scenario library's modes). */
export const SIMULATED_MODES = [
  'table-hyphens',
  'table-padding',
  'newline-flood',
  'schema-order',
  'tool-call-loop',
  'text-loop',
  'safety',
  'recitation',
  'prompt-blocked',
] as const satisfies readonly FailureMode[];

/** A failure mode the simulation plays. */
export type SimulatedMode = (typeof SIMULATED_MODES)[number];

type Body = Readonly<Record<string, unknown>>;

/** How one failure mode responds to the remedies in a request. */
interface ModeModel {
  /** Failure probability of a request with no remedy at a low temperature (simulation parameter). */
  readonly baseRate: number;
  /** The guide's snippet for the mode, and whether it must close the system instruction. */
  readonly snippet?: SnippetId;
  readonly snippetAtEnd?: boolean;
  /** How strongly a temperature at the guide's floor (0.8) lowers the rate: 0 none, 1 all of it. */
  readonly temperatureEffect: number;
  /** A request rewrite that is part of the remedy (escapes, schema, safety settings). */
  readonly rewrite?: (body: Body) => boolean;
}

/** Multiplier on the rate when the mode's snippet is in the system instruction (simulation parameter). */
export const SNIPPET_FACTOR = 0.35;
/** Multiplier on the rate when the mode's request rewrite is present (simulation parameter). */
export const REWRITE_FACTOR = 0.5;
/**
 * Temperatures at or below this count as "low" (no temperature benefit); the benefit grows
 * linearly up to the guide's floor of 0.8. 0.2 is a common "steady output" setting.
 */
export const LOW_TEMPERATURE = 0.2;
/** The guide's floor: "temperature >= 0.8 works better" for tables, code and loops (GUIDE §1). */
export const FLOOR_TEMPERATURE = 0.8;
/**
 * Gemini 3 below its default 1.0: the rate grows by this share per 0.1 below 1.0, since Google
 * documents that lowering it "may lead to ... looping" (SDK-NOTES §8). Simulation parameter.
 */
export const GEMINI_3_LOW_TEMPERATURE_PENALTY = 0.08;

const MODELS: Readonly<Record<SimulatedMode, ModeModel>> = {
  'table-hyphens': { baseRate: 0.5, snippet: 'table-format', temperatureEffect: 0.6 },
  'table-padding': { baseRate: 0.4, snippet: 'table-heading-pipe', temperatureEffect: 0.6 },
  'newline-flood': {
    baseRate: 0.4,
    snippet: 'escape-policy',
    temperatureEffect: 0,
    rewrite: escapesRewritten,
  },
  'schema-order': { baseRate: 0.3, temperatureEffect: 0, rewrite: schemaRemedied },
  'tool-call-loop': { baseRate: 0.45, snippet: 'thought-recap', snippetAtEnd: true, temperatureEffect: 0.25 },
  'text-loop': { baseRate: 0.35, snippet: 'no-repetition', temperatureEffect: 0.6 },
  safety: {
    baseRate: 0.1,
    temperatureEffect: 0,
    rewrite: (body) => safetyRelaxed(body, SAFETY_SCENARIO_CATEGORY),
  },
  recitation: { baseRate: 0.15, snippet: 'recitation-originality', temperatureEffect: 0.4 },
  'prompt-blocked': { baseRate: 0.05, temperatureEffect: 0 },
};

/** The simulation's default failure probability for a mode with no remedy at a low temperature. */
export function defaultBaseRate(mode: SimulatedMode): number {
  return MODELS[mode].baseRate;
}

/** The snippet that remedies a mode, if the guide names one. */
export function snippetFor(mode: SimulatedMode): SnippetId | undefined {
  return MODELS[mode].snippet;
}

/**
 * The multiplier temperature puts on the rate. Gemini 2.x and older: 1 at or below 0.2, falling
 * linearly to `1 - effect` at 0.8 and above (unset counts as the default 1.0). Gemini 3: full
 * benefit at its default 1.0 (or unset), a growing penalty below it.
 */
export function temperatureFactor(model: string, temperature: number | undefined, effect: number): number {
  const family = modelFamily(model);
  const sent = temperature ?? family.defaultTemperature ?? 1;
  if (family.name === 'gemini-3') {
    if (sent >= 1) return 1 - effect;
    return 1 + ((1 - sent) / 0.1) * GEMINI_3_LOW_TEMPERATURE_PENALTY;
  }
  const ramp = Math.min(1, Math.max(0, (sent - LOW_TEMPERATURE) / (FLOOR_TEMPERATURE - LOW_TEMPERATURE)));
  return 1 - effect * ramp;
}

/**
 * The probability that a request (as the server received it) misbehaves in `mode`: the base rate,
 * times {@link SNIPPET_FACTOR} when the mode's snippet is in the system instruction (at its end
 * for the thought recap), times {@link REWRITE_FACTOR} when the mode's request rewrite is there,
 * times the temperature factor. Clamped to [0, 1].
 */
export function simulatedFailureRate(
  mode: SimulatedMode,
  baseRate: number,
  body: Body,
  model: string,
  snippets: SnippetTexts,
): number {
  const parameters = MODELS[mode];
  let rate = baseRate;
  if (parameters.snippet !== undefined) {
    const text = snippets[parameters.snippet];
    const present = parameters.snippetAtEnd ? systemEndsWith(body, text) : systemHas(body, text);
    if (present) rate *= SNIPPET_FACTOR;
  }
  if (parameters.rewrite?.(body)) rate *= REWRITE_FACTOR;
  rate *= temperatureFactor(model, wireTemperature(body), parameters.temperatureEffect);
  return Math.min(1, Math.max(0, rate));
}
