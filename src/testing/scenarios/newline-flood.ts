import { DEFAULT_SNIPPETS } from '../../remediation/snippets.js';
import { textReply } from '../reply-builders.js';
import { buildScenario, DEFAULT_SCENARIO_MODEL, type FailureScenario } from './scenario-kit.js';
import { escapesRewritten, systemHas } from './wire-checks.js';

/** Escaped line breaks in the runaway string: far past the detector's in-string abort bar of 8. */
const RUNAWAY_BREAKS = 2000;
const CHUNK_SIZE = 64;

/**
 * `newline-flood`: a JSON string fills with escaped line breaks until the token limit, because the
 * prompt's JSON example uses `\u` and `\t` escapes the model imitates. Remedy (GUIDE §1): rewrite
 * those escapes into the characters, and the escape-policy snippet in the system instruction.
 */
export const newlineFloodScenario: FailureScenario = {
  id: 'newline-flood',
  title: 'A JSON string floods with escaped line breaks',
  remedy: 'escapes in the prompt rewritten to UTF-8; escape-policy snippet in the system instruction',
  remediable: true,
  request: (model = DEFAULT_SCENARIO_MODEL) => ({
    model,
    contents:
      'Describe the café as JSON like this example: {"name": "Caf\\u00e9 Mart\\u00edn", "notes": "open\\tdaily"}',
    config: { responseMimeType: 'application/json', maxOutputTokens: 8192 },
  }),
  isRemedied: (body, _model, snippets = DEFAULT_SNIPPETS) =>
    escapesRewritten(body) && systemHas(body, snippets['escape-policy']),
  create: (options) =>
    buildScenario(
      {
        isRemedied: newlineFloodScenario.isRemedied,
        misbehave: ({ chunkDelayMs }) =>
          textReply({
            text: `{"name": "Café Martín", "notes": "${'\\n'.repeat(RUNAWAY_BREAKS)}`,
            chunkSize: CHUNK_SIZE,
            chunkDelayMs,
            finishReason: 'MAX_TOKENS',
          }),
        behave: () =>
          textReply({ text: '{"name": "Café Martín", "notes": "open daily"}', chunkSize: CHUNK_SIZE }),
      },
      options,
    ),
};
