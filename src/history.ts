import type { GuardEvent } from './events.js';
import { isRecord } from './normalize.js';

/**
 * Turn a conversation history (`Content[]`: `{role, parts}`) into events, so tool-call loops are
 * seen across model turns. Model turns become text, thought and function-call events for
 * candidate 0; `functionResponse` parts become results; a user turn with text is a new user
 * message. Malformed entries are skipped.
 */
export function normalizeHistory(history: unknown): GuardEvent[] {
  const events: GuardEvent[] = [];
  if (!Array.isArray(history)) return events;
  let textLength = 0;
  let thoughtLength = 0;
  for (const turn of history) {
    if (!isRecord(turn) || !Array.isArray(turn.parts)) continue;
    if (turn.role === 'model') {
      for (const part of turn.parts) {
        if (!isRecord(part)) continue;
        if (typeof part.text === 'string' && part.text !== '') {
          const thought = part.thought === true;
          const offset = thought ? thoughtLength : textLength;
          events.push({
            type: thought ? 'thought-delta' : 'text-delta',
            candidate: 0,
            text: part.text,
            offset,
          });
          if (thought) thoughtLength += part.text.length;
          else textLength += part.text.length;
        }
        const call = part.functionCall;
        if (isRecord(call)) {
          events.push({
            type: 'function-call',
            candidate: 0,
            name: typeof call.name === 'string' ? call.name : '',
            args: isRecord(call.args) ? call.args : {},
            offset: textLength,
            ...(typeof call.id === 'string' ? { id: call.id } : {}),
          });
        }
      }
      continue;
    }
    let userText = false;
    for (const part of turn.parts) {
      if (!isRecord(part)) continue;
      const response = part.functionResponse;
      if (isRecord(response)) {
        events.push({
          type: 'function-response',
          candidate: 0,
          name: typeof response.name === 'string' ? response.name : '',
          response: response.response,
          ...(typeof response.id === 'string' ? { id: response.id } : {}),
        });
      } else if (typeof part.text === 'string' && part.text.trim() !== '') {
        userText = true;
      }
    }
    if (userText) events.push({ type: 'user-turn', candidate: 0 });
  }
  return events;
}
