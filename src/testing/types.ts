/**
 * Public types of the loopback Gemini server (`gemini-output-guard/testing`). Replies are plain
 * data, discriminated on `kind`, so a scenario can build them by hand or with the reply builders.
 */

/** The two Gemini generation methods the fake serves. */
export type GenerateMethod = 'generateContent' | 'streamGenerateContent';

/**
 * One request the fake received, kept for assertions. The API key is never stored: the
 * `x-goog-api-key` and `authorization` headers and a `key` query parameter are removed, and
 * `hasApiKey` says whether a key was sent. The last four fields change while the reply plays.
 */
export interface FakeRequest {
  /** 1-based, in arrival order. */
  readonly id: number;
  readonly method: GenerateMethod;
  /** The path segment before `models/` (`v1`, `v1beta`, ...); empty when there is none. */
  readonly apiVersion: string;
  /** The model name without its `models/` prefix, as it appeared in the path. */
  readonly model: string;
  readonly stream: boolean;
  /** The URL path, including any base-URL prefix, without the query string. */
  readonly path: string;
  /** Query parameters (a `key` parameter is removed). */
  readonly query: Readonly<Record<string, string>>;
  /** Request headers, names in lower case, credentials removed. */
  readonly headers: Readonly<Record<string, string>>;
  /** Whether the request carried an API key (header or `key` query parameter). */
  readonly hasApiKey: boolean;
  /** The parsed JSON body: `contents`, `systemInstruction`, `generationConfig`, `tools`, ... */
  readonly body: Readonly<Record<string, unknown>>;
  /** `Date.now()` when the request arrived. */
  readonly receivedAt: number;
  /** Data chunks the reply means to send (1 for a non-stream body, 0 for an error). */
  readonly chunksPlanned: number;
  /** Data chunks written so far. */
  readonly chunksSent: number;
  /** True when the client closed the connection before the server finished the scripted reply. */
  readonly clientDisconnected: boolean;
  /** True once the server played the whole scripted reply (a scripted fault included). */
  readonly completed: boolean;
  /** The message of the error a scenario threw (answered with 500 INTERNAL), if one did. */
  readonly scenarioError?: string;
}

/** What a {@link Scenario} knows besides the request. */
export interface ScenarioContext {
  /**
   * A pseudo-random number in [0, 1). Seeded from `options.seed` and the request's position,
   * so the same seed and the same request order give the same numbers.
   */
  random(): number;
  /** 1-based count of requests this server has received for this model and method. */
  readonly attempt: number;
  /** 0-based position of this request among all requests (its index in `requests`). */
  readonly requestIndex: number;
  readonly model: string;
  readonly stream: boolean;
}

/** Decides the reply to one request. May be async. */
export type Scenario = (
  request: FakeRequest,
  context: ScenarioContext,
) => ScenarioReply | Promise<ScenarioReply>;

/**
 * How a reply misbehaves. At most one of the three `...AfterChunks` faults may be set; each
 * stops the reply after that many data chunks.
 */
export interface StreamFaults {
  /** Wait this long before each data chunk (overrides the server's `chunkDelayMs`). */
  readonly chunkDelayMs?: number;
  /** Wait this long before sending the status line and headers. */
  readonly headersDelayMs?: number;
  /** Destroy the socket after this many chunks (the SDK sees `TypeError: terminated`). */
  readonly dropAfterChunks?: number;
  /** Send `data: {"error":{...}}` after this many chunks, then end the stream. */
  readonly errorEventAfterChunks?: number;
  /** The error of `errorEventAfterChunks` (default 503 UNAVAILABLE). */
  readonly errorEvent?: ErrorReplyOptions & { readonly status?: number };
  /** Send a truncated JSON event after this many chunks, then end the stream. */
  readonly malformedAfterChunks?: number;
}

/** The terminal fault of a reply, once validated (see {@link StreamFaults}). */
export type TerminalFault =
  | { readonly kind: 'drop'; readonly afterChunks: number }
  | { readonly kind: 'error-event'; readonly afterChunks: number; readonly error: GoogleErrorBody }
  | { readonly kind: 'malformed'; readonly afterChunks: number };

/** Timing and the terminal fault of a chunked reply. */
export interface ReplyFaults {
  readonly chunkDelayMs?: number;
  readonly headersDelayMs?: number;
  readonly fault?: TerminalFault;
}

/**
 * A successful reply as wire chunks (`GenerateContentResponse` JSON objects). The stream
 * endpoint sends each as one SSE event; the non-stream endpoint sends them merged into one body.
 */
export interface ChunksReply {
  readonly kind: 'chunks';
  readonly chunks: readonly Readonly<Record<string, unknown>>[];
  readonly faults: ReplyFaults;
  /**
   * When true the server completes each chunk from the request: `promptTokenCount` (and
   * `totalTokenCount`) in `usageMetadata`, and `modelVersion` when it is missing.
   */
  readonly fillFromRequest: boolean;
}

/** An API error (`{"error":{code,message,status,details}}`) with its HTTP status. */
export interface ErrorReply {
  readonly kind: 'error';
  readonly httpStatus: number;
  readonly body: GoogleErrorBody;
  readonly headersDelayMs?: number;
}

/** A verbatim HTTP response (used to replay recordings byte for byte where it matters). */
export interface RawReply {
  readonly kind: 'raw';
  readonly httpStatus: number;
  readonly contentType: string;
  readonly body: string;
  readonly headersDelayMs?: number;
}

/** Everything a scenario can answer. */
export type ScenarioReply = ChunksReply | ErrorReply | RawReply;

/** The Google API error envelope. */
export interface GoogleErrorBody {
  readonly error: {
    readonly code: number;
    readonly message: string;
    readonly status: string;
    readonly details?: readonly Readonly<Record<string, unknown>>[];
  };
}

/** Options of {@link ErrorReply} builders. */
export interface ErrorReplyOptions {
  /** Defaults to a short message for the status. */
  readonly message?: string;
  /** The canonical status string; defaults from the HTTP status (400 → INVALID_ARGUMENT, ...). */
  readonly apiStatus?: string;
  /** Adds a `google.rpc.RetryInfo` detail; a number is seconds (`2` → `"2s"`). */
  readonly retryDelay?: string | number;
  /** Extra `details` entries, each with its `@type`. */
  readonly details?: readonly Readonly<Record<string, unknown>>[];
}

/** Options of `startFakeGemini`. */
export interface FakeGeminiOptions {
  /** Decides every reply; defaults to a short plain-text answer. */
  readonly scenario?: Scenario;
  /** Seed of `context.random()` (default 1). */
  readonly seed?: number;
  /** Default wait before each streamed chunk, in ms (default 0). */
  readonly chunkDelayMs?: number;
  /** TCP port on 127.0.0.1 (default 0: any free port). */
  readonly port?: number;
}

/** A running fake server. */
export interface FakeGemini {
  /** `http://127.0.0.1:<port>`: pass it as the SDK's `httpOptions.baseUrl`. */
  readonly baseUrl: string;
  /** Every request received so far, in arrival order (live objects). */
  readonly requests: readonly FakeRequest[];
  /** Replace the scenario for the requests that follow. */
  setScenario(scenario: Scenario): void;
  /** Resolves once every response so far has completed or its client has gone. */
  settled(): Promise<void>;
  /** Stop timers, destroy every connection and close the server. */
  close(): Promise<void>;
}
