import type { GuardEvent } from '../../src/events.js';
import type { BuiltInDetectorId, Finding } from '../../src/finding.js';
import { inspectChunks, inspectEvents, inspectText } from '../../src/inspect.js';
import { CORPUS_DIR, readCorpus, readCorpusJson } from './corpus.js';
import { readResponseDump } from './response-dumps.js';

/** One entry of degenerate/index.json (the fields the tests and the eval use). */
export interface DegenerateEntry {
  readonly file: string;
  readonly kind: string;
  readonly finish_reason?: string;
  readonly loop?: { readonly repetitions_visible?: number; readonly exact?: boolean } | null;
  readonly derived_tool_calls?: {
    readonly name: string;
    readonly args: unknown;
    readonly consecutive_identical_calls?: number | string;
    readonly turns?: number;
  };
}

/** A real degenerate case ready to inspect. */
export interface CorpusCase {
  /** Path relative to the corpus root. */
  readonly path: string;
  /** The index's kind (`text-loop`, `json-loop`, `tool-loop`, `recitation`, ...; `real-loop` for gemini-cli issues). */
  readonly kind: string;
  /** Detectors that count as the right one for this kind. */
  readonly expected: readonly BuiltInDetectorId[];
  /** Model text, when the case is text (fed as text-delta events). */
  readonly text?: string;
  /** Response chunks, when the case is a (dumped) API response. */
  readonly chunks?: readonly unknown[];
  /** Events, when the case is a tool-call log rebuilt from its metadata. */
  readonly events?: readonly GuardEvent[];
  /** Copies of the loop the recorded text shows, when the index measured it. */
  readonly visibleCopies?: number;
}

/** Which detectors are right for each kind of the corpus index. */
export const RIGHT_DETECTORS: Readonly<Record<string, readonly BuiltInDetectorId[]>> = {
  'text-loop': ['text-loop'],
  'real-loop': ['text-loop'],
  // A loop inside structured output is caught inside the string values (text-loop) or as
  // repeating items and keys (schema-order).
  'json-loop': ['text-loop', 'schema-order'],
  'newline-flood': ['newline-flood'],
  'table-hyphens': ['table-hyphens'],
  'table-padding': ['table-padding'],
  'tool-loop': ['tool-call-loop'],
  recitation: ['recitation'],
  safety: ['safety', 'prompt-blocked'],
  other: ['max-tokens', 'finish-other'],
};

/**
 * Cases whose finish reason is not in the paste itself. The LiteLLM paste (032) is the streamed
 * text only: LiteLLM never surfaced the RECITATION stop, which is the bug reported, so the reason
 * comes from the case's `finish_reason` metadata (the reporter's word), appended as a final chunk.
 */
export const FINISH_FROM_METADATA: ReadonlySet<string> = new Set([
  '032-litellm4491-recitation-sse-stream.txt',
]);

/** Copies of the call a tool-loop log shows: `turns` when given, else the (possibly ">=N") consecutive count. */
export function visibleToolCopies(calls: NonNullable<DegenerateEntry['derived_tool_calls']>): number {
  if (typeof calls.turns === 'number') return calls.turns;
  const count = calls.consecutive_identical_calls;
  if (typeof count === 'number') return count;
  return Number(/\d+/.exec(count ?? '')?.[0] ?? 0);
}

/** The response chunks of a block case: the dump read tolerantly, plus a metadata finish where needed. */
export function blockChunks(entry: DegenerateEntry): unknown[] {
  const chunks: unknown[] = readResponseDump(readCorpus(`degenerate/${entry.file}`));
  if (FINISH_FROM_METADATA.has(entry.file)) {
    const reason = /^[A-Z_]+/.exec(entry.finish_reason ?? '')?.[0] ?? '';
    chunks.push({ candidates: [{ index: 0, finishReason: reason }] });
  }
  return chunks;
}

/** The calls of a tool-loop case as function-call events, one per copy its log shows. */
export function toolCallEvents(calls: NonNullable<DegenerateEntry['derived_tool_calls']>): GuardEvent[] {
  const args =
    typeof calls.args === 'object' && calls.args !== null ? (calls.args as Record<string, unknown>) : {};
  return Array.from({ length: visibleToolCopies(calls) }, () => ({
    type: 'function-call' as const,
    candidate: 0,
    name: calls.name,
    args,
    offset: 0,
  }));
}

const BLOCK_KINDS = new Set(['recitation', 'safety', 'other']);

/** Every real degenerate case: degenerate/ and the real loops of gemini-cli-issues/. Empty without the corpus. */
export function loadCorpusCases(): CorpusCase[] {
  if (!CORPUS_DIR) return [];
  const cases: CorpusCase[] = [];
  for (const entry of readCorpusJson<{ cases: DegenerateEntry[] }>('degenerate/index.json').cases) {
    const path = `degenerate/${entry.file}`;
    const expected = RIGHT_DETECTORS[entry.kind] ?? [];
    if (entry.kind === 'tool-loop') {
      const calls = entry.derived_tool_calls;
      if (!calls) continue;
      cases.push({
        path,
        kind: entry.kind,
        expected,
        events: toolCallEvents(calls),
        visibleCopies: visibleToolCopies(calls),
      });
    } else if (BLOCK_KINDS.has(entry.kind)) {
      cases.push({ path, kind: entry.kind, expected, chunks: blockChunks(entry) });
    } else {
      const copies = entry.loop?.repetitions_visible;
      cases.push({
        path,
        kind: entry.kind,
        expected,
        text: readCorpus(path),
        ...(copies === undefined ? {} : { visibleCopies: copies }),
      });
    }
  }
  const issues = readCorpusJson<{ cases: { file: string; kind: string }[] }>(
    'gemini-cli-issues/index.json',
  ).cases;
  for (const entry of issues) {
    if (entry.kind !== 'real-loop') continue;
    const path = `gemini-cli-issues/${entry.file}`;
    cases.push({
      path,
      kind: entry.kind,
      expected: RIGHT_DETECTORS['real-loop'] ?? [],
      text: readCorpus(path),
    });
  }
  return cases;
}

/** Kinds whose right outcome is a warning, not an abort (a MAX_TOKENS stop is a cut-off, not a loop). */
const WARN_IS_ENOUGH: ReadonlySet<string> = new Set(['other']);

/** The default set's findings for a case; text is fed in `chunkSize` pieces when given. */
export function caseFindings(entry: CorpusCase, chunkSize?: number): readonly Finding[] {
  if (entry.text !== undefined) return inspectText(entry.text, chunkSize ? { chunkSize } : {}).findings;
  if (entry.chunks) return inspectChunks(entry.chunks).findings;
  return inspectEvents(entry.events ?? []).findings;
}

/** The first finding by a right detector at the right level for the case (abort, or warn where enough). */
export function rightHit(entry: CorpusCase, findings: readonly Finding[]): Finding | undefined {
  const levels = WARN_IS_ENOUGH.has(entry.kind) ? ['warn', 'abort'] : ['abort'];
  return findings.find(
    (finding) =>
      (entry.expected as readonly string[]).includes(finding.detector) && levels.includes(finding.severity),
  );
}
