import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { parseOptions } from '../options.js';
import { buildErrorBody } from './error-body.js';
import { JSON_CONTENT_TYPE, type LiveCounters, type Playback } from './playback.js';
import { createRandom, seedFor } from './random.js';
import { textReply } from './reply-builders.js';
import { fakeGeminiOptionsSchema } from './reply-schemas.js';
import { parseRoute, type Route, readBody, recordableHeaders, recordableQuery } from './request-parsing.js';
import { playReply } from './sse-writer.js';
import type {
  FakeGemini,
  FakeGeminiOptions,
  FakeRequest,
  Scenario,
  ScenarioContext,
  ScenarioReply,
} from './types.js';
import { fillChunk, promptTokensOf } from './wire.js';

/** The answer of the default scenario. */
export const DEFAULT_REPLY_TEXT = 'Hello from the fake Gemini server.';

const defaultScenario: Scenario = () => textReply({ text: DEFAULT_REPLY_TEXT });

/** A request record whose live fields the server updates. */
type LiveRequest = { -readonly [Key in keyof FakeRequest]: FakeRequest[Key] } & LiveCounters;

interface ServerState {
  scenario: Scenario;
  readonly seed: number;
  readonly chunkDelayMs: number;
  readonly requests: LiveRequest[];
  readonly attempts: Map<string, number>;
  /** One per response in flight; aborted by a client disconnect or by `close()`. */
  readonly controllers: Set<AbortController>;
  readonly pending: Set<Promise<void>>;
  /** Set by `close()`: connections it cuts are not the client's doing. */
  closing: boolean;
}

/**
 * Start a loopback server that answers like the Gemini API: `POST .../{version}/models/{model}:
 * generateContent` and `...:streamGenerateContent?alt=sse`, any version segment and any base-URL
 * prefix. Replies come from `options.scenario` (see the reply builders).
 *
 * @example
 * const fake = await startFakeGemini({ scenario: () => textReply({ chunks: ['Hel', 'lo'] }) });
 * const ai = createTestClient(fake.baseUrl);
 * // ... call ai.models.generateContentStream(...), then assert on fake.requests
 * await fake.close();
 */
export async function startFakeGemini(options: FakeGeminiOptions = {}): Promise<FakeGemini> {
  parseOptions(fakeGeminiOptionsSchema, options, 'startFakeGemini options');
  const state: ServerState = {
    scenario: options.scenario ?? defaultScenario,
    seed: options.seed ?? 1,
    chunkDelayMs: options.chunkDelayMs ?? 0,
    requests: [],
    attempts: new Map(),
    controllers: new Set(),
    pending: new Set(),
    closing: false,
  };
  const server = createServer((request, response) => {
    const handled = handle(state, request, response).catch(() => {
      // A failure after the headers went out: the only thing left to do is cut the connection.
      response.destroy();
    });
    state.pending.add(handled);
    void handled.finally(() => state.pending.delete(handled));
  });
  const sockets = trackSockets(server);
  const port = await listen(server, options.port ?? 0);
  let closing: Promise<void> | undefined;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests: state.requests,
    setScenario(scenario) {
      state.scenario = scenario;
    },
    settled: () => settle(state),
    close() {
      closing ??= shutDown(state, server, sockets);
      return closing;
    },
  };
}

/** Every open connection, so `close()` can cut keep-alive sockets the client still holds. */
function trackSockets(server: Server): Set<Socket> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return sockets;
}

/** Listen on 127.0.0.1 and resolve with the port actually bound. */
async function listen(server: Server, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  return typeof address === 'object' && address ? address.port : port;
}

/** Stop every reply's timers, cut every connection, close the server and wait for the handlers. */
async function shutDown(state: ServerState, server: Server, sockets: Set<Socket>): Promise<void> {
  state.closing = true;
  for (const controller of state.controllers) controller.abort();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  for (const socket of sockets) socket.destroy();
  await closed;
  await settle(state);
}

/** Wait until no handler is running, including ones that start while waiting. */
async function settle(state: ServerState): Promise<void> {
  while (state.pending.size > 0) await Promise.allSettled([...state.pending]);
}

/** Answer an error outside any scenario (bad path, bad body) as JSON. */
function sendApiError(response: ServerResponse, status: number, message: string): void {
  if (response.headersSent || response.destroyed) return;
  const body = JSON.stringify(buildErrorBody(status, { message }));
  response.writeHead(status, {
    'content-type': JSON_CONTENT_TYPE,
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
}

async function handle(state: ServerState, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const route = parseRoute(request.method, url.pathname);
  if (!route) {
    sendApiError(
      response,
      404,
      `${request.method ?? 'GET'} ${url.pathname} is not a Gemini generate endpoint.`,
    );
    return;
  }
  const text = await readBody(request);
  if (text === 'aborted') return;
  if (text === 'too-large') {
    sendApiError(response, 400, 'Request payload size exceeds the limit.');
    return;
  }
  const body = parseBody(text);
  if (!body) {
    sendApiError(response, 400, 'Invalid JSON payload received: the body must be one JSON object.');
    return;
  }
  if (route.stream && url.searchParams.get('alt') !== 'sse') {
    sendApiError(response, 400, 'The fake serves streams only as server-sent events: add ?alt=sse.');
    return;
  }
  const record = recordRequest(state, request, url, route, body);
  await serve(state, record, response);
}

function parseBody(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function recordRequest(
  state: ServerState,
  request: IncomingMessage,
  url: URL,
  route: Route,
  body: Record<string, unknown>,
): LiveRequest {
  const { headers, hasApiKey } = recordableHeaders(request);
  const { query, hasKey } = recordableQuery(url.searchParams);
  const record: LiveRequest = {
    id: state.requests.length + 1,
    ...route,
    path: url.pathname,
    query,
    headers,
    hasApiKey: hasApiKey || hasKey,
    body,
    receivedAt: Date.now(),
    chunksPlanned: 0,
    chunksSent: 0,
    clientDisconnected: false,
    completed: false,
  };
  state.requests.push(record);
  return record;
}

/** Run the scenario for one recorded request and play its reply; resolves when the response closed. */
async function serve(state: ServerState, record: LiveRequest, response: ServerResponse): Promise<void> {
  const controller = new AbortController();
  state.controllers.add(controller);
  const closed = new Promise<void>((resolve) => {
    const onClose = () => {
      if (!record.completed && !state.closing) record.clientDisconnected = true;
      controller.abort();
      resolve();
    };
    response.on('finish', () => {
      record.completed = true;
    });
    response.on('close', onClose);
    // The client may have gone while the body was read, before these listeners existed.
    if (response.destroyed) onClose();
  });
  const playback: Playback = { response, signal: controller.signal, record };
  try {
    const reply = await runScenario(state, record);
    await playReply(playback, complete(reply, record), record.stream, state.chunkDelayMs);
    await closed;
  } finally {
    state.controllers.delete(controller);
  }
}

async function runScenario(state: ServerState, record: LiveRequest): Promise<ScenarioReply> {
  const key = `${record.model}\u0000${record.method}`;
  const attempt = (state.attempts.get(key) ?? 0) + 1;
  state.attempts.set(key, attempt);
  const requestIndex = record.id - 1;
  const context: ScenarioContext = {
    random: createRandom(seedFor(state.seed, requestIndex)),
    attempt,
    requestIndex,
    model: record.model,
    stream: record.stream,
  };
  try {
    const reply: unknown = await state.scenario(record, context);
    if (isScenarioReply(reply)) return reply;
    record.scenarioError = 'the scenario returned something that is not a ScenarioReply';
  } catch (error) {
    record.scenarioError = error instanceof Error ? error.message : String(error);
  }
  return { kind: 'error', httpStatus: 500, body: buildErrorBody(500, { message: 'fake scenario failed' }) };
}

function isScenarioReply(value: unknown): value is ScenarioReply {
  if (typeof value !== 'object' || value === null) return false;
  const kind = (value as { kind?: unknown }).kind;
  return kind === 'chunks' || kind === 'error' || kind === 'raw';
}

/** Fill request-dependent fields (prompt usage, model version) into a scripted reply. */
function complete(reply: ScenarioReply, record: LiveRequest): ScenarioReply {
  if (reply.kind !== 'chunks' || !reply.fillFromRequest) return reply;
  const promptTokens = promptTokensOf(record.body);
  return { ...reply, chunks: reply.chunks.map((chunk) => fillChunk(chunk, promptTokens, record.model)) };
}
