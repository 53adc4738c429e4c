import type { GenerateContentResponse } from '@google/genai';
import { SEVERITIES } from '../finding.js';
import { inspectText } from '../inspect.js';
import type { InspectorOptions } from '../inspector.js';
import { repairText } from '../remediation/repair-text.js';
import { type AttemptOutput, isBlockFinding, type PreparedAttempt } from './attempt-output.js';
import type { GuardSettings } from './guard-options.js';
import type { GuardAttempt, GuardStopReason } from './guard-types.js';
import { withAnswerText, withPrefix } from './responses.js';

/** How `onDegenerate` handled a degenerate attempt, when it did not leave it to the re-ask loop. */
export interface ModeOutcome {
  readonly record: GuardAttempt;
  /** End the call with this attempt (`report`, `repair`, or a clean repair under `repair-then-reask`). */
  readonly accept: boolean;
  /** End the call with `GuardExhaustedError` (`throw`). */
  readonly throw: boolean;
  readonly stopReason: GuardStopReason;
  readonly response: GenerateContentResponse;
  readonly text: string;
  /** True when the text returned inspects clean. */
  readonly clean: boolean;
}

/**
 * Apply `onDegenerate` to a degenerate attempt. Returns undefined when the re-ask loop should
 * handle it (`reask`, or `repair-then-reask` when the repair did not come out clean). Blocked
 * output (SAFETY, RECITATION, a blocked prompt) is never repaired: there is nothing to show.
 */
export function applyDegenerateMode(
  settings: GuardSettings,
  base: GuardAttempt,
  output: AttemptOutput,
  prepared: PreparedAttempt,
  inspector: InspectorOptions,
): ModeOutcome | undefined {
  const mode = settings.onDegenerate;
  if (mode === 'reask') return undefined;
  const blocked = output.findings.some(isBlockFinding);
  if (mode === 'throw')
    return { ...asIs(base, output, prepared, blocked, 'rejected'), accept: false, throw: true };
  if (mode === 'report' || (mode === 'repair' && blocked))
    return asIs(base, output, prepared, blocked, 'reported');
  if (blocked) return undefined;
  const repaired = repairOutcome(settings, base, output, prepared, inspector);
  return mode === 'repair-then-reask' && !(repaired.clean && repaired.record.repair?.edits.length)
    ? undefined
    : repaired;
}

/** The attempt returned as it came (text withheld when it was blocked). */
function asIs(
  base: GuardAttempt,
  output: AttemptOutput,
  prepared: PreparedAttempt,
  blocked: boolean,
  outcome: 'rejected' | 'reported',
): ModeOutcome {
  const { prefix } = prepared;
  return {
    record: { ...base, outcome },
    accept: true,
    throw: false,
    stopReason: 'reported',
    response: prefix === '' ? output.response : withPrefix(output.response, prefix),
    text: blocked ? '' : prefix + base.text,
    clean: false,
  };
}

/** The attempt with its text repaired, and whether the repair inspects clean. */
function repairOutcome(
  settings: GuardSettings,
  base: GuardAttempt,
  output: AttemptOutput,
  prepared: PreparedAttempt,
  inspector: InspectorOptions,
): ModeOutcome {
  const repair = repairText(base.text, output.findings);
  // The re-inspection is the guard's own check, not news for the caller's onFinding hook.
  const { onFinding: _hook, ...quiet } = inspector;
  const minimum = SEVERITIES.indexOf(settings.reaskOn);
  const recheck = inspectText(repair.text, quiet);
  const clean = !recheck.findings.some((finding) => SEVERITIES.indexOf(finding.severity) >= minimum);
  const text = prepared.prefix + repair.text;
  return {
    record: { ...base, outcome: 'repaired', repair },
    accept: true,
    throw: false,
    stopReason: 'repaired',
    response: withAnswerText(output.response, text),
    text,
    clean,
  };
}
