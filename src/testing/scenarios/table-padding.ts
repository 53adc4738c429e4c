import { DEFAULT_SNIPPETS } from '../../remediation/snippets.js';
import { textReply } from '../reply-builders.js';
import {
  buildScenario,
  DEFAULT_SCENARIO_MODEL,
  type FailureScenario,
  startTemperature,
} from './scenario-kit.js';
import { systemHas, temperatureRemedied } from './wire-checks.js';

/** Padding spaces in the runaway cell: six times the detector's 640-space abort bar. */
const RUNAWAY_SPACES = 4000;
const CHUNK_SIZE = 64;

const CLEAN_TABLE = '| Name | Role |\n|---|---|\n| Ada | engineer |\n| Grace | admiral |\n';

/**
 * `table-padding`: a table cell is padded with thousands of spaces to line the columns up.
 * Remedy (GUIDE §1): the table-heading-pipe snippet (` |` right after each heading) and a
 * temperature of at least 0.8 (Gemini 3: kept at 1.0).
 */
export const tablePaddingScenario: FailureScenario = {
  id: 'table-padding',
  title: 'A table cell is padded with thousands of spaces',
  remedy: 'table-heading-pipe snippet in the system instruction; temperature >= 0.8 (Gemini 3 kept at 1.0)',
  remediable: true,
  request: (model = DEFAULT_SCENARIO_MODEL) => ({
    model,
    contents: 'List the team members and their roles as a table with aligned columns.',
    config: { temperature: startTemperature(model), maxOutputTokens: 8192 },
  }),
  isRemedied: (body, model, snippets = DEFAULT_SNIPPETS) =>
    systemHas(body, snippets['table-heading-pipe']) && temperatureRemedied(model, body),
  create: (options) =>
    buildScenario(
      {
        isRemedied: tablePaddingScenario.isRemedied,
        misbehave: ({ chunkDelayMs }) =>
          textReply({
            text: `| Name | Role |\n|---|---|\n| Ada${' '.repeat(RUNAWAY_SPACES)}`,
            chunkSize: CHUNK_SIZE,
            chunkDelayMs,
            finishReason: 'MAX_TOKENS',
          }),
        behave: () => textReply({ text: CLEAN_TABLE, chunkSize: CHUNK_SIZE }),
      },
      options,
    ),
};
