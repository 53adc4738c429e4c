import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/finding.js';
import { createInspector } from '../../src/inspector.js';
import { listCorpus, readCorpus, reportMissingCorpus } from '../support/corpus.js';

/** Feed `text` to a fresh default inspector in `size`-char chunks (0 = whole) and return abort findings. */
function abortsWhenFed(text: string, size: number): Finding[] {
  const inspector = createInspector();
  const step = size === 0 ? Math.max(1, text.length) : size;
  for (let offset = 0; offset < text.length; offset += step) {
    inspector.push({ type: 'text-delta', candidate: 0, text: text.slice(offset, offset + step), offset });
  }
  inspector.end();
  return inspector.findings.filter((finding) => finding.severity === 'abort');
}

const CHUNK_SIZES = [0, 1, 7, 64, 512];

function describeAborts(found: Finding[]): string {
  return found.map((finding) => `${finding.detector}@${finding.start}: ${finding.message}`).join('\n');
}

describe.runIf(reportMissingCorpus('legitimate content never aborts'))(
  'legitimate content never aborts',
  () => {
    for (const folder of ['legit', 'legit-docs']) {
      it(`gives no abort finding on any file in ${folder}/, fed whole and in 1-, 7-, 64- and 512-char chunks`, () => {
        const files = listCorpus(folder);
        expect(files.length).toBeGreaterThan(20);
        const failures: string[] = [];
        for (const file of files) {
          const text = readCorpus(file);
          for (const size of CHUNK_SIZES) {
            const found = abortsWhenFed(text, size);
            if (found.length > 0)
              failures.push(`${file} (chunk ${size || 'whole'}):\n${describeAborts(found)}`);
          }
        }
        expect(failures).toEqual([]);
      });
    }

    it('gives no abort finding on the legitimate list that gemini-cli wrongly flagged', () => {
      const text = readCorpus('gemini-cli-issues/recon-18007-shared-prefix-list.txt');
      for (const size of CHUNK_SIZES) expect(abortsWhenFed(text, size)).toEqual([]);
    });
  },
);
