/** Markdown files (the snippets in prompts/) are bundled as their text. */
declare module '*.md' {
  const text: string;
  export default text;
}
