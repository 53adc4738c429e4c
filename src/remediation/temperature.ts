import { modelFamily } from './model-family.js';

/**
 * The guide's floor for code, tables and loops on Gemini 2.x and older: "temperature >= 0.8 works
 * better" (GUIDE §1, table-hyphens, table-padding and text-loop rows).
 */
export const TEMPERATURE_FLOOR = 0.8;
/**
 * Gemini 3 works best at its default 1.0, and Google documents that lowering it "may lead to
 * unexpected behavior, looping" (SDK-NOTES §8): it is never lowered, only restored.
 */
export const GEMINI_3_TEMPERATURE = 1;
/**
 * How much each RECITATION re-ask raises the temperature. The guide says only "use a higher
 * temperature"; 0.2 gives five steps from the default 1.0 to the 2.0 maximum, so the bounded
 * re-ask loop tries a few distinct values before it gives up.
 */
export const RECITATION_TEMPERATURE_STEP = 0.2;

/** Why the temperature changes: the loop fixes' floor, or a step up after RECITATION. */
export type TemperatureGoal = 'floor' | 'recitation';

/** The temperature to send next. `to` is undefined when the current value (or default) already fits. */
export interface TemperatureDecision {
  readonly to: number | undefined;
  readonly reason: string;
}

/**
 * Decide the next temperature for `model`, given the one the last request sent (`undefined`:
 * none, so the model's default applied). Gemini 3 is never lowered: below 1.0 it is restored to
 * 1.0. Gemini 2.x and older are raised to at least 0.8 within their range. RECITATION raises the
 * temperature one step above the larger of the current value and the floor, up to the maximum.
 */
export function decideTemperature(
  model: string,
  current: number | undefined,
  goal: TemperatureGoal,
): TemperatureDecision {
  const family = modelFamily(model);
  const gemini3 = family.name === 'gemini-3';
  const floor = gemini3 ? GEMINI_3_TEMPERATURE : TEMPERATURE_FLOOR;
  const effective = current ?? family.defaultTemperature;
  if (goal === 'recitation') {
    const base = Math.max(effective ?? floor, floor);
    const to = round(Math.min(family.maxTemperature, base + RECITATION_TEMPERATURE_STEP));
    if (effective !== undefined && to <= effective) {
      return {
        to: undefined,
        reason: `already at the model's maximum temperature (${family.maxTemperature})`,
      };
    }
    return { to, reason: `RECITATION: a higher temperature makes the wording less likely to match sources` };
  }
  if (gemini3) {
    if (current !== undefined && current < GEMINI_3_TEMPERATURE) {
      return {
        to: GEMINI_3_TEMPERATURE,
        reason: 'Gemini 3 restored to its default 1.0: lower values can cause looping',
      };
    }
    return {
      to: undefined,
      reason: 'Gemini 3 kept at its default temperature: lowering it can cause looping',
    };
  }
  if (effective !== undefined && effective >= floor) {
    return { to: undefined, reason: `temperature ${effective} is already at least ${floor}` };
  }
  const to = Math.min(family.maxTemperature, floor);
  return { to, reason: `raised to ${to}: the guide's floor for tables, code and loops is ${floor}` };
}

/** Keep one decimal place of precision stable (0.8 + 0.2 is 1, not 1.0000000000000002). */
function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
