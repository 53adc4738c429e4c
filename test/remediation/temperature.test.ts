import { describe, expect, it } from 'vitest';
import { decideTemperature, RECITATION_TEMPERATURE_STEP } from '../../src/remediation/temperature.js';

describe('decideTemperature for the loop fixes', () => {
  it('raises a Gemini 2.5 model below 0.8 to 0.8', () => {
    expect(decideTemperature('gemini-2.5-flash', 0.2, 'floor').to).toBe(0.8);
  });

  it('leaves a Gemini 2.x model at or above 0.8, or unset (default 1.0), alone', () => {
    expect(decideTemperature('gemini-2.5-pro', 0.9, 'floor').to).toBeUndefined();
    expect(decideTemperature('gemini-2.0-flash', undefined, 'floor').to).toBeUndefined();
  });

  it('never lowers Gemini 3 and restores it to 1.0 when the caller set less', () => {
    expect(decideTemperature('gemini-3-pro-preview', 0.3, 'floor').to).toBe(1);
    expect(decideTemperature('models/gemini-3-flash-preview', 1.5, 'floor').to).toBeUndefined();
    expect(decideTemperature('gemini-3-flash-preview', undefined, 'floor').to).toBeUndefined();
  });

  it('sets 0.8 explicitly for a model whose default is not documented', () => {
    expect(decideTemperature('tunedModels/my-model', undefined, 'floor').to).toBe(0.8);
  });
});

describe('decideTemperature after RECITATION', () => {
  it('steps up from the larger of the current value and the floor', () => {
    expect(decideTemperature('gemini-2.5-flash', 0.2, 'recitation').to).toBe(
      0.8 + RECITATION_TEMPERATURE_STEP,
    );
    expect(decideTemperature('gemini-2.5-flash', 1.2, 'recitation').to).toBe(1.4);
    expect(decideTemperature('gemini-2.5-flash', undefined, 'recitation').to).toBe(1.2);
  });

  it('climbs in steps and stops at the model maximum', () => {
    const seen: number[] = [];
    let current: number | undefined;
    for (let round = 0; round < 10; round += 1) {
      const next = decideTemperature('gemini-2.5-flash', current, 'recitation').to;
      if (next === undefined) break;
      seen.push(next);
      current = next;
    }
    expect(seen).toEqual([1.2, 1.4, 1.6, 1.8, 2]);
  });

  it('caps a model with the guide range 0-1 at 1.0', () => {
    expect(decideTemperature('gemini-1.0-pro', 0.95, 'recitation').to).toBe(1);
    expect(decideTemperature('gemini-1.0-pro', 1, 'recitation').to).toBeUndefined();
  });

  it('raises Gemini 3 above its default only for RECITATION, never below 1.0', () => {
    expect(decideTemperature('gemini-3-pro-preview', 0.5, 'recitation').to).toBe(1.2);
  });
});
