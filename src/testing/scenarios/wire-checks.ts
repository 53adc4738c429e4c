/**
 * Checks on a request body as the loopback server received it (the wire JSON the SDK sent):
 * is the documented remediation in it? Scenarios misbehave until it is.
 */
import { isRecord } from '../../normalize.js';
import { rewriteEscapes } from '../../remediation/escape-rewrite.js';
import { modelFamily } from '../../remediation/model-family.js';
import { hasOptionalFields } from '../../remediation/schema-rewrite.js';
import { GEMINI_3_TEMPERATURE, TEMPERATURE_FLOOR } from '../../remediation/temperature.js';

type Body = Readonly<Record<string, unknown>>;

/** The system instruction's text parts, joined by blank lines ('' when there is none). */
export function wireSystemText(body: Body): string {
  const instruction = body.systemInstruction;
  if (!isRecord(instruction) || !Array.isArray(instruction.parts)) return '';
  return instruction.parts
    .flatMap((part) => (isRecord(part) && typeof part.text === 'string' ? [part.text] : []))
    .join('\n\n');
}

/** The generation config sent (`{}` when none). */
export function wireGenerationConfig(body: Body): Record<string, unknown> {
  return isRecord(body.generationConfig) ? body.generationConfig : {};
}

/** The temperature sent, or undefined when the request left it to the model. */
export function wireTemperature(body: Body): number | undefined {
  const value = wireGenerationConfig(body).temperature;
  return typeof value === 'number' ? value : undefined;
}

/**
 * The temperature remedy of the guide for `model`: Gemini 3 at its default 1.0 (unset or exactly
 * 1.0, never lowered); Gemini 2.x and older at 0.8 or more (unset counts as the default 1.0).
 */
export function temperatureRemedied(model: string, body: Body): boolean {
  const temperature = wireTemperature(body);
  if (modelFamily(model).name === 'gemini-3')
    return temperature === undefined || temperature === GEMINI_3_TEMPERATURE;
  return (temperature ?? modelFamily(model).defaultTemperature ?? 0) >= TEMPERATURE_FLOOR;
}

/** True when `text` appears in the system instruction. */
export function systemHas(body: Body, text: string): boolean {
  return text !== '' && wireSystemText(body).includes(text.trim());
}

/** True when the system instruction ends with `text` (the guide's placement for the thought recap). */
export function systemEndsWith(body: Body, text: string): boolean {
  return text !== '' && wireSystemText(body).trimEnd().endsWith(text.trim());
}

/** Text parts of the user turns of `contents`. */
export function wireUserTexts(body: Body): string[] {
  const contents = Array.isArray(body.contents) ? body.contents : [];
  const texts: string[] = [];
  for (const content of contents) {
    if (!isRecord(content) || content.role === 'model' || !Array.isArray(content.parts)) continue;
    for (const part of content.parts)
      if (isRecord(part) && typeof part.text === 'string') texts.push(part.text);
  }
  return texts;
}

/** True when no user turn carries a `\uXXXX` or `\t` escape (what the escape rewrite removes). */
export function escapesRewritten(body: Body): boolean {
  return wireUserTexts(body).every((text) => rewriteEscapes(text).count === 0);
}

/** The structured-output schema sent (`responseSchema` or `responseJsonSchema`), if any. */
export function wireSchema(body: Body): unknown {
  const config = wireGenerationConfig(body);
  return config.responseSchema ?? config.responseJsonSchema;
}

/** True when every object schema requires all its properties and, for `responseSchema`, fixes their order. */
export function schemaRemedied(body: Body): boolean {
  const schema = wireSchema(body);
  if (schema === undefined || hasOptionalFields(schema)) return false;
  return wireGenerationConfig(body).responseSchema === undefined || everyObjectOrdered(schema, 0);
}

/** Objects nested deeper than this are not checked (the scenarios' schemas are two levels deep). */
const MAX_CHECK_DEPTH = 16;

function everyObjectOrdered(node: unknown, depth: number): boolean {
  if (!isRecord(node) || depth > MAX_CHECK_DEPTH) return true;
  if (isRecord(node.properties)) {
    const names = Object.keys(node.properties);
    const ordering = Array.isArray(node.propertyOrdering) ? node.propertyOrdering : [];
    if (!names.every((name) => ordering.includes(name))) return false;
    if (!Object.values(node.properties).every((child) => everyObjectOrdered(child, depth + 1))) return false;
  }
  return everyObjectOrdered(node.items, depth + 1);
}

/** Thresholds that let a category's MEDIUM-probability content through. */
const RELAXED_THRESHOLDS = new Set(['BLOCK_ONLY_HIGH', 'BLOCK_NONE', 'OFF']);

/** True when the request's safety settings let MEDIUM-rated content of `category` through. */
export function safetyRelaxed(body: Body, category: string): boolean {
  const settings = Array.isArray(body.safetySettings) ? body.safetySettings : [];
  return settings.some(
    (setting) =>
      isRecord(setting) &&
      setting.category === category &&
      typeof setting.threshold === 'string' &&
      RELAXED_THRESHOLDS.has(setting.threshold),
  );
}
