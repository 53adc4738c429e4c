import { z } from 'zod';

/**
 * Longest wait a reply may script, in ms. Test timeouts are 30 s (vitest.config.ts), so a longer
 * delay is almost certainly seconds typed where milliseconds were meant.
 */
export const MAX_DELAY_MS = 30_000;

const delay = z
  .number()
  .finite()
  .min(0, 'must be 0 or more (milliseconds)')
  .max(MAX_DELAY_MS, `must be at most ${MAX_DELAY_MS} ms`);
const count = z.number().int('must be an integer').min(0, 'must be 0 or more');
const record = z.record(z.string(), z.unknown());

/** Error options shared by `errorReply` and a mid-stream error event. */
export const errorOptionsShape = {
  message: z.string().optional(),
  apiStatus: z.string().min(1).optional(),
  retryDelay: z.union([z.string(), z.number().finite().min(0)]).optional(),
  details: z.array(record).optional(),
};

const errorEventSchema = z
  .object({ status: z.number().int().min(400).max(599).optional(), ...errorOptionsShape })
  .strict();

/** The fault fields of a reply (see `StreamFaults`). */
export const faultsShape = {
  chunkDelayMs: delay.optional(),
  headersDelayMs: delay.optional(),
  dropAfterChunks: count.optional(),
  errorEventAfterChunks: count.optional(),
  errorEvent: errorEventSchema.optional(),
  malformedAfterChunks: count.optional(),
};

const FAULT_KEYS = ['dropAfterChunks', 'errorEventAfterChunks', 'malformedAfterChunks'] as const;

/** Adds an issue when more than one terminal fault is set: a reply can only end one way. */
export function oneFaultAtMost(value: Record<string, unknown>, context: z.RefinementCtx): void {
  const set = FAULT_KEYS.filter((key) => value[key] !== undefined);
  if (set.length > 1) {
    context.addIssue({
      code: 'custom',
      path: [set[1] as string],
      message: `only one of ${FAULT_KEYS.join(', ')} may be set (got ${set.join(' and ')})`,
    });
  }
}

/** Options of `chunksReply`'s fault argument. */
export const faultsSchema = z.object(faultsShape).strict().superRefine(oneFaultAtMost);

const functionCallSchema = z
  .object({
    name: z.string().min(1, 'must not be empty'),
    args: record.optional(),
    id: z.string().optional(),
  })
  .strict();

/** Options of `textReply`. */
export const textReplySchema = z
  .object({
    text: z.string().optional(),
    chunks: z.array(z.string()).optional(),
    chunkSize: z.number().int('must be an integer').min(1, 'must be at least 1').optional(),
    thoughts: z.array(z.string()).optional(),
    functionCalls: z.array(functionCallSchema).optional(),
    finishReason: z.string().min(1).nullable().optional(),
    finishMessage: z.string().optional(),
    safetyRatings: z.array(record).optional(),
    citations: z.array(record).optional(),
    promptFeedback: record.optional(),
    usage: z.record(z.string(), z.number()).nullable().optional(),
    modelVersion: z.string().optional(),
    responseId: z.string().optional(),
    ...faultsShape,
  })
  .strict()
  .superRefine((value, context) => {
    oneFaultAtMost(value, context);
    if (value.text !== undefined && value.chunks !== undefined) {
      context.addIssue({ code: 'custom', path: ['chunks'], message: 'set either text or chunks, not both' });
    }
    if (value.chunkSize !== undefined && value.text === undefined) {
      context.addIssue({ code: 'custom', path: ['chunkSize'], message: 'chunkSize splits text; set text' });
    }
  });

/** Options of `errorReply`. */
export const errorReplySchema = z.object({ ...errorOptionsShape, headersDelayMs: delay.optional() }).strict();

/** Options of `startFakeGemini`. */
export const fakeGeminiOptionsSchema = z
  .object({
    scenario: z.custom((value) => typeof value === 'function', 'must be a function').optional(),
    seed: z.number().int('must be an integer').optional(),
    chunkDelayMs: delay.optional(),
    port: z.number().int('must be an integer').min(0).max(65_535).optional(),
  })
  .strict();
