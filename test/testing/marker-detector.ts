import type { GuardEvent } from '../../src/events.js';
import type { Detector, Finding } from '../../src/finding.js';
import type { InspectorOptions } from '../../src/inspector.js';

/** The text the test detector looks for. Its characters are all different, so a simple matcher is exact. */
export const MARKER = '#HALT!';

/**
 * A test-only detector: an abort finding each time the answer text contains {@link MARKER},
 * matched character by character so pieces may split it anywhere; at the end, one info finding
 * with the number of text characters it saw. Every event it receives is appended to `seen`.
 */
export function createMarkerDetector(seen: GuardEvent[] = []): Detector {
  let matched = 0;
  let characters = 0;
  return {
    id: 'marker',
    push(event) {
      seen.push(event);
      if (event.type !== 'text-delta') return [];
      const found: Finding[] = [];
      for (let index = 0; index < event.text.length; index += 1) {
        const char = event.text[index];
        matched = char === MARKER[matched] ? matched + 1 : char === MARKER[0] ? 1 : 0;
        if (matched === MARKER.length) {
          const end = event.offset + index + 1;
          found.push(markerFinding(event.candidate, end - MARKER.length, end));
          matched = 0;
        }
      }
      characters += event.text.length;
      return found;
    },
    end() {
      return [{ ...markerFinding(0, 0, 0), severity: 'info', message: 'summary', data: { characters } }];
    },
    reset() {
      matched = 0;
      characters = 0;
    },
  };
}

function markerFinding(candidate: number, start: number, end: number): Finding {
  return {
    detector: 'marker',
    severity: 'abort',
    message: 'The marker appeared.',
    candidate,
    channel: 'text',
    start,
    end,
    evidence: MARKER,
    remediations: [],
  };
}

/** Inspector options with only the marker detector: the built-in set is off (empty `only`). */
export const MARKER_ONLY: InspectorOptions = { only: [], custom: [() => createMarkerDetector()] };
