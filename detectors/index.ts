import type { DetectorDefinition } from '../src/registry.js';
import { FinishOtherDefinition } from './finish-other.js';
import { MaxTokensDefinition } from './max-tokens.js';
import { NewlineFloodDefinition } from './newline-flood.js';
import { PromptBlockedDefinition } from './prompt-blocked.js';
import { RecitationDefinition } from './recitation.js';
import { SafetyDefinition } from './safety.js';
import { SchemaInvalidDefinition } from './schema-invalid.js';
import { SchemaOrderDefinition } from './schema-order.js';
import { TableHyphensDefinition } from './table-hyphens.js';
import { TablePaddingDefinition } from './table-padding.js';
import { TextLoopDefinition } from './text-loop.js';
import { ToolCallLoopDefinition } from './tool-call-loop.js';

/**
 * The default detector set, in the order findings are reported for one event.
 * Each entry is one file in this folder.
 */
export const DEFAULT_DETECTORS: readonly DetectorDefinition[] = [
  TableHyphensDefinition,
  TablePaddingDefinition,
  NewlineFloodDefinition,
  SchemaOrderDefinition,
  SchemaInvalidDefinition,
  ToolCallLoopDefinition,
  TextLoopDefinition,
  SafetyDefinition,
  RecitationDefinition,
  PromptBlockedDefinition,
  MaxTokensDefinition,
  FinishOtherDefinition,
];
