import { buildErrorBody } from './error-body.js';
import { chunksReply } from './reply-builders.js';
import { parseRoute, type Route } from './request-parsing.js';
import type { FakeRequest, Scenario, ScenarioReply } from './types.js';

/**
 * A recorded exchange in the js-genai test-server format (the files of `corpus/genai-wire/`):
 * response `bodySegments` hold one parsed JSON per SSE `data:` event, or the one JSON body.
 */
export interface GenaiWireInteraction {
  readonly request: {
    readonly method?: string;
    /** Path and query, e.g. `/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse`. */
    readonly url: string;
    readonly bodySegments?: readonly unknown[];
  };
  readonly response: {
    readonly statusCode: number;
    readonly headers?: Readonly<Record<string, string>>;
    readonly bodySegments: readonly unknown[];
  };
}

/** A whole recording: one or more interactions, in the order they happened. */
export interface GenaiWireRecording {
  readonly recordID?: string;
  readonly interactions: readonly GenaiWireInteraction[];
}

/**
 * A scenario that replays `recording`: the nth request it answers gets the nth interaction.
 * Successful streams are sent as SSE events (one per body segment), successful non-stream
 * replies as the one JSON body, and errors with the recorded status, content type and body.
 * A request for another model or method than recorded gets a 400 naming both; requests past the
 * end get a 500. Throws `TypeError` at once when `recording` does not have that shape.
 */
export function replayScenario(recording: GenaiWireRecording): Scenario {
  const interactions = checkRecording(recording);
  let next = 0;
  return (request) => {
    const position = next;
    next += 1;
    const interaction = interactions[position];
    if (!interaction) {
      const message = `replay exhausted: the recording has ${interactions.length} interaction(s)`;
      return { kind: 'error', httpStatus: 500, body: buildErrorBody(500, { message }) };
    }
    const expected = routeOf(interaction);
    if (!sameRoute(expected, request)) {
      const message = `replay mismatch at interaction ${position + 1}: recorded ${interaction.request.url}, got ${request.path}`;
      return { kind: 'error', httpStatus: 400, body: buildErrorBody(400, { message }) };
    }
    return replyOf(interaction);
  };
}

/** The route the interaction was recorded on (its URL's path, without the query). */
export function routeOf(interaction: GenaiWireInteraction): Route | undefined {
  const path = interaction.request.url.split('?')[0] ?? '';
  return parseRoute(interaction.request.method ?? 'POST', path);
}

function sameRoute(expected: Route | undefined, request: FakeRequest): boolean {
  return expected !== undefined && expected.model === request.model && expected.method === request.method;
}

function replyOf(interaction: GenaiWireInteraction): ScenarioReply {
  const { statusCode, bodySegments } = interaction.response;
  if (statusCode >= 400) {
    const body =
      bodySegments.length === 1
        ? JSON.stringify(bodySegments[0])
        : bodySegments.map((segment) => JSON.stringify(segment)).join('\n');
    return { kind: 'raw', httpStatus: statusCode, contentType: contentTypeOf(interaction), body };
  }
  return chunksReply(bodySegments as readonly Record<string, unknown>[]);
}

function contentTypeOf(interaction: GenaiWireInteraction): string {
  for (const [name, value] of Object.entries(interaction.response.headers ?? {})) {
    if (name.toLowerCase() === 'content-type') return value;
  }
  return 'application/json; charset=UTF-8';
}

function checkRecording(recording: GenaiWireRecording): readonly GenaiWireInteraction[] {
  const interactions: unknown = (recording as { interactions?: unknown } | null)?.interactions;
  if (!Array.isArray(interactions) || interactions.length === 0) {
    throw new TypeError('replayScenario: the recording needs a non-empty `interactions` array');
  }
  interactions.forEach((interaction: unknown, position) => {
    const entry = interaction as Partial<GenaiWireInteraction> | null;
    const ok =
      typeof entry?.request?.url === 'string' &&
      typeof entry.response?.statusCode === 'number' &&
      Array.isArray(entry.response.bodySegments) &&
      entry.response.bodySegments.every(
        (segment) => typeof segment === 'object' && segment !== null && !Array.isArray(segment),
      );
    if (!ok) {
      throw new TypeError(
        `replayScenario: interaction ${position} needs request.url, response.statusCode and response.bodySegments (JSON objects)`,
      );
    }
  });
  return interactions as readonly GenaiWireInteraction[];
}
