import type { Content, ContentListUnion, GenerateContentParameters, Part } from '@google/genai';
import type { Finding } from '../finding.js';
import continueRequest from './continue-request.md';

/** The user turn that asks the model to go on from the kept prefix (`continue-request.md`). */
export const CONTINUE_INSTRUCTION = continueRequest.trim();

/**
 * The clean beginning of a degenerate answer: the text before the earliest abort-level finding
 * in the answer text, cut back to the last line break before it so a half-written line or table
 * row is not kept. Empty when the answer has no usable beginning.
 */
export function cleanPrefix(text: string, findings: readonly Finding[]): string {
  let cut = text.length;
  for (const finding of findings) {
    if (finding.severity === 'abort' && finding.channel === 'text') cut = Math.min(cut, finding.start);
  }
  if (cut >= text.length) return text;
  const lineBreak = text.lastIndexOf('\n', cut - 1);
  return text.slice(0, lineBreak < 0 ? 0 : lineBreak + 1);
}

/**
 * The request that continues instead of starting over: the original contents, then the kept
 * prefix as the model's turn, then a user turn asking it to continue. Everything else (config,
 * remediation already applied) is kept. Never mutates `request`.
 */
export function continuationRequest(
  request: GenerateContentParameters,
  prefix: string,
  instruction: string = CONTINUE_INSTRUCTION,
): GenerateContentParameters {
  return {
    ...request,
    contents: [
      ...toContentList(request.contents),
      { role: 'model', parts: [{ text: prefix }] },
      { role: 'user', parts: [{ text: instruction }] },
    ],
  };
}

/**
 * `contents` in any form the SDK accepts (a string, a Part, a Content, or an array of them) as a
 * list of Contents: runs of strings and Parts become one user turn, as the SDK sends them.
 */
export function toContentList(contents: ContentListUnion): Content[] {
  const items: unknown[] = Array.isArray(contents) ? contents : [contents];
  const list: Content[] = [];
  let loose: Part[] = [];
  const flush = () => {
    if (loose.length > 0) list.push({ role: 'user', parts: loose });
    loose = [];
  };
  for (const item of items) {
    if (isContent(item)) {
      flush();
      list.push(item);
    } else if (typeof item === 'string') {
      loose.push({ text: item });
    } else if (typeof item === 'object' && item !== null) {
      loose.push(item as Part);
    }
  }
  flush();
  return list;
}

function isContent(value: unknown): value is Content {
  return typeof value === 'object' && value !== null && Array.isArray((value as { parts?: unknown }).parts);
}
