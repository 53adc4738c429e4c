import type { GenerateContentParameters, GenerateContentResponse } from '@google/genai';
import { collectRequestTexts } from '../request/request-texts.js';
import type { AttemptRecord } from './attempt-record.js';
import type { ErrorKind } from './classify-error.js';
import type { Scrubber } from './scrub.js';

/**
 * One line of the request log: what the troubleshooting guide says to log (status, time, model,
 * SDK version, request id), never the API key, and the prompt only when the caller opts in.
 */
export interface RequestLogRecord {
  /** When the attempt started, ISO 8601 (from the call's clock). */
  readonly time: string;
  readonly attempt: number;
  readonly model: string | undefined;
  readonly stream: boolean;
  /** `abandoned`: the consumer stopped reading a stream before it ended. */
  readonly outcome: 'success' | 'failure' | 'abandoned';
  /** 200 on success; the error's status on failure; `undefined` when no response came (network, timeout). */
  readonly httpStatus: number | undefined;
  readonly apiStatus: string | undefined;
  readonly errorKind: ErrorKind | undefined;
  readonly durationMs: number;
  /** The `@google/genai` version, e.g. `3.1.0`, or `unknown`. */
  readonly sdkVersion: string;
  /** `responseId` of the response, else a request-id header; `undefined` when neither came. */
  readonly requestId: string | undefined;
  /** The prompt's texts joined by blank lines, scrubbed; present only with `logPrompts: true`. */
  readonly prompt?: string;
}

/** Receives one {@link RequestLogRecord} per attempt. */
export type RequestLogger = (record: RequestLogRecord) => void;

/** Response headers that carry a request id on Google front ends and common proxies. */
const REQUEST_ID_HEADERS = ['x-request-id', 'x-goog-request-id', 'request-id', 'x-amzn-requestid'] as const;
const SDK_LABEL = /google-genai-sdk\/(\S+)/;

/**
 * The SDK version, read from the user-agent header the SDK's client builds (its only runtime
 * source: the SDK exports no version constant). `unknown` when the client does not expose it.
 */
export function sdkVersionOf(models: unknown): string {
  try {
    const client = (
      models as { apiClient?: { getDefaultHeaders?: () => Record<string, string> } } | undefined
    )?.apiClient;
    const headers = client?.getDefaultHeaders?.();
    const label = headers?.['x-goog-api-client'] ?? headers?.['User-Agent'] ?? '';
    return SDK_LABEL.exec(label)?.[1] ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** The response's request id: `responseId`, else the first request-id-like response header. */
export function requestIdOf(response: GenerateContentResponse | undefined): string | undefined {
  if (response === undefined) return undefined;
  if (typeof response.responseId === 'string' && response.responseId.length > 0) return response.responseId;
  const headers = response.sdkHttpResponse?.headers;
  if (headers === undefined) return undefined;
  for (const name of REQUEST_ID_HEADERS) {
    const value = headers[name] ?? findHeader(headers, name);
    if (typeof value === 'string' && value.length > 0) return value;
  }
  return undefined;
}

function findHeader(headers: Record<string, string>, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value;
  return undefined;
}

/** What {@link createRequestLog} needs to know about the call. */
export interface RequestLogSetup {
  readonly logger: RequestLogger | undefined;
  readonly logPrompts: boolean;
  readonly sdkVersion: string;
  readonly stream: boolean;
  readonly params: GenerateContentParameters;
  readonly scrub: Scrubber;
}

/** A function that turns an attempt record (and the response, if one came) into a log line and sends it. */
export function createRequestLog(
  setup: RequestLogSetup,
): (record: AttemptRecord, response: GenerateContentResponse | undefined) => void {
  const { logger } = setup;
  if (logger === undefined) return () => {};
  const prompt = setup.logPrompts
    ? setup.scrub(
        collectRequestTexts(setup.params)
          .filter((entry) => entry.source !== 'schema')
          .map((entry) => entry.text)
          .join('\n\n'),
      )
    : undefined;
  return (record, response) => {
    const failed = record.classification;
    const requestId = requestIdOf(response);
    logger({
      time: new Date(record.startedAt).toISOString(),
      attempt: record.attempt,
      model: record.model,
      stream: setup.stream,
      outcome: record.outcome,
      httpStatus: record.outcome === 'success' ? 200 : failed?.httpStatus,
      apiStatus: failed?.apiStatus,
      errorKind: failed?.kind,
      durationMs: record.durationMs,
      sdkVersion: setup.sdkVersion,
      requestId: requestId === undefined ? undefined : setup.scrub(requestId),
      ...(prompt === undefined ? {} : { prompt }),
    });
  };
}
