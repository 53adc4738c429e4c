import type { GenerateContentParameters, GenerateContentResponse } from '@google/genai';
import { type ExhaustedReason, GuardExhaustedError } from '../errors/guard-exhausted-error.js';
import { type Finding, SEVERITIES } from '../finding.js';
import type { InspectorOptions } from '../inspector.js';
import { applyPlan } from '../remediation/apply-plan.js';
import { cleanPrefix, continuationRequest } from '../remediation/continuation.js';
import { planRemediation } from '../remediation/plan-remediation.js';
import type { RemediationPlan } from '../remediation/plan-types.js';
import { collectSecrets, createScrubber, type Scrubber } from '../resilience/scrub.js';
import { verdictOf } from '../verdict.js';
import { type AttemptOutput, isBlockFinding, type PreparedAttempt } from './attempt-output.js';
import { attemptGuardConfig, checkSignal } from './attempt-request.js';
import { applyDegenerateMode } from './degenerate-modes.js';
import type { GuardSettings } from './guard-options.js';
import type { GuardAttempt, GuardResult, GuardStopReason } from './guard-types.js';
import { recordRequest } from './record-request.js';
import { answerText, finishReasonOf, usageOf, withPrefix } from './responses.js';
import { attemptTokens, estimateTokens, totalsOf } from './tokens.js';

/** What the drivers do after an attempt. */
export type Decision =
  | { readonly type: 'reask' }
  | { readonly type: 'done'; readonly result: GuardResult }
  | { readonly type: 'fail'; readonly error: Error };

/** Extra per-call wiring (the chat form gives each attempt a fresh tool-call session). */
export interface RunExtras {
  readonly sessionFor?: () => Readonly<Record<string, unknown>>;
  /** Fixes to apply from the first attempt on (the chat form keeps them across turns). */
  readonly initialPlan?: RemediationPlan;
}

/** An attempt as the run keeps it: the record plus what the result may need. */
interface Kept {
  readonly record: GuardAttempt;
  readonly response: GenerateContentResponse;
  readonly prefix: string;
}

/**
 * The state of one guarded call: numbering, the cumulative plan, the kept prefix, the records,
 * and the decision after each attempt. The drivers (unary, stream, chat) only move data between
 * it and the SDK.
 */
export class GuardRun {
  private readonly kept: Kept[] = [];
  private plan: RemediationPlan | undefined;
  private prefix = '';
  private pendingContinuation: { prefixChars: number; tokensSaved: number } | undefined;
  private readonly scrub: Scrubber;
  readonly notes: string[] = [];

  constructor(
    client: unknown,
    private readonly original: GenerateContentParameters,
    readonly settings: GuardSettings,
    private readonly extras: RunExtras = {},
  ) {
    this.scrub = createScrubber(collectSecrets((client as { models?: unknown }).models));
    this.plan = extras.initialPlan;
  }

  /** Every attempt so far. */
  get attempts(): GuardAttempt[] {
    return this.kept.map((entry) => entry.record);
  }

  /** The next attempt's request. Throws `CallAbortedError` if the call was cancelled. */
  prepare(): PreparedAttempt {
    checkSignal(this.settings.signal, this.original, this.attempts);
    const base = this.plan ? applyPlan(this.original, this.plan) : this.original;
    const continuing = this.prefix !== '';
    const request = continuing
      ? continuationRequest(base, this.prefix, this.settings.continuation?.instruction)
      : base;
    const used = this.attempts.reduce((sum, attempt) => sum + attempt.tokens.output, 0);
    return {
      attempt: this.kept.length + 1,
      kind: continuing ? 'continuation' : 'fresh',
      request: attemptGuardConfig(request, this.settings.tokenBudget, used),
      plan: this.plan,
      prefix: this.prefix,
    };
  }

  /** Inspector options for an attempt: the guard's detectors, the request's schema, a fresh session. */
  inspectorOptions(prepared: PreparedAttempt): InspectorOptions {
    const config = prepared.request.config;
    const schema = config?.responseJsonSchema ?? config?.responseSchema;
    const onFinding = this.settings.onFinding;
    const session = this.extras.sessionFor?.();
    return {
      ...this.settings.inspector,
      ...(schema === undefined ? {} : { schema }),
      ...(session === undefined ? {} : { session }),
      ...(onFinding === undefined
        ? {}
        : { onFinding: (finding: Finding) => onFinding(finding, prepared.attempt) }),
    };
  }

  /** Record an attempt and decide: accept, re-ask, or stop. */
  settle(prepared: PreparedAttempt, output: AttemptOutput): { record: GuardAttempt; decision: Decision } {
    this.notes.push(...output.notes.filter((note) => !this.notes.includes(note)));
    const base = this.baseRecord(prepared, output);
    const minimum = SEVERITIES.indexOf(this.settings.reaskOn);
    const blocking = output.findings.filter((finding) => SEVERITIES.indexOf(finding.severity) >= minimum);
    if (blocking.length === 0) {
      const record = this.keep({ ...base, outcome: 'accepted' }, output.response, prepared.prefix);
      const text = prepared.prefix + base.text;
      const response =
        prepared.prefix === '' ? output.response : withPrefix(output.response, prepared.prefix);
      return { record, decision: { type: 'done', result: this.result('accepted', record, response, text) } };
    }
    const handled = applyDegenerateMode(
      this.settings,
      base,
      output,
      prepared,
      this.inspectorOptions(prepared),
    );
    if (handled) {
      const record = this.keep(handled.record, output.response, prepared.prefix);
      if (handled.throw)
        return { record, decision: { type: 'fail', error: this.exhausted('degenerate', record) } };
      if (handled.accept) {
        const result = this.result(
          handled.stopReason,
          record,
          handled.response,
          handled.text,
          !handled.clean,
        );
        return { record, decision: { type: 'done', result } };
      }
    }
    return this.reaskOrStop(prepared, output, base, handled !== undefined);
  }

  private reaskOrStop(
    prepared: PreparedAttempt,
    output: AttemptOutput,
    base: GuardAttempt,
    recorded: boolean,
  ): { record: GuardAttempt; decision: Decision } {
    const plan = planRemediation(output.findings, prepared.request, {
      model: this.original.model,
      snippets: this.settings.snippets,
      ...(this.plan === undefined ? {} : { previous: this.plan }),
      ...(this.settings.safetyPolicy === undefined ? {} : { safetyPolicy: this.settings.safetyPolicy }),
    });
    const record = recorded
      ? base
      : this.keep({ ...base, outcome: 'rejected' }, output.response, prepared.prefix);
    const used = this.attempts.reduce((sum, attempt) => sum + attempt.tokens.output, 0);
    const stop: Exclude<ExhaustedReason, 'degenerate'> | undefined =
      plan.action === 'terminal'
        ? 'terminal'
        : plan.action === 'needs-safety-policy'
          ? 'needs-safety-policy'
          : this.kept.length >= this.settings.maxAttempts
            ? 'max-attempts'
            : this.settings.tokenBudget !== undefined && used >= this.settings.tokenBudget
              ? 'token-budget'
              : undefined;
    if (stop !== undefined) return { record, decision: this.stop(stop) };
    this.plan = plan;
    this.chooseContinuation(prepared, output, base);
    return { record, decision: { type: 'reask' } };
  }

  private chooseContinuation(prepared: PreparedAttempt, output: AttemptOutput, base: GuardAttempt): void {
    const options = this.settings.continuation;
    const clean =
      options && !output.findings.some(isBlockFinding) ? cleanPrefix(base.text, output.findings) : '';
    if (!options || clean.length < options.minPrefixChars) {
      this.prefix = '';
      this.pendingContinuation = undefined;
      return;
    }
    const reported = base.usage?.candidatesTokenCount;
    const share = base.text.length > 0 ? clean.length / base.text.length : 0;
    const tokensSaved = reported === undefined ? estimateTokens(clean.length) : Math.round(reported * share);
    this.prefix = prepared.prefix + clean;
    this.pendingContinuation = { prefixChars: this.prefix.length, tokensSaved };
  }

  private baseRecord(prepared: PreparedAttempt, output: AttemptOutput): GuardAttempt {
    const text = answerText(output.response);
    const usage = usageOf(output.response);
    const continuation = prepared.kind === 'continuation' ? this.pendingContinuation : undefined;
    return {
      attempt: prepared.attempt,
      kind: prepared.kind,
      request: recordRequest(prepared.request, this.scrub),
      plan: prepared.plan,
      model: output.model,
      findings: output.findings,
      verdict: verdictOf(output.findings),
      finishReason: finishReasonOf(output.response),
      usage,
      tokens: attemptTokens({
        usage,
        characters: text.length + output.thoughtChars,
        request: prepared.request,
        aborted: output.aborted !== undefined,
      }),
      aborted: output.aborted,
      text,
      outcome: 'rejected',
      transport: output.transport,
      ...(continuation === undefined ? {} : { continuation }),
    };
  }

  private keep(record: GuardAttempt, response: GenerateContentResponse, prefix: string): GuardAttempt {
    this.kept.push({ record, response, prefix });
    return record;
  }

  /** Stop without a clean answer: the best attempt as a degraded result, or the error. */
  private stop(reason: Exclude<ExhaustedReason, 'degenerate'>): Decision {
    const best = this.best();
    if (this.settings.onExhausted === 'throw' || best === undefined) {
      return { type: 'fail', error: this.exhausted(reason, best?.record) };
    }
    return { type: 'done', result: this.result(reason, best.record, best.response, usableText(best), true) };
  }

  /** The attempt with the longest usable answer (later attempts win ties). */
  private best(): Kept | undefined {
    let best: Kept | undefined;
    for (const entry of this.kept) {
      if (best === undefined || usableText(entry).length >= usableText(best).length) best = entry;
    }
    return best;
  }

  private exhausted(reason: ExhaustedReason, best?: GuardAttempt): Error {
    return new GuardExhaustedError(reason, this.attempts, best ?? this.best()?.record);
  }

  private result(
    stopReason: GuardStopReason,
    chosen: GuardAttempt,
    response: GenerateContentResponse,
    text: string,
    degraded = false,
  ): GuardResult {
    return {
      response,
      text,
      ok: !degraded,
      degraded,
      stopReason,
      chosen: chosen.attempt,
      findings: chosen.findings,
      attempts: this.attempts,
      // Output nobody can use (a blocked attempt returned as the best there was) is waste too.
      totals: totalsOf(this.attempts, degraded && text === '' ? undefined : chosen.attempt),
      notes: [...this.notes],
    };
  }
}

/** The answer a degraded result can show from an attempt: nothing when it was blocked, else its clean beginning. */
function usableText(entry: Kept): string {
  const { record } = entry;
  if (record.findings.some(isBlockFinding)) return '';
  return entry.prefix + cleanPrefix(record.text, record.findings);
}
