import type { GenerateContentResponse } from '@google/genai';
import { createInspector, type Inspector } from '../inspector.js';
import { type ResilientStream, resilientGenerateContentStream } from '../resilience/resilient-stream.js';
import type { AttemptOutput, PreparedAttempt } from './attempt-output.js';
import type { GuardRun } from './guard-run.js';
import type { AbortInfo } from './guard-types.js';
import { type Display, type HeldChunk, Holdback } from './release.js';
import { answerText, mergeResponses } from './responses.js';
import type { GuardStreamEvent } from './stream-events.js';
import { runsToolsItself } from './tool-call-watch.js';
import type { GuardableClient } from './unary-call.js';

/** What a streamed attempt leaves: its output, and the chunks still held back. */
export interface StreamAttemptResult {
  readonly output: AttemptOutput;
  /** Shown only if the attempt is accepted as it is. */
  readonly held: readonly HeldChunk[];
}

/**
 * True for a chunk that ends the stream: it carries a finish reason or a prompt block. When the SDK
 * runs tools itself (`toolsRunBySdk`), a model turn that ends in calls does not end the stream:
 * the SDK runs them and asks again, so stopping there still saves the calls and what follows.
 */
function isLastChunk(chunk: GenerateContentResponse, toolsRunBySdk: boolean): boolean {
  if (toolsRunBySdk && chunk.candidates?.[0]?.content?.parts?.some((part) => part.functionCall)) return false;
  return (
    (chunk.candidates ?? []).some((candidate) => candidate.finishReason !== undefined) ||
    chunk.promptFeedback?.blockReason !== undefined
  );
}

/** What one streamed attempt has read so far, and what it makes of each chunk. */
class AttemptReader {
  private readonly inspector: Inspector;
  private readonly holdback: Holdback;
  private chunks: GenerateContentResponse[] = [];
  private textLength = 0;
  private thoughtChars = 0;
  private readonly toolsRunBySdk: boolean;
  aborted: AbortInfo | undefined;
  /** Set by the transport layer when it restarts the request after output (see `restart`). */
  restarted = false;

  constructor(
    run: GuardRun,
    prepared: PreparedAttempt,
    private readonly watchOnly: boolean,
  ) {
    this.inspector = createInspector(run.inspectorOptions(prepared));
    this.toolsRunBySdk = runsToolsItself(prepared.request);
    this.holdback = new Holdback(run.settings.holdbackChars);
  }

  /** The request restarted from scratch: forget the broken try. */
  restart(): void {
    this.restarted = false;
    this.inspector.reset();
    this.holdback.reset();
    this.chunks = [];
    this.textLength = 0;
    this.thoughtChars = 0;
  }

  /** Inspect a chunk. Returns `stop` at an abort-level finding, else the chunks now safe to show. */
  take(chunk: GenerateContentResponse): { stop: boolean; show: HeldChunk[] } {
    this.chunks.push(chunk);
    const text = answerText(chunk);
    this.textLength += text.length;
    for (const part of chunk.candidates?.[0]?.content?.parts ?? []) {
      if (part.thought === true && typeof part.text === 'string') this.thoughtChars += part.text.length;
    }
    this.inspector.pushChunk(chunk);
    const stopper = this.inspector.abortedBy;
    // `report` watches without acting, so the stream runs to its end.
    if (stopper !== undefined && !this.watchOnly) {
      // A finding on the last chunk (SAFETY, RECITATION) stops nothing: the stream is over.
      if (isLastChunk(chunk, this.toolsRunBySdk)) return { stop: false, show: [] };
      this.aborted = { finding: stopper, chunks: this.chunks.length, textLength: this.textLength };
      return { stop: true, show: [] };
    }
    return { stop: false, show: this.holdback.add(chunk, text) };
  }

  /** End of the attempt: flush the detectors and build its output. */
  finish(stream: ResilientStream, model: string): StreamAttemptResult {
    this.inspector.end();
    const output: AttemptOutput = {
      response: mergeResponses(this.chunks),
      findings: [...this.inspector.findings],
      aborted: this.aborted,
      model: stream.model ?? model,
      transport: stream.attempts,
      notes: stream.notes,
      thoughtChars: this.thoughtChars,
    };
    return { output, held: this.holdback.drain() };
  }
}

/**
 * One streamed attempt: read chunks, inspect each, show those the holdback releases, and stop at
 * the first abort-level finding, which closes the HTTP request (the server sees the disconnect).
 * A transport error after output makes the resilience layer restart the request; the text shown
 * from the broken try is retracted (cause `transport-error`) and inspection starts over.
 */
export async function* streamAttempt(
  client: GuardableClient,
  prepared: PreparedAttempt,
  run: GuardRun,
  display: Display,
): AsyncGenerator<GuardStreamEvent, StreamAttemptResult, undefined> {
  const { retry, signal, onDegenerate } = run.settings;
  const reader = new AttemptReader(run, prepared, onDegenerate === 'report');
  const stream = await resilientGenerateContentStream(client.models, prepared.request, {
    ...retry,
    ...(signal === undefined ? {} : { signal }),
    afterOutput: 'retract',
    onRetract: () => {
      reader.restarted = true;
    },
  });
  let finished = false;
  try {
    while (true) {
      const next = await stream.next();
      if (reader.restarted) {
        reader.restart();
        yield* display.converge(prepared.prefix, prepared.attempt, 'transport-error');
      }
      if (next.done === true) {
        finished = true;
        break;
      }
      const step = reader.take(next.value);
      if (step.stop) break;
      for (const held of step.show) yield display.show(prepared.attempt, held);
    }
  } finally {
    if (!finished) await stream.return(undefined as never);
  }
  return reader.finish(stream, prepared.request.model);
}
