import type { GenerateContentParameters } from '@google/genai';

/** Where a text sits in a request. */
export type TextSource = 'contents' | 'systemInstruction' | 'schema';

/** One text of a request and the path that reaches it (for example `['contents', 0, 'parts', 1, 'text']`). */
export interface RequestText {
  readonly path: readonly (string | number)[];
  readonly text: string;
  readonly source: TextSource;
  /** The role of the `Content` the text belongs to (`user`, `model`), when there is one. */
  readonly role: string | undefined;
}

/** Objects deeper than this in a response schema are not searched (real schemas are a few levels deep). */
const MAX_SCHEMA_DEPTH = 32;

/**
 * Every text a request sends to the model: the contents and the system instruction in each form
 * the SDK accepts (string, Part, Part[], Content, Content[]), plus descriptions and examples in
 * the response schema. Never throws on odd shapes; unknown values are skipped.
 */
export function collectRequestTexts(params: GenerateContentParameters): RequestText[] {
  const found: RequestText[] = [];
  if (typeof params !== 'object' || params === null) return found;
  walkContentList(params.contents, ['contents'], 'contents', found);
  const config = params.config;
  if (typeof config === 'object' && config !== null) {
    walkContentList(config.systemInstruction, ['config', 'systemInstruction'], 'systemInstruction', found);
    walkSchema(config.responseSchema, ['config', 'responseSchema'], false, 0, found);
    walkSchema(config.responseJsonSchema, ['config', 'responseJsonSchema'], false, 0, found);
  }
  return found;
}

function walkContentList(
  value: unknown,
  path: (string | number)[],
  source: TextSource,
  found: RequestText[],
): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      walkContentOrPart(item, [...path, index], source, found);
    });
    return;
  }
  walkContentOrPart(value, path, source, found);
}

function walkContentOrPart(
  value: unknown,
  path: (string | number)[],
  source: TextSource,
  found: RequestText[],
): void {
  if (typeof value === 'string') {
    found.push({ path, text: value, source, role: undefined });
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const parts = (value as { parts?: unknown }).parts;
  if (Array.isArray(parts)) {
    const role = (value as { role?: unknown }).role;
    parts.forEach((part, index) => {
      walkPart(part, [...path, 'parts', index], source, typeof role === 'string' ? role : undefined, found);
    });
    return;
  }
  walkPart(value, path, source, undefined, found);
}

function walkPart(
  part: unknown,
  path: (string | number)[],
  source: TextSource,
  role: string | undefined,
  found: RequestText[],
): void {
  if (typeof part === 'string') {
    found.push({ path, text: part, source, role });
    return;
  }
  if (typeof part !== 'object' || part === null) return;
  const text = (part as { text?: unknown }).text;
  // Thoughts the caller passes back are the model's, not instructions; they are left alone.
  if (typeof text === 'string' && (part as { thought?: unknown }).thought !== true) {
    found.push({ path: [...path, 'text'], text, source, role });
  }
}

/** Keys whose string values are shown to the model as guidance or examples. */
const SCHEMA_TEXT_KEYS = new Set(['description', 'example', 'examples', 'default']);

function walkSchema(
  node: unknown,
  path: (string | number)[],
  inText: boolean,
  depth: number,
  found: RequestText[],
): void {
  if (depth > MAX_SCHEMA_DEPTH) return;
  if (typeof node === 'string') {
    if (inText) found.push({ path, text: node, source: 'schema', role: undefined });
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  if (Array.isArray(node)) {
    node.forEach((item, index) => {
      walkSchema(item, [...path, index], inText, depth + 1, found);
    });
    return;
  }
  for (const [key, child] of Object.entries(node)) {
    walkSchema(child, [...path, key], inText || SCHEMA_TEXT_KEYS.has(key), depth + 1, found);
  }
}

/**
 * A copy of `root` with the value at `path` replaced. Only the objects and arrays along the path
 * are copied; everything else (abort signals, tools, callable objects) is shared, and the
 * input is never mutated. A path that does not exist leaves the value unchanged.
 */
export function setAtPath<T>(root: T, path: readonly (string | number)[], value: unknown): T {
  return replaceAt(root, path, 0, value) as T;
}

function replaceAt(
  node: unknown,
  path: readonly (string | number)[],
  index: number,
  value: unknown,
): unknown {
  if (index === path.length) return value;
  const key = path[index] as string | number;
  if (Array.isArray(node) && typeof key === 'number' && key < node.length) {
    const copy = node.slice();
    copy[key] = replaceAt(node[key], path, index + 1, value);
    return copy;
  }
  if (typeof node === 'object' && node !== null && !Array.isArray(node) && Object.hasOwn(node, key)) {
    const record = node as Record<string | number, unknown>;
    return { ...record, [key]: replaceAt(record[key], path, index + 1, value) };
  }
  return node;
}
