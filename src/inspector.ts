import { z } from 'zod';
import { DEFAULT_DETECTORS } from '../detectors/index.js';
import type { Issue } from './errors/guard-error.js';
import { InvalidOptionsError } from './errors/invalid-options-error.js';
import { GUARD_EVENT_TYPES, type GuardEvent, type GuardEventType } from './events.js';
import {
  type BuiltInDetectorId,
  type Detector,
  type DetectorFactory,
  type Finding,
  NO_FINDINGS,
} from './finding.js';
import { createNormalizer } from './normalize.js';
import { parseOptions } from './options.js';
import type { DetectorContext, DetectorDefinition, WorkMeter } from './registry.js';

/** Per-detector options keyed by id; `false` switches a detector off. */
export type DetectorSettings = Partial<Record<BuiltInDetectorId, false | Record<string, unknown>>>;

/** Options of {@link createInspector}. */
export interface InspectorOptions {
  /** Options for built-in detectors, or `false` to switch one off. */
  readonly detectors?: DetectorSettings;
  /** Run only these built-in detectors (others are off). */
  readonly only?: readonly BuiltInDetectorId[];
  /** Extra detectors of your own, one instance built per candidate. */
  readonly custom?: readonly DetectorFactory[];
  /** Structured-output schema (Gemini `responseSchema`, JSON Schema or zod) for the schema detectors. */
  readonly schema?: unknown;
  /** Session state kept between responses, keyed by detector id (see the tool-call tracker). */
  readonly session?: Readonly<Record<string, unknown>>;
  /** Counts detector work units (for linear-work tests). */
  readonly meter?: WorkMeter;
  /** Called once for every finding, as soon as it is found. */
  readonly onFinding?: (finding: Finding) => void;
}

/** Feeds events (or raw response chunks) to detectors and collects their findings. */
export interface Inspector {
  /** Feed one normalised event. Returns the findings it completed. */
  push(event: GuardEvent): Finding[];
  /** Normalise one response chunk (SDK object or wire JSON) and feed its events. */
  pushChunk(chunk: unknown): Finding[];
  /** End of input: flush every detector. */
  end(): Finding[];
  /** Forget everything, for a new response. Options stay. */
  reset(): void;
  /** All findings so far, in the order they were found. */
  readonly findings: readonly Finding[];
  /** The first abort-level finding, if any. */
  readonly abortedBy: Finding | undefined;
}

const settingsSchema = z
  .object({
    detectors: z
      .record(z.string(), z.union([z.literal(false), z.record(z.string(), z.unknown())]))
      .optional(),
    only: z.array(z.string()).optional(),
    custom: z
      .array(z.custom<DetectorFactory>((value) => typeof value === 'function', 'must be a function'))
      .optional(),
    onFinding: z
      .custom<(finding: Finding) => void>((value) => typeof value === 'function', 'must be a function')
      .optional(),
    schema: z.unknown().optional(),
    session: z.record(z.string(), z.unknown()).optional(),
    meter: z.object({ units: z.number() }).optional(),
  })
  .strict();

/** Validate inspector options once and return per-candidate detector factories. */
export function resolveDetectorFactories(options: InspectorOptions = {}): DetectorFactory[] {
  parseOptions(settingsSchema, options, 'inspector options');
  const known = new Map<string, DetectorDefinition>(
    DEFAULT_DETECTORS.map((definition) => [definition.id, definition]),
  );
  const issues: Issue[] = [];
  const unknown = (id: string, path: (string | number)[]) => {
    if (known.has(id)) return;
    issues.push({
      code: 'unknown_detector',
      path,
      message: `no built-in detector is called "${id}"; known: ${[...known.keys()].join(', ')}`,
    });
  };
  for (const id of Object.keys(options.detectors ?? {})) unknown(id, ['detectors', id]);
  (options.only ?? []).forEach((id, index) => {
    unknown(id, ['only', index]);
  });
  if (issues.length > 0) throw new InvalidOptionsError('inspector options', issues);
  const context: DetectorContext = {
    ...(options.schema === undefined ? {} : { schema: options.schema }),
    ...(options.session === undefined ? {} : { session: options.session }),
    ...(options.meter === undefined ? {} : { meter: options.meter }),
  };
  const factories: DetectorFactory[] = [];
  for (const definition of known.values()) {
    const setting = options.detectors?.[definition.id];
    if (setting === false) continue;
    if (options.only && !options.only.includes(definition.id)) continue;
    const parsed = parseOptions(
      definition.optionsSchema,
      setting ?? {},
      `options of detector "${definition.id}"`,
      ['detectors', definition.id],
    );
    factories.push(() => definition.create(parsed, context));
  }
  return [...factories, ...(options.custom ?? [])];
}

/** Key of the full detector list in a dispatch table (used for `end`). */
const ALL = 'all' as GuardEventType;

/** Group detectors by the event types they read, keeping their order within each type. */
function dispatchTable(detectors: readonly Detector[]): Map<GuardEventType, Detector[]> {
  const table = new Map<GuardEventType, Detector[]>([[ALL, [...detectors]]]);
  for (const type of GUARD_EVENT_TYPES) {
    table.set(
      type,
      detectors.filter((detector) => !detector.accepts || detector.accepts.includes(type)),
    );
  }
  return table;
}

/** Create an inspector. Options are validated here, once; bad ones throw `InvalidOptionsError`. */
export function createInspector(options: InspectorOptions = {}): Inspector {
  return new GuardInspector(resolveDetectorFactories(options), options.onFinding);
}

/**
 * The {@link Inspector}: one set of detectors per candidate, built on the candidate's first event,
 * each grouped by the event types it reads (see `Detector.accepts`).
 */
class GuardInspector implements Inspector {
  private readonly normalizer = createNormalizer();
  private perCandidate = new Map<number, Map<GuardEventType, Detector[]>>();
  private found: Finding[] = [];
  private firstAbort: Finding | undefined;

  constructor(
    private readonly factories: readonly DetectorFactory[],
    private readonly onFinding: ((finding: Finding) => void) | undefined,
  ) {
    // Candidate 0 always exists: building its detectors now surfaces bad session values at creation.
    this.detectorsFor(0);
  }

  get findings(): readonly Finding[] {
    return this.found;
  }

  get abortedBy(): Finding | undefined {
    return this.firstAbort;
  }

  // The public methods are arrow fields, so they work detached too (`chunks.forEach(inspector.pushChunk)`).
  readonly push = (event: GuardEvent): Finding[] => {
    // Usage totals concern every candidate; everything else names its own.
    if (event.type !== 'usage')
      return this.deliver(this.detectorsFor(event.candidate).get(event.type), event);
    const found: Finding[] = [];
    for (const byType of this.perCandidate.values()) found.push(...this.deliver(byType.get('usage'), event));
    return found;
  };

  readonly pushChunk = (chunk: unknown): Finding[] => {
    const found: Finding[] = [];
    for (const event of this.normalizer.push(chunk)) found.push(...this.push(event));
    return found;
  };

  readonly end = (): Finding[] => {
    const found: Finding[] = [];
    for (const byType of this.perCandidate.values()) {
      for (const detector of byType.get(ALL) ?? []) found.push(...detector.end());
    }
    return this.collect(found);
  };

  readonly reset = (): void => {
    this.normalizer.reset();
    this.perCandidate = new Map();
    this.detectorsFor(0);
    this.found = [];
    this.firstAbort = undefined;
  };

  private detectorsFor(candidate: number): Map<GuardEventType, Detector[]> {
    let byType = this.perCandidate.get(candidate);
    if (!byType) {
      byType = dispatchTable(this.factories.map((factory) => factory()));
      this.perCandidate.set(candidate, byType);
    }
    return byType;
  }

  private deliver(detectors: readonly Detector[] | undefined, event: GuardEvent): Finding[] {
    if (!detectors) return NO_FINDINGS;
    let found: Finding[] | undefined;
    for (const detector of detectors) {
      const result = detector.push(event);
      if (result.length === 0) continue;
      found = found ?? [];
      found.push(...result);
    }
    return found ? this.collect(found) : NO_FINDINGS;
  }

  private collect(found: Finding[]): Finding[] {
    for (const finding of found) {
      this.found.push(finding);
      if (finding.severity === 'abort' && !this.firstAbort) this.firstAbort = finding;
      this.onFinding?.(finding);
    }
    return found;
  }
}
