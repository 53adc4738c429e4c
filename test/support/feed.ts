import type { Detector, Finding } from '../../src/finding.js';

/** Split `text` into pieces of `size` UTF-16 units (the last may be shorter). */
export function splitEvery(text: string, size: number): string[] {
  const pieces: string[] = [];
  for (let offset = 0; offset < text.length; offset += size) pieces.push(text.slice(offset, offset + size));
  return pieces;
}

/** Split `text` at pseudo-random points drawn from a small seeded generator. */
export function splitRandomly(text: string, seed: number, maxPiece = 40): string[] {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
  const pieces: string[] = [];
  let offset = 0;
  while (offset < text.length) {
    const size = 1 + Math.floor(next() * maxPiece);
    pieces.push(text.slice(offset, offset + size));
    offset += size;
  }
  return pieces;
}

/**
 * Feed text pieces to a fresh detector as `text-delta` (or `thought-delta`) events of candidate 0,
 * then end it. Returns every finding in order.
 */
export function feedPieces(
  detector: Detector,
  pieces: readonly string[],
  channel: 'text' | 'thought' = 'text',
): Finding[] {
  const findings: Finding[] = [];
  let offset = 0;
  for (const text of pieces) {
    if (text === '') continue;
    findings.push(
      ...detector.push({
        type: channel === 'text' ? 'text-delta' : 'thought-delta',
        candidate: 0,
        text,
        offset,
      }),
    );
    offset += text.length;
  }
  findings.push(...detector.end());
  return findings;
}

/**
 * Feed the same text whole, one character at a time, in 7- and 64-char pieces, and at three
 * random splittings; returns the findings of each way, keyed by a label. Tests assert they are equal.
 */
export function feedEveryWay(create: () => Detector, text: string): Record<string, Finding[]> {
  const ways: Record<string, string[]> = {
    whole: [text],
    'one char': splitEvery(text, 1),
    '7 chars': splitEvery(text, 7),
    '64 chars': splitEvery(text, 64),
    'random 1': splitRandomly(text, 1),
    'random 2': splitRandomly(text, 2, 5),
    'random 3': splitRandomly(text, 3, 300),
  };
  const out: Record<string, Finding[]> = {};
  for (const [label, pieces] of Object.entries(ways)) out[label] = feedPieces(create(), pieces);
  return out;
}

/** Pieces of 8 to 32 units, the sizes a Gemini stream delivers, from a seeded generator. */
export function streamChunks(text: string, seed: number): string[] {
  const sizes = splitRandomly('x'.repeat(text.length * 2), seed, 25).map((piece) => piece.length + 7);
  const pieces: string[] = [];
  for (let offset = 0, index = 0; offset < text.length; index += 1) {
    const size = sizes[index] ?? 8;
    pieces.push(text.slice(offset, offset + size));
    offset += size;
  }
  return pieces;
}

/** Feed pieces and remember, for each finding, the range of the piece whose push returned it. */
export function feedTracked(detector: Detector, pieces: readonly string[]) {
  const out: { finding: Finding; pieceStart: number; pieceEnd: number }[] = [];
  let offset = 0;
  for (const text of pieces) {
    for (const finding of detector.push({ type: 'text-delta', candidate: 0, text, offset })) {
      out.push({ finding, pieceStart: offset, pieceEnd: offset + text.length });
    }
    offset += text.length;
  }
  for (const finding of detector.end()) out.push({ finding, pieceStart: offset, pieceEnd: offset });
  return out;
}
