import type { BenchResult, BestVariant, CaseInfo, VariantSummary } from './bench-types.js';
import { type Proportion, wilsonInterval } from './statistics.js';

/** The figures one chart block (a case on a model) draws. */
export interface ReportBlock {
  /** An HTML id prefix, unique in the page. */
  readonly key: string;
  readonly caseInfo: CaseInfo;
  readonly model: string;
  readonly variants: readonly string[];
  readonly failure: readonly Proportion[];
  readonly detectors: readonly { readonly id: string; readonly values: readonly Proportion[] }[];
  readonly meanOutputTokens: readonly number[];
  readonly wastedPerRun: readonly number[];
  readonly rows: readonly VariantSummary[];
  readonly best: BestVariant | undefined;
}

/** Round to one decimal: charts and tooltips need no more, and the page stays small. */
function tenth(value: number): number {
  return Math.round(value * 10) / 10;
}

/** One block per case and model, in config order. */
export function reportBlocks(result: BenchResult): ReportBlock[] {
  const blocks: ReportBlock[] = [];
  result.cases.forEach((caseInfo, caseIndex) => {
    result.config.models.forEach((model, modelIndex) => {
      const rows = result.summaries.filter((row) => row.caseId === caseInfo.id && row.model === model);
      blocks.push({
        key: `block-${caseIndex}-${modelIndex}`,
        caseInfo,
        model,
        variants: rows.map((row) => row.label),
        failure: rows.map((row) => row.failure),
        detectors: caseInfo.detectors.map((id) => ({
          id,
          values: rows.map((row) => row.detectors[id] ?? wilsonInterval(0, row.runs)),
        })),
        meanOutputTokens: rows.map((row) => tenth(row.meanOutputTokens)),
        wastedPerRun: rows.map((row) => tenth(row.runs === 0 ? 0 : row.wastedTokens / row.runs)),
        rows,
        best: result.best.find((pick) => pick.caseId === caseInfo.id && pick.model === model),
      });
    });
  });
  return blocks;
}

/** The data island the page's script reads: only what the charts draw. */
export function chartData(blocks: readonly ReportBlock[]): unknown {
  return {
    blocks: blocks.map((block) => ({
      key: block.key,
      variants: block.variants,
      failure: block.failure,
      detectors: block.detectors,
      meanOutputTokens: block.meanOutputTokens,
      wastedPerRun: block.wastedPerRun,
    })),
  };
}

/** JSON that is safe inside a `<script>` element: no `<` can close it early. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replaceAll('<', '\\u003c')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029');
}
