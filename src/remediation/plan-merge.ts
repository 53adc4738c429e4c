import { SNIPPET_IDS } from '../remediation-ids.js';
import type { FindingRef, PlannedSnippet, RemediationPlan } from './plan-types.js';

/** A plan step keeps at most this many findings: enough to trace it, short enough to log. */
export const MAX_REFS_PER_STEP = 8;

/** Join two finding lists, dropping repeats and keeping at most {@link MAX_REFS_PER_STEP}. */
export function joinRefs(first: readonly FindingRef[], second: readonly FindingRef[]): FindingRef[] {
  const seen = new Set<string>();
  const joined: FindingRef[] = [];
  for (const ref of [...first, ...second]) {
    const key = `${ref.detector}|${ref.severity}|${ref.start}|${ref.end}|${ref.message}`;
    if (seen.has(key) || joined.length >= MAX_REFS_PER_STEP) continue;
    seen.add(key);
    joined.push(ref);
  }
  return joined;
}

/**
 * Snippets in their stable order: the order of `SNIPPET_IDS`, except `thought-recap`, which the
 * guide wants at the END of the system instruction and so always comes last.
 */
export function orderSnippets(snippets: readonly PlannedSnippet[]): PlannedSnippet[] {
  const rank = (id: PlannedSnippet['id']) =>
    id === 'thought-recap' ? SNIPPET_IDS.length : SNIPPET_IDS.indexOf(id);
  return [...snippets].sort((a, b) => rank(a.id) - rank(b.id));
}

/** Union of items, matched by `key`; a later item's findings are joined onto the earlier one's. */
function unionBy<T extends { readonly findings: readonly FindingRef[] }>(
  first: readonly T[],
  second: readonly T[],
  key: (item: T) => string,
  combine: (earlier: T, later: T) => T = (earlier, later) => ({
    ...earlier,
    findings: joinRefs(earlier.findings, later.findings),
  }),
): T[] {
  const byKey = new Map<string, T>();
  for (const item of [...first, ...second]) {
    const existing = byKey.get(key(item));
    byKey.set(key(item), existing === undefined ? item : combine(existing, item));
  }
  return [...byKey.values()];
}

/**
 * Everything `previous` did plus what `next` adds, so that one plan applied to the ORIGINAL
 * request reproduces every fix made so far. The temperature of `next` wins when it sets one;
 * otherwise the earlier value stays (it is what the last request sent). `action` is `next`'s.
 */
export function mergePlans(previous: RemediationPlan, next: RemediationPlan): RemediationPlan {
  return {
    snippets: orderSnippets(unionBy(previous.snippets, next.snippets, (snippet) => snippet.id)),
    temperature:
      next.temperature?.to !== undefined || previous.temperature?.to === undefined
        ? (next.temperature ?? previous.temperature)
        : previous.temperature,
    safety: next.safety ?? previous.safety,
    schema: unionBy(previous.schema, next.schema, (change) => `${change.id}|${change.target}`),
    rewrites: unionBy(
      previous.rewrites,
      next.rewrites,
      (rewrite) => rewrite.id,
      (earlier, later) => ({
        ...earlier,
        escapes: Math.max(earlier.escapes, later.escapes),
        findings: joinRefs(earlier.findings, later.findings),
      }),
    ),
    flags: unionBy(previous.flags, next.flags, (flag) => `${flag.id}|${flag.path.join('.')}|${flag.excerpt}`),
    advice: unionBy(previous.advice, next.advice, (advice) => advice.id),
    action: next.action,
  };
}
