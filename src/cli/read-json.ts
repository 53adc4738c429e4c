import { type CommandIo, readSource, UsageProblem } from './inspect-command.js';

/** Read a JSON file (or standard input for `-`): unreadable or invalid JSON is a usage problem naming it. */
export function readJsonFile(path: string, io: CommandIo): unknown {
  const text = readSource(path, io);
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'invalid JSON';
    throw new UsageProblem(`${path === '-' ? 'standard input' : path} is not valid JSON (${reason})`);
  }
}

/** The message of a usage problem, or of an `InvalidOptionsError`; `undefined` for anything else. */
export function usageMessage(error: unknown): string | undefined {
  if (error instanceof UsageProblem) return error.message;
  if (error instanceof Error && error.name === 'InvalidOptionsError') return error.message;
  return undefined;
}
