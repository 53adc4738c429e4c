import type { GenerateContentParameters } from '@google/genai';
import { z } from 'zod';
import { parseOptions } from '../../options.js';
import { modelFamily } from '../../remediation/model-family.js';
import { DEFAULT_SNIPPETS, type SnippetTexts } from '../../remediation/snippets.js';
import { GEMINI_3_TEMPERATURE } from '../../remediation/temperature.js';
import type { Scenario, ScenarioContext, ScenarioReply } from '../types.js';

/** The failure modes the scenario library plays, one scenario each. */
export type FailureMode =
  | 'table-hyphens'
  | 'table-padding'
  | 'newline-flood'
  | 'schema-order'
  | 'tool-call-loop'
  | 'text-loop'
  | 'safety'
  | 'recitation'
  | 'prompt-blocked';

/**
 * Wait between the chunks of a misbehaving stream. With a few milliseconds per chunk the runaway
 * lasts long enough that a client which aborts early visibly disconnects before the server has
 * written the whole script (the server records `clientDisconnected`).
 */
export const DEFAULT_RUNAWAY_CHUNK_DELAY_MS = 2;

/** Options every failure scenario takes. */
export interface FailureScenarioOptions {
  /**
   * Probability that a request WITHOUT the remedy misbehaves (default 1: always). Drawn from the
   * server's seeded `random()`, so a seed gives a reproducible simulation.
   */
  readonly failureRate?: number;
  /** Probability that a request WITH the remedy still misbehaves (default 0: never). */
  readonly residualRate?: number;
  /** Wait before each chunk of a misbehaving stream, in ms (default {@link DEFAULT_RUNAWAY_CHUNK_DELAY_MS}). */
  readonly chunkDelayMs?: number;
  /** Snippet texts the remedy check looks for (default: the bundled ones). */
  readonly snippets?: SnippetTexts;
}

/** One failure mode: how to trigger it, what fixes it, and the scenario that plays it. */
export interface FailureScenario {
  readonly id: FailureMode;
  /** One line for people. */
  readonly title: string;
  /** The documented remedy the scenario waits for, in words. */
  readonly remedy: string;
  /** Whether a re-ask with the remedy can fix it (false for a prompt blocked with OTHER). */
  readonly remediable: boolean;
  /** A request that triggers the failure (defaults to a Gemini 2.5 model). */
  request(model?: string): GenerateContentParameters;
  /** Whether a request body as received carries the remedy, for a request to `model`. */
  isRemedied(body: Readonly<Record<string, unknown>>, model: string, snippets?: SnippetTexts): boolean;
  /** The loopback-server scenario: misbehaves until the remedy is in the request. */
  create(options?: FailureScenarioOptions): Scenario;
}

/** The model failure requests go to unless told otherwise. */
export const DEFAULT_SCENARIO_MODEL = 'gemini-2.5-flash';

/**
 * The temperature a failure request starts at: 0.3, what callers often set for steady output
 * (below the guide's 0.8), except on Gemini 3, where callers are told to keep the default 1.0.
 */
export function startTemperature(model: string): number {
  return modelFamily(model).name === 'gemini-3' ? GEMINI_3_TEMPERATURE : LOW_TEMPERATURE;
}

const LOW_TEMPERATURE = 0.3;

const optionsSchema = z
  .object({
    failureRate: z.number().min(0).max(1).default(1),
    residualRate: z.number().min(0).max(1).default(0),
    chunkDelayMs: z.number().int().min(0).max(1000).default(DEFAULT_RUNAWAY_CHUNK_DELAY_MS),
    snippets: z.record(z.string(), z.string()).optional(),
  })
  .strict();

/** What a scenario needs to build its two replies. */
export interface ReplyContext {
  readonly model: string;
  readonly body: Readonly<Record<string, unknown>>;
  /** Wait before each chunk of the misbehaving reply. */
  readonly chunkDelayMs: number;
  readonly context: ScenarioContext;
}

/** The parts a failure scenario is built from. */
export interface ScenarioParts {
  readonly isRemedied: FailureScenario['isRemedied'];
  readonly misbehave: (reply: ReplyContext) => ScenarioReply;
  readonly behave: (reply: ReplyContext) => ScenarioReply;
}

/**
 * Build a scenario from its parts: each request draws one number from `random()` and misbehaves
 * when it is below `failureRate` (no remedy) or `residualRate` (remedy present).
 */
export function buildScenario(parts: ScenarioParts, options: FailureScenarioOptions = {}): Scenario {
  const settings = parseOptions(optionsSchema, options, 'failure scenario options');
  const snippets: SnippetTexts = { ...DEFAULT_SNIPPETS, ...(settings.snippets ?? {}) };
  return (request, context) => {
    const remedied = parts.isRemedied(request.body, context.model, snippets);
    const draw = context.random();
    const reply: ReplyContext = {
      model: context.model,
      body: request.body,
      chunkDelayMs: settings.chunkDelayMs,
      context,
    };
    const misbehaves = draw < (remedied ? settings.residualRate : settings.failureRate);
    return misbehaves ? parts.misbehave(reply) : parts.behave(reply);
  };
}
