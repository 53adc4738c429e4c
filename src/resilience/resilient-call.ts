import type { GenerateContentParameters, GenerateContentResponse } from '@google/genai';
import { z } from 'zod';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import { parseOptions } from '../options.js';
import { prepareCall } from './attempt-params.js';
import type { AttemptRecord } from './attempt-record.js';
import { createRequestLog, type RequestLogger, sdkVersionOf } from './request-log.js';
import type { RetractHandler } from './retraction.js';
import { RetryEngine } from './retry-engine.js';
import { type ResolvedRetryOptions, type RetryOptions, retryOptionsSchema } from './retry-options.js';
import { collectSecrets } from './scrub.js';

const callback = <T>(what: string) =>
  z.custom<T>((value) => typeof value === 'function', { message: `${what} must be a function` });

/** Options schema of `resilientGenerateContent`. */
export const resilientOptionsSchema = retryOptionsSchema
  .omit({ model: true })
  .extend({
    onRequestLog: callback<RequestLogger>('onRequestLog').optional(),
    logPrompts: z.boolean().default(false),
    sdkVersion: z.string().min(1).optional(),
  })
  .strict();

/** Options schema of `resilientGenerateContentStream`. */
export const resilientStreamOptionsSchema = resilientOptionsSchema
  .extend({
    afterOutput: z.enum(['fail', 'retract']).default('fail'),
    onRetract: callback<RetractHandler>('onRetract').optional(),
  })
  .strict()
  .refine((options) => options.afterOutput !== 'retract' || options.onRetract !== undefined, {
    message: "afterOutput: 'retract' needs an onRetract handler, so the text already shown can be taken back",
    path: ['onRetract'],
  });

/** Options of `resilientGenerateContent`: the retry options (the model comes from the request) plus logging. */
export interface ResilientOptions extends Omit<RetryOptions, 'model'> {
  /** Receives one record per attempt (status, time, model, SDK version, request id). */
  readonly onRequestLog?: RequestLogger;
  /** Put the prompt's text in log records (default false: prompts can be private). */
  readonly logPrompts?: boolean;
  /** The SDK version to log (default: read from the client, else `unknown`). */
  readonly sdkVersion?: string;
}

/** What every resilient call resolves to. */
export interface ResilientCallInfo {
  /** The model that answered (after any fallback). */
  readonly model: string | undefined;
  /** Every attempt, the successful one last. */
  readonly attempts: readonly AttemptRecord[];
  /** What the wrapper changed or noticed (for example a removed `retryOptions`). */
  readonly notes: readonly string[];
}

/** A resilient call's engine and log, ready for the first attempt. */
export interface CallSetup {
  readonly engine: RetryEngine;
  /** Remember the latest response of an attempt, so its log line can name the request id. */
  readonly noteResponse: (attempt: number, response: GenerateContentResponse) => void;
  /** Log a success (or an abandoned stream) with its response. */
  readonly logEnd: (record: AttemptRecord) => void;
}

/** Validate the options once and build the engine, the log and the notes of one call. */
export function setUpCall(
  models: unknown,
  params: GenerateContentParameters,
  resolved: z.output<typeof resilientOptionsSchema>,
  stream: boolean,
): CallSetup {
  requireModel(params);
  const prepared = prepareCall(models, params);
  const signals = [resolved.signal, prepared.requestSignal].filter((item) => item !== undefined);
  const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
  const timeoutMs = resolved.timeoutMs ?? prepared.timeoutMs;
  const retry: ResolvedRetryOptions = {
    ...resolved,
    model: params.model,
    ...(signal === undefined ? {} : { signal }),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  };
  const responses = new Map<number, GenerateContentResponse>();
  let log: ReturnType<typeof createRequestLog> = () => {};
  const engine = new RetryEngine(retry, collectSecrets(models), (record) => {
    if (record.outcome === 'failure') log(record, responses.get(record.attempt));
  });
  engine.notes.push(...prepared.notes);
  log = createRequestLog({
    logger: resolved.onRequestLog,
    logPrompts: resolved.logPrompts,
    sdkVersion: resolved.sdkVersion ?? sdkVersionOf(models),
    stream,
    params,
    scrub: engine.scrub,
  });
  return {
    engine,
    noteResponse: (attempt, response) => {
      responses.set(attempt, response);
    },
    logEnd: (record) => log(record, responses.get(record.attempt)),
  };
}

/** Throw `InvalidRequestError` unless the request names a model. */
function requireModel(params: GenerateContentParameters): void {
  if (
    typeof params === 'object' &&
    params !== null &&
    typeof params.model === 'string' &&
    params.model !== ''
  )
    return;
  const message = 'The request needs a model id such as gemini-2.5-flash.';
  throw new InvalidRequestError([{ severity: 'error', code: 'model-missing', path: ['model'], message }]);
}

/** Validate resilient-call options; throws `InvalidOptionsError` naming each bad field. */
export function resolveResilientOptions(
  options: ResilientOptions | undefined,
): z.output<typeof resilientOptionsSchema> {
  return parseOptions(resilientOptionsSchema, options ?? {}, 'resilientGenerateContent options');
}
