import { defineConfig } from 'vitest/config';

export default defineConfig({
  // prompts/*.md are imported as text, as the tsup build bundles them.
  plugins: [
    {
      name: 'markdown-as-text',
      transform(code, id) {
        if (!id.endsWith('.md')) return null;
        return { code: `export default ${JSON.stringify(code)};`, map: null };
      },
    },
  ],
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
