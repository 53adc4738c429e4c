import type {
  CallableTool,
  FunctionCall,
  GenerateContentParameters,
  GenerateContentResponse,
  Part,
} from '@google/genai';
import { normalizeHistory } from '../history.js';
import type { Inspector } from '../inspector.js';
import type { GeneratingModels } from '../resilience/resilient-generate.js';
import { makeResponse } from './responses.js';

/** Thrown inside the SDK's tool loop to end it; turned back into a response before anyone sees it. */
class ToolLoopStop extends Error {
  constructor(readonly calls: readonly FunctionCall[]) {
    super('the guard stopped automatic function calling at a tool-call loop');
  }
}

/** A `CallableTool` as the SDK recognises one: an object with a `callTool` method. */
function isCallableTool(tool: unknown): tool is CallableTool {
  return (
    typeof tool === 'object' &&
    tool !== null &&
    'callTool' in tool &&
    typeof (tool as { callTool?: unknown }).callTool === 'function'
  );
}

/**
 * True when the SDK runs the request's tools itself: a CallableTool is in `config.tools` and
 * `automaticFunctionCalling` is not switched off (as the SDK decides, see SDK-NOTES).
 */
export function runsToolsItself(params: GenerateContentParameters): boolean {
  const config = params.config;
  const afc = config?.automaticFunctionCalling;
  if (afc?.disable === true) return false;
  const max = afc?.maximumRemoteCalls;
  if (max !== undefined && !(Number.isInteger(max) && max > 0)) return false;
  return Array.isArray(config?.tools) && config.tools.some(isCallableTool);
}

/**
 * Watches the tool calls the SDK runs by itself. With a `CallableTool` in `config.tools` (for
 * example from `mcpToTool`), `generateContent` calls the model, runs the tools, sends the results
 * and calls again, up to ten times by default, and returns only the last model turn: the calls
 * in between never reach the guard's inspector. The watch wraps each CallableTool so every call
 * and result goes to the attempt's inspector as it happens, and stops the SDK's loop before it
 * runs a call once the inspector has an abort-level finding (unless told only to watch): the
 * looping call is not executed and no further request is sent. The stopped call comes back as the attempt's response, a model
 * turn holding the calls the SDK was about to run.
 */
export class ToolCallWatch {
  private current: Inspector | undefined;
  /** Rounds of calls the SDK ran (or was stopped at) in the current transport attempt. */
  private rounds = 0;
  private stopped: readonly FunctionCall[] | undefined;

  /**
   * `inspect`: a fresh inspector for each transport attempt (a retried call starts over).
   * `stop`: false to watch without acting (`onDegenerate: 'report'`): the SDK's loop runs on.
   */
  constructor(
    private readonly inspect: () => Inspector,
    private readonly stop = true,
  ) {}

  /** The inspector of the last transport attempt (created on first use). */
  get inspector(): Inspector {
    this.current ??= this.inspect();
    return this.current;
  }

  /** True when the SDK ran tools: the response's own calls were seen already (or stopped). */
  get ranTools(): boolean {
    return this.rounds > 0;
  }

  /** A note for the attempt's record when the loop was stopped, else undefined. */
  get note(): string | undefined {
    if (this.stopped === undefined) return undefined;
    const names = [...new Set(this.stopped.map((call) => call.name ?? '?'))].join(', ');
    return `Stopped the SDK's automatic function calling before it ran ${names} again, after ${this.rounds - 1} rounds of tool calls.`;
  }

  /** The request with each CallableTool wrapped; the request itself when it has none. */
  request(params: GenerateContentParameters): GenerateContentParameters {
    const tools = params.config?.tools;
    if (!Array.isArray(tools) || !runsToolsItself(params)) return params;
    const first = tools.findIndex(isCallableTool);
    const wrapped = tools.map((tool, index) =>
      isCallableTool(tool) ? this.wrap(tool, index === first) : tool,
    );
    return { ...params, config: { ...params.config, tools: wrapped } };
  }

  /** `models` whose `generateContent` starts a fresh inspector and turns a stop into a response. */
  models(models: GeneratingModels): GeneratingModels {
    return {
      generateContent: async (params) => {
        this.current = this.inspect();
        this.rounds = 0;
        this.stopped = undefined;
        try {
          return await models.generateContent(params);
        } catch (error) {
          if (!(error instanceof ToolLoopStop)) throw error;
          return stoppedResponse(error.calls);
        }
      },
    };
  }

  /**
   * Wrap one CallableTool. The SDK hands every tool the same calls in each round, tools in list
   * order, so only the first tool reports the calls (and may stop the round); every tool reports
   * the results it returns. Everything else is the tool's own, its methods bound to it.
   */
  private wrap(tool: CallableTool, first: boolean): CallableTool {
    const callTool = async (calls: FunctionCall[]): Promise<Part[]> => {
      const inspector = this.inspector;
      if (first) {
        this.rounds += 1;
        for (const event of normalizeHistory([{ role: 'model', parts: calls.map(asCallPart) }]))
          inspector.push(event);
        if (this.stop && inspector.abortedBy !== undefined) {
          this.stopped = calls;
          throw new ToolLoopStop(calls);
        }
      }
      const parts = await tool.callTool(calls);
      const results = Array.isArray(parts)
        ? parts.filter((part) => part?.functionResponse !== undefined)
        : [];
      for (const event of normalizeHistory([{ role: 'user', parts: results }])) inspector.push(event);
      return parts;
    };
    return new Proxy(tool, {
      get(target, key) {
        if (key === 'callTool') return callTool;
        const value: unknown = Reflect.get(target, key, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }
}

function asCallPart(call: FunctionCall): Part {
  return { functionCall: call };
}

/** The response of a stopped attempt: the model turn whose calls were not run. */
function stoppedResponse(calls: readonly FunctionCall[]): GenerateContentResponse {
  return makeResponse({
    candidates: [{ content: { role: 'model', parts: calls.map(asCallPart) }, index: 0 }],
  });
}
