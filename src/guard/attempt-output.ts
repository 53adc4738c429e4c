import type { GenerateContentParameters, GenerateContentResponse } from '@google/genai';
import type { Finding } from '../finding.js';
import type { RemediationPlan } from '../remediation/plan-types.js';
import type { AttemptRecord } from '../resilience/attempt-record.js';
import { BLOCKING_DETECTORS } from '../verdict.js';
import type { AbortInfo } from './guard-types.js';

/** An attempt about to be sent. */
export interface PreparedAttempt {
  readonly attempt: number;
  readonly kind: 'fresh' | 'continuation';
  /** The request to send (guard settings applied: automatic continuation off, budget cap). */
  readonly request: GenerateContentParameters;
  /** Every fix applied so far (undefined on attempt 1). */
  readonly plan: RemediationPlan | undefined;
  /** Answer text kept from earlier attempts; the attempt's text continues it ('' for a fresh attempt). */
  readonly prefix: string;
}

/** What one attempt produced, streamed or not. */
export interface AttemptOutput {
  /** The response (for a stream, its chunks merged; partial when it was cut off). */
  readonly response: GenerateContentResponse;
  readonly findings: readonly Finding[];
  readonly aborted: AbortInfo | undefined;
  /** The model that answered. */
  readonly model: string;
  readonly transport: readonly AttemptRecord[];
  readonly notes: readonly string[];
  /** Characters of thought text received (for token estimates). */
  readonly thoughtChars: number;
}

/** True for a finding that means the API blocked or stopped the output (SAFETY, RECITATION, a blocked prompt). */
export function isBlockFinding(finding: Finding): boolean {
  return BLOCKING_DETECTORS.includes(finding.detector) && finding.severity !== 'info';
}
