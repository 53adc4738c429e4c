import { GoogleGenAI } from '@google/genai';
import { createColors } from 'picocolors';
import type { Finding } from '../finding.js';
import { guard } from '../guard/guard.js';
import type { GuardAttempt, GuardResult } from '../guard/guard-types.js';
import { planSteps } from '../remediation/plan-types.js';
import { clearGenaiEnv, createTestClient } from '../testing/client.js';
import { startFakeGemini } from '../testing/fake-gemini.js';
import { FAILURE_SCENARIOS, type FailureScenario } from '../testing/scenarios/index.js';
import type { FakeGemini, FakeRequest } from '../testing/types.js';
import type { CommandIo } from './inspect-command.js';

/** The model the walkthrough asks; the loopback server answers for any name. */
const DEMO_MODEL = 'gemini-2.5-flash';
/** Live call: small, so a demo run costs next to nothing. */
const LIVE_MAX_OUTPUT_TOKENS = 512;
/** Answers are shown up to this many characters. */
const EXCERPT_LENGTH = 72;

type Colors = ReturnType<typeof createColors>;

/**
 * The `npm start` walkthrough. Starts the loopback Gemini server and, for every failure mode,
 * makes one guarded streaming call through the real SDK, then prints where the problem was
 * detected, when the stream was aborted (and that the server saw the disconnect), the remedy
 * applied, the outcome of the re-ask and the tokens saved. With GEMINI_API_KEY set it also makes
 * one small guarded call to the live API. Returns the exit code (0).
 */
export async function runDemo(io: CommandIo): Promise<number> {
  const colors = createColors(io.color);
  const liveKey = process.env.GEMINI_API_KEY;
  io.stdout(
    `${colors.bold('gemini-output-guard demo')}: every failure mode against the loopback Gemini server\n`,
  );
  io.stdout(colors.dim('(the real @google/genai client, streaming; no API key needed)\n'));
  const restore = clearGenaiEnv();
  const fake = await startFakeGemini({ seed: 1 });
  const savedByMode: number[] = [];
  try {
    const ai = createTestClient(fake.baseUrl);
    for (const [index, scenario] of FAILURE_SCENARIOS.entries()) {
      const result = await walkThrough(ai, fake, scenario);
      savedByMode.push(result.result.totals.savedByAbort);
      io.stdout(describeMode(index + 1, scenario, result, colors));
    }
  } finally {
    await fake.close();
    restore();
  }
  const total = savedByMode.reduce((sum, saved) => sum + saved, 0);
  io.stdout(
    `\n${colors.bold('Total')}: about ${format(total)} output tokens not generated thanks to early aborts.\n`,
  );
  if (liveKey) await runLive(io, liveKey, colors);
  return 0;
}

/** One failure mode: its scenario on the server, one guarded stream read to the end. */
async function walkThrough(
  ai: GoogleGenAI,
  fake: FakeGemini,
  scenario: FailureScenario,
): Promise<{ result: GuardResult; requests: readonly FakeRequest[] }> {
  fake.setScenario(scenario.create());
  const first = fake.requests.length;
  const guarded = guard(ai, { maxAttempts: 3 });
  const events = guarded.stream(scenario.request(DEMO_MODEL));
  let next = await events.next();
  while (next.done !== true) next = await events.next();
  await fake.settled();
  return { result: next.value, requests: fake.requests.slice(first) };
}

function describeMode(
  number: number,
  scenario: FailureScenario,
  run: { result: GuardResult; requests: readonly FakeRequest[] },
  colors: Colors,
): string {
  const { result, requests } = run;
  const first = result.attempts[0];
  const lines = [`\n${colors.bold(`${number}. ${scenario.id}`)}: ${scenario.title}`];
  if (first) {
    lines.push(line('detected', detection(first), colors));
    lines.push(line('aborted', abortLine(first, requests[0]), colors));
    lines.push(line('remedy', remedyLine(result, scenario), colors));
  }
  lines.push(line('outcome', outcomeLine(result), colors));
  lines.push(line('tokens', tokenLine(result, first), colors));
  return `${lines.join('\n')}\n`;
}

function line(label: string, text: string, colors: Colors): string {
  return `   ${colors.cyan(label.padEnd(10))}${text}`;
}

function detection(attempt: GuardAttempt): string {
  const finding: Finding | undefined =
    attempt.aborted?.finding ?? attempt.findings.find((each) => each.severity === 'abort');
  if (!finding) return 'nothing found';
  return `${finding.detector} (${finding.severity}) at character ${finding.start} of attempt ${attempt.attempt}: ${excerpt(finding.message)}`;
}

function abortLine(attempt: GuardAttempt, request: FakeRequest | undefined): string {
  const aborted = attempt.aborted;
  if (!aborted) {
    const finish = attempt.finishReason ?? 'no finish reason';
    return `not needed: the response ended on its own (${finish})`;
  }
  const planned = request?.chunksPlanned ?? 0;
  const disconnect = request?.clientDisconnected
    ? 'the server saw the client disconnect'
    : 'the server finished first';
  return `after ${aborted.chunks} of ${planned} chunks (${aborted.textLength} characters received); ${disconnect}`;
}

function remedyLine(result: GuardResult, scenario: FailureScenario): string {
  const second = result.attempts[1];
  if (!second?.plan) {
    if (result.stopReason === 'terminal')
      return 'none: the block is terminal, so no re-ask (retrying does not help)';
    if (result.stopReason === 'needs-safety-policy') {
      return 'none by default: safety settings are relaxed only by an explicit caller safetyPolicy';
    }
    return `none applied (${scenario.remedy})`;
  }
  return planSteps(second.plan).join(', ');
}

function outcomeLine(result: GuardResult): string {
  const calls = result.response.functionCalls ?? [];
  const answer =
    result.text === '' && calls.length > 0
      ? calls.map((call) => `${call.name}(${JSON.stringify(call.args ?? {})})`).join(', ')
      : JSON.stringify(excerpt(result.text));
  if (result.ok) return `clean on attempt ${result.chosen} of ${result.attempts.length}: ${answer}`;
  const shown = result.text === '' ? 'nothing to show' : `best attempt kept: ${answer}`;
  return `${result.stopReason} after ${result.attempts.length} attempt(s); ${shown}`;
}

function tokenLine(result: GuardResult, first: GuardAttempt | undefined): string {
  const { totals } = result;
  const cap = first?.request.config.maxOutputTokens;
  const against = typeof cap === 'number' ? ` (against maxOutputTokens ${format(cap)})` : '';
  return `used ${format(totals.outputTokens)}, wasted ${format(totals.wastedTokens)}, saved by aborting early about ${format(totals.savedByAbort)}${against}`;
}

/** One small guarded call to the live API (only with GEMINI_API_KEY set). Failures are printed, not thrown. */
async function runLive(io: CommandIo, apiKey: string, colors: Colors): Promise<void> {
  io.stdout(`\n${colors.bold('Live')}: one guarded call to the Gemini API (GEMINI_API_KEY is set)\n`);
  try {
    const guarded = guard(new GoogleGenAI({ apiKey }), { maxAttempts: 2 });
    const result = await guarded.generate({
      model: DEMO_MODEL,
      contents: 'Give a three-row Markdown table of planets and their number of moons.',
      config: { maxOutputTokens: LIVE_MAX_OUTPUT_TOKENS },
    });
    for (const attempt of result.attempts) {
      io.stdout(
        `   attempt ${attempt.attempt}: ${attempt.verdict}, finish ${attempt.finishReason ?? '-'}, ${format(attempt.tokens.output)} output tokens\n`,
      );
    }
    io.stdout(`   ${result.ok ? 'clean' : result.stopReason}: ${JSON.stringify(excerpt(result.text))}\n`);
  } catch (error) {
    io.stdout(`   the live call failed: ${error instanceof Error ? error.message : String(error)}\n`);
  }
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH - 1)}…` : flat;
}

function format(value: number): string {
  return value.toLocaleString('en-US');
}
