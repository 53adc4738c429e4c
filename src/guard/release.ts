import type { GenerateContentResponse } from '@google/genai';
import type { Finding } from '../finding.js';
import { textChunk } from './responses.js';
import { commonPrefixLength, type GuardStreamEvent, type RetractionCause } from './stream-events.js';

/** A received chunk waiting to be shown, with the answer text it adds. */
export interface HeldChunk {
  readonly chunk: GenerateContentResponse;
  readonly text: string;
  /** Answer characters received up to the end of this chunk. */
  readonly end: number;
}

/**
 * Holds an attempt's chunks back until they lie at least `holdback` answer characters behind the
 * newest text received. Chunks the detectors later stop on are then never shown. Memory: the
 * held chunks, about `holdback` characters of text plus one chunk.
 */
export class Holdback {
  private queue: HeldChunk[] = [];
  private received = 0;

  constructor(private readonly holdback: number) {}

  /** Take a chunk; returns the chunks now safe to show, oldest first. */
  add(chunk: GenerateContentResponse, text: string): HeldChunk[] {
    this.received += text.length;
    this.queue.push({ chunk, text, end: this.received });
    const limit = this.received - this.holdback;
    let count = 0;
    while (count < this.queue.length && (this.queue[count] as HeldChunk).end <= limit) count += 1;
    return count === 0 ? [] : this.queue.splice(0, count);
  }

  /** Everything still held (the attempt was accepted), and forget it. */
  drain(): HeldChunk[] {
    return this.queue.splice(0);
  }

  /** Forget everything (the attempt restarted). */
  reset(): void {
    this.queue = [];
    this.received = 0;
  }
}

/**
 * The answer text a streaming caller has been shown, kept so that every retraction says exactly
 * how much stays valid, and so the display can be brought to any target text with one
 * retraction and one append.
 */
export class Display {
  private shown = '';

  constructor(
    private readonly onRetract?: (
      notice: Omit<GuardStreamEvent & { type: 'retract' }, 'type'>,
    ) => void | Promise<void>,
  ) {}

  /** The text shown so far. */
  get text(): string {
    return this.shown;
  }

  /** A chunk event that appends `held.text`. */
  show(attempt: number, held: { chunk: GenerateContentResponse; text: string }): GuardStreamEvent {
    this.shown += held.text;
    return { type: 'chunk', attempt, chunk: held.chunk, text: held.text };
  }

  /**
   * Bring the display to `target`: retract back to the longest common prefix (one `retract`
   * event, the hook awaited), then append the rest of `target` as one synthetic chunk.
   */
  async *converge(
    target: string,
    attempt: number,
    cause: RetractionCause,
    finding?: Finding,
  ): AsyncGenerator<GuardStreamEvent, void, undefined> {
    const keep = commonPrefixLength(this.shown, target);
    if (keep < this.shown.length) {
      const notice = {
        attempt,
        keep,
        retracted: this.shown.length - keep,
        cause,
        ...(finding ? { finding } : {}),
      };
      this.shown = this.shown.slice(0, keep);
      await this.onRetract?.(notice);
      yield { type: 'retract', ...notice };
    }
    if (target.length > keep)
      yield this.show(attempt, { chunk: textChunk(target.slice(keep)), text: target.slice(keep) });
  }
}
