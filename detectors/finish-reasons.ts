import type { SafetyRatingInfo } from '../src/events.js';
import type { RemediationId } from '../src/remediation-ids.js';

/**
 * The one table of finish and block reasons: which detector owns each, what it means in plain
 * words, and which fixes apply. `safety`, `recitation`, `max-tokens` and `finish-other` classify
 * a candidate's `finishReason`; `prompt-blocked` classifies `promptFeedback.blockReason`.
 */

/** Who handles a finish reason. `normal` reasons are not findings. */
export type FinishClass = 'normal' | 'safety' | 'recitation' | 'max-tokens' | 'other';

/** What a finish reason means and what to do about it. */
export interface FinishReasonInfo {
  readonly class: FinishClass;
  /** What happened, in plain words (lower case, no final stop). */
  readonly what: string;
  /** What to do next (lower case, no final stop). */
  readonly todo: string;
  /** Documented fixes, most useful first (the classifier detectors may add their own). */
  readonly remediations: readonly RemediationId[];
}

const normal = (what: string): FinishReasonInfo => ({
  class: 'normal',
  what,
  todo: 'nothing',
  remediations: [],
});

const SAFETY_TODO =
  'review the prompt against the safety settings of the call; relaxing them is your decision';
const safety = (what: string): FinishReasonInfo => ({
  class: 'safety',
  what,
  todo: SAFETY_TODO,
  remediations: ['review-safety'],
});

const RECITATION_TODO = 'make the prompt and context more original and raise the temperature';
const RECITATION_FIXES: readonly RemediationId[] = [
  'recitation-originality',
  'make-prompt-unique',
  'raise-temperature',
];

const other = (
  what: string,
  todo: string,
  remediations: readonly RemediationId[] = [],
): FinishReasonInfo => ({
  class: 'other',
  what,
  todo,
  remediations,
});

/** Every finish reason of @google/genai 3.1 (SDK-NOTES section 1). */
export const FINISH_REASONS: Readonly<Record<string, FinishReasonInfo>> = {
  STOP: normal('the model finished normally'),
  FINISH_REASON_UNSPECIFIED: normal('no finish reason was given'),
  // The SDK continues these by itself (automatic continuation); the answer is not over yet.
  CONTINUATION: normal('the per-request token limit was reached and generation continues'),
  SAFETY: safety('the output was blocked by the safety filters'),
  PROHIBITED_CONTENT: safety('the output was blocked for prohibited content'),
  BLOCKLIST: safety('the output contained a term from a blocklist'),
  SPII: safety('the output may contain sensitive personal information'),
  IMAGE_SAFETY: safety('the generated image was blocked by the safety filters'),
  IMAGE_PROHIBITED_CONTENT: safety('the generated image was blocked for prohibited content'),
  RECITATION: {
    class: 'recitation',
    what: 'the output stopped because it resembled existing material',
    todo: RECITATION_TODO,
    remediations: RECITATION_FIXES,
  },
  IMAGE_RECITATION: {
    class: 'recitation',
    what: 'the generated image resembled existing material',
    todo: RECITATION_TODO,
    remediations: RECITATION_FIXES,
  },
  MAX_TOKENS: {
    class: 'max-tokens',
    what: 'the output hit the output token limit and is cut off',
    todo: 'raise maxOutputTokens or lower the thinking budget',
    remediations: ['raise-output-budget'],
  },
  // A sampling accident in one generation: a re-ask at the documented temperature (>= 0.8, 1.0 on
  // Gemini 3) usually gives a well-formed call, while low temperatures tend to repeat the broken one.
  MALFORMED_FUNCTION_CALL: other(
    'the model produced a function call that could not be parsed or did not fit its declaration',
    're-ask; if it keeps happening, simplify the function declarations',
    ['raise-temperature'],
  ),
  // The tool is missing from the request: a request fix, not a prompt snippet, so no remediation.
  UNEXPECTED_TOOL_CALL: other(
    'the model called a tool that is not available in this request',
    'declare the tool, or check toolConfig.functionCallingConfig and the prompt that mentions it',
  ),
  // The guide's tool-loop fix: a progress recap at each thought lets the model notice it is done.
  TOO_MANY_TOOL_CALLS: other(
    'the model called too many tools in a row',
    'add the progress-recap instruction at the end of the system instruction',
    ['thought-recap'],
  ),
  // The guide: unsupported languages give unexpected or blocked responses; only the caller can change it.
  LANGUAGE: other(
    'the output is in a language the model does not support',
    'ask for the answer in a supported language',
  ),
  OTHER: other(
    'the model stopped for an unspecified reason',
    'retry once; if it happens again, simplify the prompt',
  ),
  MALFORMED_RESPONSE: other(
    'the model produced a malformed response',
    'retry once; if it happens again, simplify the request',
  ),
  NO_IMAGE: other(
    'the model was expected to produce an image but produced none',
    'ask for the image explicitly and check responseModalities',
  ),
  IMAGE_OTHER: other(
    'image generation stopped for an unspecified reason',
    'retry once; if it happens again, change the prompt',
  ),
};

/**
 * Classify a raw finish reason. Unknown values stay raw: names that carry a known family word
 * (SAFETY, PROHIBITED, BLOCKLIST, SPII, RECITATION) go to that family, so a new `VIDEO_SAFETY`
 * still aborts; anything else is `other`.
 */
export function classifyFinishReason(reason: string): FinishReasonInfo {
  const upper = reason.toUpperCase();
  const known = Object.hasOwn(FINISH_REASONS, upper) ? FINISH_REASONS[upper] : undefined;
  if (known) return known;
  if (/SAFETY|PROHIBITED|BLOCKLIST|SPII/.test(upper))
    return safety('the output was blocked by a safety filter');
  if (upper.includes('RECITATION')) return { ...(FINISH_REASONS.RECITATION as FinishReasonInfo) };
  return other(
    `the model stopped with a finish reason this library does not know (${reason})`,
    'look the reason up in the Gemini API documentation',
  );
}

/** `what` as the start of a sentence. */
export function sentenceStart(what: string): string {
  return what.charAt(0).toUpperCase() + what.slice(1);
}

/** How a prompt block is handled: `none` is not a block; `terminal` must never be retried. */
export type BlockClass = 'none' | 'safety' | 'terminal';

/** What a block reason means and what to do. */
export interface BlockReasonInfo {
  readonly class: BlockClass;
  readonly what: string;
  readonly todo: string;
  readonly remediations: readonly RemediationId[];
}

const TERMINAL_TODO = 'do not retry this prompt: retrying the same prompt does not help';
const terminal = (what: string): BlockReasonInfo => ({
  class: 'terminal',
  what,
  todo: TERMINAL_TODO,
  remediations: ['do-not-retry'],
});
const blockedForSafety = (what: string): BlockReasonInfo => ({
  class: 'safety',
  what,
  todo: SAFETY_TODO,
  remediations: ['review-safety'],
});
const notBlocked: BlockReasonInfo = {
  class: 'none',
  what: 'the prompt was not blocked',
  todo: 'nothing',
  remediations: [],
};

/** Every block reason of @google/genai 3.1, plus the wire's own zero value. */
export const BLOCK_REASONS: Readonly<Record<string, BlockReasonInfo>> = {
  BLOCKED_REASON_UNSPECIFIED: notBlocked,
  BLOCK_REASON_UNSPECIFIED: notBlocked,
  SAFETY: blockedForSafety('the prompt was blocked by the safety filters'),
  BLOCKLIST: blockedForSafety('the prompt contains a term from a blocklist'),
  PROHIBITED_CONTENT: blockedForSafety('the prompt was blocked for prohibited content'),
  IMAGE_SAFETY: blockedForSafety('an image in the prompt was blocked by the safety filters'),
  // The guide: OTHER means the query may violate the terms of service or be unsupported.
  OTHER: terminal('the prompt may violate the terms of service or is not supported'),
  // A prompt judged to be a jailbreak attempt: re-sending it is exactly what must not happen,
  // and no safety setting governs it.
  JAILBREAK: terminal('the prompt was judged to be a jailbreak attempt'),
  // The caller's own Model Armor policy (Vertex) refused the prompt: an organisational decision
  // that no re-ask can change.
  MODEL_ARMOR: terminal('the prompt was refused by a Model Armor policy'),
};

/**
 * Classify a raw block reason. Empty and unspecified values are `none`. Unknown values are
 * `terminal` unless they name SAFETY: not re-sending a prompt whose block we do not understand is
 * the failure mode that costs nothing.
 */
export function classifyBlockReason(reason: string): BlockReasonInfo {
  const upper = reason.trim().toUpperCase();
  if (upper === '') return notBlocked;
  const known = Object.hasOwn(BLOCK_REASONS, upper) ? BLOCK_REASONS[upper] : undefined;
  if (known) return known;
  if (upper.includes('SAFETY')) return blockedForSafety('the prompt was blocked by a safety filter');
  return terminal(`the prompt was blocked for a reason this library does not know (${reason})`);
}

/** Harm probabilities in rising order (HarmProbability). */
const PROBABILITY_RANK: Readonly<Record<string, number>> = { NEGLIGIBLE: 1, LOW: 2, MEDIUM: 3, HIGH: 4 };
/** Categories named in a finding are capped: the API knows eleven, more would be malformed input. */
const MAX_CATEGORIES = 16;

/** The lowest probability a rating needs to be named when no rating says `blocked`. */
export type ProbabilityFloor = 'LOW' | 'MEDIUM' | 'HIGH';

/**
 * The categories to name for a block: those rated `blocked: true`; when none is, those at or above
 * `floor` (MEDIUM by default: below it only the strictest threshold, BLOCK_LOW_AND_ABOVE, blocks,
 * so naming LOW ratings would mostly name bystanders). Deduplicated, capped.
 */
export function namedCategories(
  ratings: readonly SafetyRatingInfo[],
  floor: ProbabilityFloor = 'MEDIUM',
): string[] {
  const blocked = ratings.filter((rating) => rating.blocked === true);
  const minimum = PROBABILITY_RANK[floor] ?? 3;
  const chosen =
    blocked.length > 0
      ? blocked
      : ratings.filter((rating) => (PROBABILITY_RANK[rating.probability ?? ''] ?? 0) >= minimum);
  const names = new Set<string>();
  for (const rating of chosen) {
    if (names.size >= MAX_CATEGORIES) break;
    names.add(rating.category ?? 'HARM_CATEGORY_UNSPECIFIED');
  }
  return [...names];
}
