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
  const lengths = { text: 0, thought: 0 };
  for (const turn of history) {
    if (!isRecord(turn) || !Array.isArray(turn.parts)) continue;
    if (turn.role === 'model') pushModelTurn(turn.parts, lengths, events);
    else pushUserTurn(turn.parts, events);
  }
  return events;
}

/** Text, thought and call events of a model turn; `lengths` carries the text offsets between turns. */
function pushModelTurn(
  parts: unknown[],
  lengths: { text: number; thought: number },
  events: GuardEvent[],
): void {
  for (const part of parts) {
    if (!isRecord(part)) continue;
    if (typeof part.text === 'string' && part.text !== '') {
      const thought = part.thought === true;
      events.push({
        type: thought ? 'thought-delta' : 'text-delta',
        candidate: 0,
        text: part.text,
        offset: thought ? lengths.thought : lengths.text,
      });
      if (thought) lengths.thought += part.text.length;
      else lengths.text += part.text.length;
    }
    const call = part.functionCall;
    if (isRecord(call)) {
      events.push({
        type: 'function-call',
        candidate: 0,
        name: typeof call.name === 'string' ? call.name : '',
        args: isRecord(call.args) ? call.args : {},
        offset: lengths.text,
        ...(typeof call.id === 'string' ? { id: call.id } : {}),
      });
    }
  }
}

/** Result events of a user (or function) turn, then a new user message if it has text. */
function pushUserTurn(parts: unknown[], events: GuardEvent[]): void {
  let userText = false;
  for (const part of parts) {
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
