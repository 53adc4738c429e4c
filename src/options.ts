import type { z } from 'zod';
import type { Issue } from './errors/guard-error.js';
import { InvalidOptionsError } from './errors/invalid-options-error.js';

/** Turn zod's issues into ours: `{code, path, message}` with the caller's path prefix. */
export function toIssues(error: z.ZodError, prefix: readonly (string | number)[] = []): Issue[] {
  return error.issues.map((issue) => ({
    code: issue.code,
    path: [...prefix, ...issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key))],
    message: issue.message,
  }));
}

/**
 * Validate options once, at creation. Returns the parsed value (defaults filled in) or throws
 * {@link InvalidOptionsError} naming every bad path.
 */
export function parseOptions<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  what: string,
  prefix: readonly (string | number)[] = [],
): z.output<Schema> {
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw new InvalidOptionsError(what, toIssues(result.error, prefix));
  return result.data;
}
