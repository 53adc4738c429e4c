import type { GenerateContentResponse } from '@google/genai';

/**
 * Yield a chunk that was read ahead (to learn whether a stream starts at all), then the rest of
 * the stream, and return its value. Closes `rest` when the consumer leaves before reaching it.
 */
export async function* replay<Summary>(
  first: IteratorResult<GenerateContentResponse, Summary>,
  rest: AsyncGenerator<GenerateContentResponse, Summary, undefined>,
): AsyncGenerator<GenerateContentResponse, Summary, undefined> {
  if (first.done === true) return first.value;
  let delegated = false;
  try {
    yield first.value;
    delegated = true;
    return yield* rest;
  } finally {
    if (!delegated) await rest.return(undefined as never);
  }
}
