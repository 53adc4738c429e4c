import { textReply } from '../reply-builders.js';
import { buildScenario, DEFAULT_SCENARIO_MODEL, type FailureScenario } from './scenario-kit.js';
import { schemaRemedied } from './wire-checks.js';

/** Copies of the repeated array item: far past the detector's abort bar (8 copies over 512 characters). */
const RUNAWAY_ITEMS = 300;
const CHUNK_SIZE = 64;

/** The article schema: only `title` is required, and the order is left open. */
const ARTICLE_SCHEMA = {
  type: 'OBJECT',
  properties: {
    title: { type: 'STRING' },
    summary: { type: 'STRING' },
    tags: { type: 'ARRAY', items: { type: 'STRING' } },
  },
  required: ['title'],
};

/**
 * `schema-order`: structured output emits the fields out of the schema's order and then repeats
 * one array item until the token limit. Remedy (GUIDE §1): every field required and the order
 * fixed by the schema (`propertyOrdering`), not by the prompt.
 */
export const schemaOrderScenario: FailureScenario = {
  id: 'schema-order',
  title: 'Structured output repeats one array item after fields come out of order',
  remedy: 'every schema field required; propertyOrdering from the declaration order',
  remediable: true,
  request: (model = DEFAULT_SCENARIO_MODEL) => ({
    model,
    contents: 'Summarise the article as JSON. Output the fields in this order: tags, summary, title.',
    config: { responseMimeType: 'application/json', responseSchema: ARTICLE_SCHEMA, maxOutputTokens: 8192 },
  }),
  isRemedied: (body) => schemaRemedied(body),
  create: (options) =>
    buildScenario(
      {
        isRemedied: schemaOrderScenario.isRemedied,
        misbehave: ({ chunkDelayMs }) =>
          textReply({
            text: `{"tags": [${'"machine learning", '.repeat(RUNAWAY_ITEMS)}`,
            chunkSize: CHUNK_SIZE,
            chunkDelayMs,
            finishReason: 'MAX_TOKENS',
          }),
        behave: () =>
          textReply({
            text: '{"title": "Guarded calls", "summary": "Loops are caught early.", "tags": ["gemini", "streams"]}',
            chunkSize: CHUNK_SIZE,
          }),
      },
      options,
    ),
};
