import { InvalidArgumentError } from 'commander';
import { DEFAULT_DETECTORS } from '../../detectors/index.js';

/** `--chunk-size`, `--repeats`, `--concurrency`: a whole number of 1 or more. */
export function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1)
    throw new InvalidArgumentError('expected a whole number of 1 or more');
  return parsed;
}

/** `--seed`: a whole number from 0 to 2^32 - 1 (the generator keeps 32 bits). */
export function seedNumber(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 0xffff_ffff) {
    throw new InvalidArgumentError('expected a whole number from 0 to 4294967295');
  }
  return parsed;
}

/** `--detectors a,b`: known built-in detector ids, at least one. */
export function detectorList(value: string): string[] {
  const known = new Set<string>(DEFAULT_DETECTORS.map((definition) => definition.id));
  const ids = value
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0 || ids.length === 0) {
    throw new InvalidArgumentError(
      `unknown detector ${unknown.join(', ') || '(none)'}; known: ${[...known].join(', ')}`,
    );
  }
  return ids;
}
