/**
 * A tiny seeded pseudo-random generator (mulberry32): 32 bits of state, good enough to script
 * varied but reproducible test replies. Not for anything security-related.
 */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 0x1_0000_0000;
  };
}

/**
 * Derive the seed of one request from the server seed and the request's position, so each
 * request draws its own sequence whatever order concurrent requests are served in.
 */
export function seedFor(serverSeed: number, requestIndex: number): number {
  // Multiplying by an odd constant spreads neighbouring indexes over the whole 32-bit range.
  return (Math.trunc(serverSeed) ^ Math.imul(requestIndex + 1, 0x9e3779b1)) >>> 0;
}
