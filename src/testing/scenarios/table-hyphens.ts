import { DEFAULT_SNIPPETS } from '../../remediation/snippets.js';
import { textReply } from '../reply-builders.js';
import {
  buildScenario,
  DEFAULT_SCENARIO_MODEL,
  type FailureScenario,
  startTemperature,
} from './scenario-kit.js';
import { systemHas, temperatureRemedied } from './wire-checks.js';

/** Hyphens in the runaway separator cell: six times the detector's 640-hyphen abort bar, so the stream is cut early. */
const RUNAWAY_HYPHENS = 4000;
/** Characters per streamed chunk, about what the API sends (16 tokens). */
const CHUNK_SIZE = 64;

const CLEAN_TABLE = '| Planet | Moons |\n|---|---|\n| Earth | 1 |\n| Mars | 2 |\n';

/**
 * `table-hyphens`: the separator row of a Markdown table grows into thousands of hyphens until
 * the token limit. Remedy (GUIDE §1): the table-format snippet in the system instruction, and a
 * temperature of at least 0.8 (Gemini 3: kept at 1.0).
 */
export const tableHyphensScenario: FailureScenario = {
  id: 'table-hyphens',
  title: 'A table separator row runs into thousands of hyphens',
  remedy: 'table-format snippet in the system instruction; temperature >= 0.8 (Gemini 3 kept at 1.0)',
  remediable: true,
  request: (model = DEFAULT_SCENARIO_MODEL) => ({
    model,
    contents: 'Compare the planets of the solar system and their moons in a table.',
    config: { temperature: startTemperature(model), maxOutputTokens: 8192 },
  }),
  isRemedied: (body, model, snippets = DEFAULT_SNIPPETS) =>
    systemHas(body, snippets['table-format']) && temperatureRemedied(model, body),
  create: (options) =>
    buildScenario(
      {
        isRemedied: tableHyphensScenario.isRemedied,
        misbehave: ({ chunkDelayMs }) =>
          textReply({
            text: `| Planet | Moons |\n|${'-'.repeat(RUNAWAY_HYPHENS)}`,
            chunkSize: CHUNK_SIZE,
            chunkDelayMs,
            finishReason: 'MAX_TOKENS',
          }),
        behave: () => textReply({ text: CLEAN_TABLE, chunkSize: CHUNK_SIZE }),
      },
      options,
    ),
};
