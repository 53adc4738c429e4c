import type { GenerateContentParameters, GenerateContentResponse } from '@google/genai';
import { attemptParams } from './attempt-params.js';
import {
  type ResilientCallInfo,
  type ResilientOptions,
  resolveResilientOptions,
  setUpCall,
} from './resilient-call.js';

/** The part of `ai.models` that {@link resilientGenerateContent} calls. */
export interface GeneratingModels {
  generateContent(params: GenerateContentParameters): Promise<GenerateContentResponse>;
}

/** What {@link resilientGenerateContent} resolves to. */
export interface ResilientResult extends ResilientCallInfo {
  readonly response: GenerateContentResponse;
}

/**
 * `ai.models.generateContent` with the guide's retry policy: 429, 500, 503, 504 and dropped
 * connections are retried with bounded exponential backoff and full jitter (a RetryInfo delay
 * is honoured, capped by `maxServerDelayMs`); 400, 403 and 404 are never retried. After a 504
 * (or a client timeout) the next attempt gets a larger `httpOptions.timeout`; after repeated
 * 500/503 the call moves along `fallbackModels`, and the result names the model that answered.
 *
 * The SDK's own retry is kept off: `httpOptions.retryOptions` is removed from the request (a
 * note says so) and never set. `options.signal` and the request's `config.abortSignal` both
 * cancel the call and any wait at once (`CallAbortedError`). Failing for good rejects with
 * `ApiCallError` (classification, advice, every attempt). No API key appears in any error,
 * record or log line.
 *
 * @example
 * const { response, model, attempts } = await resilientGenerateContent(ai.models, {
 *   model: 'gemini-2.5-pro', contents: 'Hello',
 * }, { fallbackModels: ['gemini-2.5-flash'], onRequestLog: (line) => console.log(line) });
 */
export async function resilientGenerateContent(
  models: GeneratingModels,
  params: GenerateContentParameters,
  options?: ResilientOptions,
): Promise<ResilientResult> {
  const { engine, noteResponse, logEnd } = setUpCall(models, params, resolveResilientOptions(options), false);
  while (true) {
    const plan = engine.begin();
    let response: GenerateContentResponse;
    try {
      response = await models.generateContent(attemptParams(params, plan));
    } catch (error) {
      await engine.fail(plan, error);
      continue;
    }
    noteResponse(plan.attempt, response);
    logEnd(engine.succeed(plan));
    return { response, model: plan.model, attempts: [...engine.attempts], notes: [...engine.notes] };
  }
}
