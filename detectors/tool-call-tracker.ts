import { z } from 'zod';
import { parseOptions } from '../src/options.js';
import type { WorkMeter } from '../src/registry.js';
import { fingerprintCall, fingerprintValue } from './canonical-json.js';

/** The longest repeating call sequence looked for; the primitive-period check is O(period²) per call. */
export const MAX_PERIOD_LIMIT = 8;
/**
 * Default longest cycle: agent loops go round a few tools (read, edit, run, read...); four calls
 * covers read-edit-test-read style rounds without comparing every call against long histories.
 */
const DEFAULT_MAX_PERIOD = 4;
/** Default number of calls held; a window of 32 keeps the tracker near 16 KB (0.5 KB per entry). */
const DEFAULT_WINDOW = 32;
/** A window must hold two full cycles of the longest period, so every comparison finds its twin. */
const MIN_WINDOW = 2 * MAX_PERIOD_LIMIT;
/** Upper bound on the window, so a tracker never holds more than about half a megabyte. */
const MAX_WINDOW = 1024;

/** Options of {@link createToolCallTracker}. */
export const ToolCallTrackerOptionsSchema = z
  .object({
    /** Longest cycle (in calls) to look for, 2 to 8. */
    maxPeriod: z.number().int().min(2).max(MAX_PERIOD_LIMIT).default(DEFAULT_MAX_PERIOD),
    /** How many recent calls to hold; older calls count in runs but cannot be matched to results. */
    window: z.number().int().min(MIN_WINDOW).max(MAX_WINDOW).default(DEFAULT_WINDOW),
  })
  .strict();

/** Options of {@link createToolCallTracker}, before defaults. */
export type ToolCallTrackerOptions = z.input<typeof ToolCallTrackerOptionsSchema>;

/** A call as the tracker takes it (a `FunctionCall` fits). */
export interface ToolCall {
  readonly name: string;
  readonly args?: unknown;
  readonly id?: string;
}

/** One recorded call, as findings show it. */
export interface TrackedCall {
  /** Position in the tracker's call sequence (never reused). */
  readonly seq: number;
  readonly name: string;
  /** `name(args)` with canonical args, cut to a little over the evidence limit. */
  readonly text: string;
  /** The text offset the call arrived at, as the caller gave it. */
  readonly offset: number;
}

/** A run of calls that repeats with `period` (1: the same call again and again), ending at the latest call. */
export interface CallRun {
  readonly period: number;
  /** `seq` of the run's first call. */
  readonly start: number;
  /** Calls in the run. */
  readonly calls: number;
  /** Full repetitions: `calls` for period 1, whole cycles otherwise. */
  readonly repeats: number;
  /** One round of the cycle, in the order the run started it. */
  readonly unit: readonly TrackedCall[];
  /** The run's first call, when the window still holds it. */
  readonly first: TrackedCall | undefined;
}

/** What recording a call showed. */
export interface CallObservation {
  readonly call: TrackedCall;
  /** Identical calls in a row ending here (a run of 1 when the call is new). */
  readonly repeat: CallRun;
  /** The shortest cycle of two or more distinct calls repeated at least twice, if any. */
  readonly cycle: CallRun | undefined;
}

const TRACKER_MARK = Symbol.for('gemini-output-guard.ToolCallTracker');

/**
 * Session-level memory of tool calls, kept by the caller between responses so loops across the
 * turns of a conversation are seen. Pass it as `createInspector({ session: { 'tool-call-loop':
 * tracker } })`. Use it when inspecting responses one at a time; when inspecting the whole history
 * each time, pass none (the history already spans the turns).
 */
export interface ToolCallTracker {
  readonly [TRACKER_MARK]: true;
  /** Longest cycle looked for. */
  readonly maxPeriod: number;
  /** Calls recorded since the last user message. */
  readonly calls: number;
  /** Record a call the model made; returns the runs it extends. */
  recordCall(call: ToolCall, offset?: number, meter?: WorkMeter): CallObservation;
  /**
   * Record the result sent back for a call: matched by `id` when given, else by equal arguments
   * when `args` is given, else by name in call order. A call whose result differs from its twin's
   * is not a repeat. Returns false when no waiting call matched.
   */
  recordResult(call: ToolCall, result: unknown, meter?: WorkMeter): boolean;
  /** A new user message: loops start again. */
  userMessage(): void;
  /** Forget every call (same effect as {@link ToolCallTracker.userMessage}). */
  reset(): void;
}

interface Entry extends TrackedCall {
  readonly key: string;
  readonly id: string | undefined;
  result: string | undefined;
}

/** True for a tracker made by {@link createToolCallTracker}, across realms. */
export function isToolCallTracker(value: unknown): value is ToolCallTracker {
  return typeof value === 'object' && value !== null && TRACKER_MARK in value;
}

/** Create a tracker. Bad options throw `InvalidOptionsError`. Memory: `window` entries of about 0.5 KB. */
export function createToolCallTracker(options: ToolCallTrackerOptions = {}): ToolCallTracker {
  const { maxPeriod, window } = parseOptions(
    ToolCallTrackerOptionsSchema,
    options,
    'tool-call tracker options',
  );
  return new WindowedTracker(maxPeriod, window);
}

/**
 * Holds the last `window` calls in a ring and, for every period p up to `maxPeriod`, where the run
 * of calls that repeats with period p (ending at the latest call) starts. Each call updates every
 * period in O(1); a result can only move run starts forward. Calls before `base` (the last user
 * message) are invisible.
 */
class WindowedTracker implements ToolCallTracker {
  readonly [TRACKER_MARK] = true as const;
  private readonly ring: (Entry | undefined)[];
  /** runStart[p]: `seq` where the run of period p ending at the latest call starts. */
  private readonly runStart: number[];
  private next = 0;
  private base = 0;

  constructor(
    readonly maxPeriod: number,
    private readonly window: number,
  ) {
    this.ring = new Array<Entry | undefined>(window).fill(undefined);
    this.runStart = new Array<number>(maxPeriod + 1).fill(0);
  }

  get calls(): number {
    return this.next - this.base;
  }

  recordCall(call: ToolCall, offset = 0, meter?: WorkMeter): CallObservation {
    const name = typeof call.name === 'string' ? call.name : '';
    const print = fingerprintCall(name, call.args ?? {}, meter);
    const seq = this.next++;
    const entry: Entry = {
      seq,
      name,
      text: print.preview,
      offset,
      key: print.key,
      id: call.id,
      result: undefined,
    };
    this.ring[seq % this.window] = entry;
    for (let period = 1; period <= this.maxPeriod; period++) {
      const twin = this.entryAt(seq - period);
      if (!twin) this.runStart[period] = this.base;
      else if (!sameCall(entry, twin)) this.runStart[period] = seq - period + 1;
    }
    if (meter) meter.units += this.maxPeriod;
    return { call: publicCall(entry), repeat: this.runOf(1, entry), cycle: this.cycleOf(entry, meter) };
  }

  recordResult(call: ToolCall, result: unknown, meter?: WorkMeter): boolean {
    const entry = this.findWaiting(call, meter);
    if (!entry) return false;
    const resultKey = fingerprintValue(result, meter).key;
    entry.result = resultKey;
    for (let period = 1; period <= this.maxPeriod; period++) {
      for (const seq of [entry.seq - period, entry.seq + period]) {
        const other = this.entryAt(seq);
        if (other?.result === undefined || other.key !== entry.key || other.result === resultKey) continue;
        // A different result for the same call: the pair is progress, not a repeat.
        const later = Math.max(seq, entry.seq);
        this.runStart[period] = Math.max(this.runStart[period] ?? 0, later - period + 1);
      }
    }
    return true;
  }

  userMessage(): void {
    this.ring.fill(undefined);
    this.base = this.next;
    this.runStart.fill(this.next);
  }

  reset(): void {
    this.userMessage();
  }

  private entryAt(seq: number): Entry | undefined {
    const held = seq >= this.base && seq < this.next && seq > this.next - 1 - this.window;
    return held ? this.ring[seq % this.window] : undefined;
  }

  private runOf(period: number, latest: Entry): CallRun {
    const start = this.runStart[period] ?? latest.seq;
    const calls = latest.seq - start + 1;
    const unit: TrackedCall[] = [];
    for (let offset = 0; offset < period; offset++) {
      // rotate so the unit begins at the phase where the run began
      const entry = this.entryAt(latest.seq - period + 1 + modulo(start - latest.seq - 1 + offset, period));
      if (entry) unit.push(publicCall(entry));
    }
    const first = this.entryAt(start);
    return {
      period,
      start,
      calls,
      repeats: period === 1 ? calls : Math.floor(calls / period),
      unit,
      first: first ? publicCall(first) : undefined,
    };
  }

  private cycleOf(latest: Entry, meter: WorkMeter | undefined): CallRun | undefined {
    for (let period = 2; period <= this.maxPeriod; period++) {
      const calls = latest.seq - (this.runStart[period] ?? latest.seq) + 1;
      if (calls < period * 2) continue;
      if (meter) meter.units += period * period;
      if (this.isPrimitive(period, latest.seq)) return this.runOf(period, latest);
    }
    return undefined;
  }

  /** True when the last `period` calls do not themselves repeat with a shorter period. */
  private isPrimitive(period: number, last: number): boolean {
    for (let shorter = 1; shorter < period; shorter++) {
      if (period % shorter !== 0) continue;
      let repeats = true;
      for (let index = last - period + 1; index + shorter <= last && repeats; index++) {
        repeats = this.entryAt(index)?.key === this.entryAt(index + shorter)?.key;
      }
      if (repeats) return false;
    }
    return true;
  }

  /** The call a result belongs to: by id, else by equal arguments, else the oldest waiting call of that name. */
  private findWaiting(call: ToolCall, meter: WorkMeter | undefined): Entry | undefined {
    const oldest = Math.max(this.base, this.next - this.window);
    if (call.id !== undefined) {
      for (let seq = this.next - 1; seq >= oldest; seq--) {
        const entry = this.entryAt(seq);
        if (meter) meter.units += 1;
        if (entry?.id === call.id && entry.result === undefined) return entry;
      }
    }
    const key = call.args === undefined ? undefined : fingerprintCall(call.name, call.args, meter).key;
    for (let seq = oldest; seq < this.next; seq++) {
      const entry = this.entryAt(seq);
      if (meter) meter.units += 1;
      if (!entry || entry.result !== undefined) continue;
      if (key === undefined ? entry.name === call.name : entry.key === key) return entry;
    }
    return undefined;
  }
}

/** Same name and arguments, and not known to have got different results. */
function sameCall(a: Entry, b: Entry): boolean {
  if (a.key !== b.key) return false;
  return a.result === undefined || b.result === undefined || a.result === b.result;
}

/** Non-negative remainder. */
function modulo(value: number, divisor: number): number {
  return ((value % divisor) + divisor) % divisor;
}

function publicCall(entry: Entry): TrackedCall {
  return { seq: entry.seq, name: entry.name, text: entry.text, offset: entry.offset };
}
