import type { GuardEvent } from './events.js';
import type { Finding } from './finding.js';
import { normalizeHistory } from './history.js';
import { createInspector, type InspectorOptions } from './inspector.js';
import { type Verdict, verdictOf } from './verdict.js';

/** What an inspection of finished output found. */
export interface InspectionResult {
  readonly findings: readonly Finding[];
  /** `blocked`, `degenerate`, `warn` or `clean` (see {@link verdictOf}). */
  readonly verdict: Verdict;
  /** The first abort-level finding, if any. */
  readonly abortedBy: Finding | undefined;
}

function finish(inspector: ReturnType<typeof createInspector>): InspectionResult {
  inspector.end();
  const findings = inspector.findings;
  return { findings, verdict: verdictOf(findings), abortedBy: inspector.abortedBy };
}

/** Inspect one finished response (`GenerateContentResponse` or its wire JSON). */
export function inspectResponse(response: unknown, options: InspectorOptions = {}): InspectionResult {
  const inspector = createInspector(options);
  inspector.pushChunk(response);
  return finish(inspector);
}

/** Inspect the chunks of one stream, in order, as if they were arriving. */
export function inspectChunks(chunks: Iterable<unknown>, options: InspectorOptions = {}): InspectionResult {
  const inspector = createInspector(options);
  for (const chunk of chunks) inspector.pushChunk(chunk);
  return finish(inspector);
}

/** Options of {@link inspectText}. */
export interface InspectTextOptions extends InspectorOptions {
  /** Feed the text in pieces of this many UTF-16 units, as a stream would (default: whole). */
  readonly chunkSize?: number;
  /** Inspect as thought text instead of answer text. */
  readonly channel?: 'text' | 'thought';
}

/** Inspect plain model text (candidate 0). */
export function inspectText(text: string, options: InspectTextOptions = {}): InspectionResult {
  const { chunkSize, channel = 'text', ...inspectorOptions } = options;
  const inspector = createInspector(inspectorOptions);
  const step = chunkSize && chunkSize > 0 ? Math.floor(chunkSize) : Math.max(1, text.length);
  const type = channel === 'thought' ? 'thought-delta' : 'text-delta';
  for (let offset = 0; offset < text.length; offset += step) {
    inspector.push({ type, candidate: 0, text: text.slice(offset, offset + step), offset });
  }
  return finish(inspector);
}

/** Inspect a conversation history (`Content[]`): tool-call loops are checked across model turns. */
export function inspectHistory(history: unknown, options: InspectorOptions = {}): InspectionResult {
  return inspectEvents(normalizeHistory(history), options);
}

/** Inspect a list of already-normalised events. */
export function inspectEvents(
  events: Iterable<GuardEvent>,
  options: InspectorOptions = {},
): InspectionResult {
  const inspector = createInspector(options);
  for (const event of events) inspector.push(event);
  return finish(inspector);
}
