import type { GenerateContentParameters, GenerateContentResponse } from '@google/genai';
import { createInspector } from '../inspector.js';
import { normalizeResponse } from '../normalize.js';
import { type GeneratingModels, resilientGenerateContent } from '../resilience/resilient-generate.js';
import type { AttemptOutput, PreparedAttempt } from './attempt-output.js';
import type { GuardSettings } from './guard-options.js';
import { GuardRun, type RunExtras } from './guard-run.js';
import type { GuardResult } from './guard-types.js';
import { ToolCallWatch } from './tool-call-watch.js';

/** A client whose `models` the guard calls (a `GoogleGenAI`, or anything shaped like it). */
export interface GuardableClient {
  readonly models: GeneratingModels & {
    generateContentStream(
      params: GenerateContentParameters,
    ): Promise<AsyncGenerator<GenerateContentResponse>>;
  };
}

/**
 * One guarded non-streaming call: attempt, inspect the whole response, plan, rewrite, re-ask,
 * until an attempt is clean or the bounds stop it. Transient API errors inside an attempt are
 * retried by the resilience layer; a permanent one rejects with its `ApiCallError`.
 */
export async function runGuardedCall(
  client: GuardableClient,
  params: GenerateContentParameters,
  settings: GuardSettings,
  extras: RunExtras = {},
): Promise<GuardResult> {
  const run = new GuardRun(client, params, settings, extras);
  while (true) {
    const prepared = run.prepare();
    const output = await unaryAttempt(client, prepared, run);
    const { record, decision } = run.settle(prepared, output);
    await settings.onAttempt?.(record);
    if (decision.type === 'done') return decision.result;
    if (decision.type === 'fail') throw decision.error;
  }
}

async function unaryAttempt(
  client: GuardableClient,
  prepared: PreparedAttempt,
  run: GuardRun,
): Promise<AttemptOutput> {
  const { retry, signal, onDegenerate } = run.settings;
  // Tools the SDK runs itself report their calls to the inspector as they run (see ToolCallWatch).
  const watch = new ToolCallWatch(
    () => createInspector(run.inspectorOptions(prepared)),
    onDegenerate !== 'report',
  );
  const called = await resilientGenerateContent(
    watch.models(client.models),
    watch.request(prepared.request),
    {
      ...retry,
      ...(signal === undefined ? {} : { signal }),
    },
  );
  const inspector = watch.inspector;
  if (!watch.ranTools) inspector.pushChunk(called.response);
  else {
    // The watch reported the SDK's tool turns and the response's calls as they ran: the rest only.
    const { automaticFunctionCallingHistory: _turns, ...rest } = called.response;
    for (const event of normalizeResponse(rest)) if (event.type !== 'function-call') inspector.push(event);
  }
  inspector.end();
  const note = watch.note;
  let thoughtChars = 0;
  for (const part of called.response.candidates?.[0]?.content?.parts ?? []) {
    if (part.thought === true && typeof part.text === 'string') thoughtChars += part.text.length;
  }
  return {
    response: called.response,
    findings: [...inspector.findings],
    aborted: undefined,
    model: called.model ?? prepared.request.model,
    transport: called.attempts,
    notes: note === undefined ? called.notes : [...called.notes, note],
    thoughtChars,
  };
}
