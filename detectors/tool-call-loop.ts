import { z } from 'zod';
import { InvalidOptionsError } from '../src/errors/invalid-options-error.js';
import type { FunctionCallEvent, GuardEvent } from '../src/events.js';
import { clipEvidence, type Detector, type Finding } from '../src/finding.js';
import { parseOptions } from '../src/options.js';
import { type DetectorContext, defineDetector } from '../src/registry.js';
import type { RemediationId } from '../src/remediation-ids.js';
import { makeFinding } from './support.js';
import {
  type CallRun,
  createToolCallTracker,
  isToolCallTracker,
  type ToolCallTracker,
  ToolCallTrackerOptionsSchema,
} from './tool-call-tracker.js';

const ID = 'tool-call-loop';

/**
 * Warn at the third identical call in a row: two calls can be a retry after a transient failure,
 * a third identical one is where the corpus's gemini-cli ReadFile loop (029, three visible calls)
 * already has the model saying it is stuck.
 */
const DEFAULT_WARN_AT = 3;
/** Abort at the fifth: the threshold gemini-cli's own loop detector uses (TOOL_CALL_LOOP_THRESHOLD = 5). */
const DEFAULT_ABORT_AT = 5;
/** Cycles get the same bars, counted in whole rounds: a round repeated like a single call would be. */
const DEFAULT_CYCLE_WARN_AT = 3;
const DEFAULT_CYCLE_ABORT_AT = 5;
/** No run needs a bar above this; it also keeps option typos such as 1e9 out. */
const MAX_BAR = 10_000;
/** Calls quoted in messages are cut to this length; the full call is in the evidence. */
const MESSAGE_CALL_LENGTH = 80;
const REMEDIATIONS: readonly RemediationId[] = ['thought-recap', 'raise-temperature'];

const bar = z.number().int().min(2).max(MAX_BAR);

/** Options of the `tool-call-loop` detector. */
export const ToolCallLoopOptionsSchema = z
  .object({
    /** Identical calls in a row that give a warning. */
    warnAt: bar.default(DEFAULT_WARN_AT),
    /** Identical calls in a row that abort. */
    abortAt: bar.default(DEFAULT_ABORT_AT),
    /** Whole rounds of a repeated call cycle (A-B-A-B...) that give a warning. */
    cycleWarnAt: bar.default(DEFAULT_CYCLE_WARN_AT),
    /** Whole rounds of a repeated call cycle that abort. */
    cycleAbortAt: bar.default(DEFAULT_CYCLE_ABORT_AT),
    /** Tools that may repeat freely (a cycle is exempt only when every call in it is). */
    exempt: z.array(z.string().min(1)).default([]),
    /** Per-tool bars for identical calls, for example `{ poll_job: { warnAt: 10, abortAt: 20 } }`. */
    tools: z
      .record(z.string().min(1), z.object({ warnAt: bar.optional(), abortAt: bar.optional() }).strict())
      .default({}),
    /** Longest cycle looked for by the detector's own tracker (a session tracker keeps its own). */
    maxPeriod: ToolCallTrackerOptionsSchema.shape.maxPeriod,
    /** Calls held by the detector's own tracker (a session tracker keeps its own). */
    window: ToolCallTrackerOptionsSchema.shape.window,
  })
  .strict()
  .superRefine((options, context) => {
    const check = (warnAt: number, abortAt: number, path: (string | number)[]) => {
      if (warnAt > abortAt) {
        context.addIssue({
          code: 'custom',
          path,
          message: `warnAt (${warnAt}) must not exceed abortAt (${abortAt})`,
        });
      }
    };
    check(options.warnAt, options.abortAt, ['warnAt']);
    check(options.cycleWarnAt, options.cycleAbortAt, ['cycleWarnAt']);
    for (const [tool, bars] of Object.entries(options.tools)) {
      check(bars.warnAt ?? options.warnAt, bars.abortAt ?? options.abortAt, ['tools', tool, 'warnAt']);
    }
  });

/** Options of the `tool-call-loop` detector, before defaults. */
export type ToolCallLoopOptions = z.input<typeof ToolCallLoopOptionsSchema>;

type Settings = z.output<typeof ToolCallLoopOptionsSchema>;

/** Levels in rising order; 0 means nothing reported yet. */
const WARN = 1;
const ABORT = 2;

/**
 * Create the `tool-call-loop` detector: flags the same call (name and arguments, key order
 * ignored) repeated in a row, and short call cycles (A-B-A-B...) repeated, unless the repeats got
 * different results. Calls are remembered by a {@link ToolCallTracker}: the caller's session
 * tracker (`context.session['tool-call-loop']`, used for candidate 0) or one of its own.
 * Each run is reported once per level per response, so a loop that goes on in the next response
 * is reported there again. `reset()` forgets this detector's state and its own tracker, never the
 * caller's.
 */
export function createToolCallLoopDetector(
  options: ToolCallLoopOptions = {},
  context: DetectorContext = {},
): Detector {
  const settings = parseOptions(ToolCallLoopOptionsSchema, options, `options of detector "${ID}"`);
  return new ToolCallLoopDetector(settings, sessionTracker(context), context);
}

class ToolCallLoopDetector implements Detector {
  readonly id = ID;
  readonly accepts = ['function-call', 'function-response', 'user-turn'] as const;
  private readonly exempt: ReadonlySet<string>;
  private own: ToolCallTracker | undefined;
  /** Per period: the run last reported and at what level, so each run is reported once per level. */
  private reported: { start: number; level: number }[] = [];
  /** `seq` of the first call this detector saw: older calls belong to earlier responses. */
  private firstSeq: number | undefined;

  constructor(
    private readonly settings: Settings,
    private readonly shared: ToolCallTracker | undefined,
    private readonly context: DetectorContext,
  ) {
    this.exempt = new Set(settings.exempt);
  }

  push(event: GuardEvent): Finding[] {
    switch (event.type) {
      case 'function-call':
        return this.onCall(event);
      case 'function-response':
        this.trackerFor(event.candidate).recordResult(
          { name: event.name, ...(event.id === undefined ? {} : { id: event.id }) },
          event.response,
          this.context.meter,
        );
        return [];
      case 'user-turn':
        this.trackerFor(event.candidate).userMessage();
        this.reported = [];
        return [];
      default:
        return [];
    }
  }

  end(): Finding[] {
    return [];
  }

  reset(): void {
    this.own?.reset();
    this.reported = [];
    this.firstSeq = undefined;
  }

  private trackerFor(candidate: number): ToolCallTracker {
    if (candidate === 0 && this.shared) return this.shared;
    this.own ??= createToolCallTracker({ maxPeriod: this.settings.maxPeriod, window: this.settings.window });
    return this.own;
  }

  private onCall(event: FunctionCallEvent): Finding[] {
    const { settings, exempt } = this;
    const call = { name: event.name, args: event.args, ...(event.id === undefined ? {} : { id: event.id }) };
    const {
      repeat,
      cycle,
      call: tracked,
    } = this.trackerFor(event.candidate).recordCall(call, event.offset, this.context.meter);
    this.firstSeq ??= tracked.seq;
    if (!exempt.has(event.name)) {
      const bars = Object.hasOwn(settings.tools, event.name) ? settings.tools[event.name] : undefined;
      const found = this.judge(
        repeat,
        bars?.warnAt ?? settings.warnAt,
        bars?.abortAt ?? settings.abortAt,
        event,
      );
      if (found) return [found];
    }
    if (cycle && !cycle.unit.every((unitCall) => exempt.has(unitCall.name))) {
      const found = this.judge(cycle, settings.cycleWarnAt, settings.cycleAbortAt, event);
      if (found) return [found];
    }
    return [];
  }

  /** A finding when `run` reached a bar it had not reached before. */
  private judge(
    run: CallRun,
    warnAt: number,
    abortAt: number,
    event: FunctionCallEvent,
  ): Finding | undefined {
    const level = run.repeats >= abortAt ? ABORT : run.repeats >= warnAt ? WARN : 0;
    const previous = this.reported[run.period];
    const previousLevel = previous && previous.start === run.start ? previous.level : 0;
    if (level <= previousLevel) return undefined;
    this.reported[run.period] = { start: run.start, level };
    // The run's first call gives the start when it arrived in this response; older offsets
    // belong to another response's text.
    const inThisResponse = run.first && this.firstSeq !== undefined && run.first.seq >= this.firstSeq;
    const start = inThisResponse && run.first ? run.first.offset : event.offset;
    return describe(run, level, start, event, { warnAt, abortAt });
  }
}

function sessionTracker(context: DetectorContext): ToolCallTracker | undefined {
  const value = context.session?.[ID];
  if (value === undefined || isToolCallTracker(value)) return value;
  throw new InvalidOptionsError('session state', [
    {
      code: 'invalid_type',
      path: ['session', ID],
      message: 'must be a tracker made by createToolCallTracker(), kept by the caller between responses',
    },
  ]);
}

function describe(
  run: CallRun,
  level: number,
  start: number,
  event: FunctionCallEvent,
  bars: { warnAt: number; abortAt: number },
): Finding {
  const severity = level === ABORT ? 'abort' : 'warn';
  const verdict = level === ABORT ? 'it is stuck in a tool-call loop' : 'it may be stuck in a tool-call loop';
  const texts = run.unit.map((call) => call.text);
  const tools = run.unit.map((call) => call.name);
  const common = { detector: ID, severity, candidate: event.candidate, start, end: event.offset } as const;
  if (run.period === 1) {
    const call = clipEvidence(texts[0] ?? event.name, MESSAGE_CALL_LENGTH);
    return makeFinding({
      ...common,
      message: `The model called ${call} ${run.repeats} times in a row with the same arguments and no different result; ${verdict}.`,
      evidence: texts[0] ?? event.name,
      remediations: REMEDIATIONS,
      data: { kind: 'repeat', tool: tools[0] ?? event.name, period: 1, count: run.repeats, ...bars },
    });
  }
  return makeFinding({
    ...common,
    message: `The model went round the same ${run.period} calls (${tools.join(' → ')}) ${run.repeats} times in a row; ${verdict}.`,
    evidence: texts.join(' → '),
    remediations: REMEDIATIONS,
    data: { kind: 'cycle', tools, period: run.period, count: run.repeats, calls: run.calls, ...bars },
  });
}

/** The `tool-call-loop` detector's definition for the default set. */
export const ToolCallLoopDefinition = defineDetector({
  id: ID,
  summary: 'The same tool call (or cycle of calls) repeated in a row without new results.',
  optionsSchema: ToolCallLoopOptionsSchema,
  create: (options: Settings, context) => createToolCallLoopDetector(options, context),
});
