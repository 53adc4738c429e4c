// Node module hooks that load `.md` files as a default-exported string, the way the tsup build
// bundles them. Registered by scripts/register-markdown.mjs for source runs under tsx.
import { readFile } from 'node:fs/promises';

export async function load(url, context, nextLoad) {
  if (url.endsWith('.md')) {
    const text = await readFile(new URL(url), 'utf8');
    return { format: 'module', source: `export default ${JSON.stringify(text)};`, shortCircuit: true };
  }
  return nextLoad(url, context);
}
