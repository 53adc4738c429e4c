// `node --import ./scripts/register-markdown.mjs`: lets source runs import prompts/*.md as text.
import { register } from 'node:module';

register('./markdown-hooks.mjs', import.meta.url);
