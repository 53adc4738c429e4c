import type {
  Content,
  CreateChatParameters,
  GenerateContentConfig,
  GenerateContentParameters,
  GenerateContentResponse,
  SendMessageParameters,
} from '@google/genai';
import { createToolCallTracker, type ToolCallTracker } from '../../detectors/tool-call-tracker.js';
import { normalizeHistory } from '../history.js';
import { toolTurnsStart } from '../normalize.js';
import { toContentList } from '../remediation/continuation.js';
import type { RemediationPlan } from '../remediation/plan-types.js';
import type { GuardSettings } from './guard-options.js';
import type { RunExtras } from './guard-run.js';
import type { GuardResult } from './guard-types.js';
import { type GuardedContentStream, guardedStreamEvents, toContentStream } from './guarded-stream.js';
import { type GuardableClient, runGuardedCall } from './unary-call.js';

/** Session key of the tool-call tracker (the `tool-call-loop` detector reads it). */
const TRACKER_KEY = 'tool-call-loop';

/**
 * A multi-turn conversation with every turn guarded, for agent loops. Model turns are kept and
 * replayed exactly as the API returned them (every part, `thoughtSignature` included, which
 * Gemini 3 requires on function-call parts). Tool calls are tracked across turns: each attempt's
 * tool-call tracker is rebuilt from the accepted history, so a loop that spans turns is caught
 * and calls of rejected attempts never count.
 */
export interface GuardedChat {
  /** Send a message and get the guarded response (the SDK's `sendMessage` signature). */
  sendMessage(params: SendMessageParameters): Promise<GenerateContentResponse>;
  /** Send a message and stream the guarded response; the history is updated when the stream ends. */
  sendMessageStream(params: SendMessageParameters): Promise<GuardedContentStream>;
  /** The accepted turns: user messages and model turns, model parts unchanged. */
  getHistory(): Content[];
  /** The full result of the last message (attempts, findings, totals). */
  readonly lastResult: GuardResult | undefined;
}

/**
 * Create a guarded chat. `config` is the chat's config; a per-message `config` replaces it for
 * that message, as in the SDK. Fixes that made a turn clean are applied to later turns too. A turn
 * that ends without an accepted answer (degraded or blocked) is not added to the history, like
 * the SDK's curated history, so the message can be sent again.
 */
export function createGuardedChat(
  client: GuardableClient,
  settings: GuardSettings,
  params: CreateChatParameters,
): GuardedChat {
  return new GuardedChatSession(client, settings, params);
}

class GuardedChatSession implements GuardedChat {
  private readonly history: Content[];
  private last: GuardResult | undefined;
  // Fixes that made a turn clean stay for the turns after it: the cause (a table habit, a tool loop) persists.
  private plan: RemediationPlan | undefined;

  constructor(
    private readonly client: GuardableClient,
    private readonly settings: GuardSettings,
    private readonly params: CreateChatParameters,
  ) {
    this.history = [...(params.history ?? [])];
  }

  get lastResult(): GuardResult | undefined {
    return this.last;
  }

  async sendMessage(message: SendMessageParameters): Promise<GenerateContentResponse> {
    const { request, user } = this.prepare(message);
    const result = await runGuardedCall(this.client, request, this.settings, this.extras(user));
    this.record(user, result);
    return result.response;
  }

  async sendMessageStream(message: SendMessageParameters): Promise<GuardedContentStream> {
    const { request, user } = this.prepare(message);
    const stream = await toContentStream(
      guardedStreamEvents(this.client, request, this.settings, this.extras(user)),
    );
    stream.result.then((result) => this.record(user, result)).catch(() => {});
    return stream;
  }

  getHistory(): Content[] {
    return this.history.map((content) => ({ ...content, parts: [...(content.parts ?? [])] }));
  }

  private prepare(message: SendMessageParameters): { request: GenerateContentParameters; user: Content } {
    const user: Content = {
      role: 'user',
      parts: toContentList(message.message).flatMap((item) => item.parts ?? []),
    };
    const config: GenerateContentConfig | undefined = message.config ?? this.params.config;
    const request: GenerateContentParameters = {
      model: this.params.model,
      contents: [...this.history, user],
      ...(config === undefined ? {} : { config }),
    };
    return { request, user };
  }

  private extras(user: Content): RunExtras {
    return {
      sessionFor: () => sessionOf(this.history, user),
      ...(this.plan === undefined ? {} : { initialPlan: this.plan }),
    };
  }

  private record(user: Content, result: GuardResult): void {
    this.last = result;
    this.plan = result.attempts[result.chosen - 1]?.plan ?? this.plan;
    const content = result.response.candidates?.[0]?.content;
    if (!result.ok || content === undefined) return;
    this.history.push(...toolTurns(result.response, this.history.length, user));
    this.history.push({ ...content, role: content.role ?? 'model' });
  }
}

/**
 * The turns a response adds before its own content: the user message and, when the SDK ran tools
 * itself (automatic function calling with a CallableTool), each model turn of calls with the turn
 * of results it sent. A non-stream call's history starts with the request's turns (the `sent`
 * accepted ones and the message), and the pairs of call and result turns after them are new; a
 * merged stream's history holds only those pairs (see `mergeResponses`). As the SDK's own chat
 * does, they are kept, so later turns see what the tools said.
 */
function toolTurns(response: GenerateContentResponse, sent: number, user: Content): Content[] {
  const history = response.automaticFunctionCallingHistory;
  if (!Array.isArray(history)) return [user];
  const start = toolTurnsStart(history, toolTurnsStart(history) === 0 ? 0 : sent + 1);
  return [user, ...history.slice(start)];
}

/** A fresh session whose tool-call tracker has seen every accepted turn and the new message. */
function sessionOf(history: readonly Content[], user: Content): Record<string, unknown> {
  return { [TRACKER_KEY]: trackerFrom([...history, user]) };
}

/** A tracker fed the calls, results and user messages of `turns`. */
export function trackerFrom(turns: readonly Content[]): ToolCallTracker {
  const tracker = createToolCallTracker();
  for (const event of normalizeHistory(turns)) {
    const id = 'id' in event && event.id !== undefined ? { id: event.id } : {};
    if (event.type === 'function-call')
      tracker.recordCall({ name: event.name, args: event.args, ...id }, event.offset);
    else if (event.type === 'function-response')
      tracker.recordResult({ name: event.name, ...id }, event.response);
    else if (event.type === 'user-turn') tracker.userMessage();
  }
  return tracker;
}
