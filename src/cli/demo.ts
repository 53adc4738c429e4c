import type { CommandIo } from './inspect-command.js';

/** The `npm start` walkthrough (filled in once the loopback server lands). */
export async function runDemo(io: CommandIo): Promise<number> {
  io.stdout('gemini-output-guard demo\n');
  return 0;
}
