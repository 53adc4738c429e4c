import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Chart.js's browser build, which `report.html` inlines so the page needs no network. The package
 * does not export `dist/chart.umd.min.js`, so it is found beside the package's CommonJS entry.
 */
const UMD_FILE = 'chart.umd.min.js';

let cached: string | undefined;

function requireFromHere(): NodeJS.Require {
  // The CommonJS build has __filename; the ESM build (and tsx) has import.meta.url.
  return createRequire(typeof __filename === 'string' ? __filename : import.meta.url);
}

/**
 * The text of Chart.js's minified UMD build, ready to inline in a `<script>`: its source-map
 * comment removed (the map is not shipped with the page) and any `</script` made harmless.
 * Read once per process.
 */
export function chartJsSource(): string {
  if (cached !== undefined) return cached;
  const entry = requireFromHere().resolve('chart.js');
  const text = readFileSync(join(dirname(entry), UMD_FILE), 'utf8');
  cached = text.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n').replaceAll('</script', '<\\/script');
  return cached;
}
