// The public API of gemini-output-guard. Everything exported here is documented and stable;
// anything not listed is internal.

export { DEFAULT_DETECTORS } from '../detectors/index.js';
export { GuardError, type Issue, isGuardError } from './errors/guard-error.js';
export { InvalidOptionsError, isInvalidOptionsError } from './errors/invalid-options-error.js';
export type {
  CitationInfo,
  FinishEvent,
  FunctionCallEvent,
  FunctionResponseEvent,
  GuardEvent,
  GuardEventType,
  PromptFeedbackEvent,
  SafetyRatingInfo,
  TextChannel,
  TextDeltaEvent,
  ThoughtDeltaEvent,
  UsageEvent,
  UsageInfo,
  UserTurnEvent,
} from './events.js';
export {
  type BuiltInDetectorId,
  clipEvidence,
  type Detector,
  type DetectorFactory,
  type Finding,
  MAX_EVIDENCE_LENGTH,
  SEVERITIES,
  type Severity,
  worstSeverity,
} from './finding.js';
export {
  createGuardTransform,
  type GuardedStream,
  type GuardStreamOptions,
  type GuardStreamSummary,
  guardStream,
  type StreamingModels,
  streamWithGuard,
} from './guard-stream.js';
export { normalizeHistory } from './history.js';
export {
  type InspectionResult,
  type InspectTextOptions,
  inspectChunks,
  inspectEvents,
  inspectHistory,
  inspectResponse,
  inspectText,
} from './inspect.js';
export {
  createInspector,
  type DetectorSettings,
  type Inspector,
  type InspectorOptions,
} from './inspector.js';
export { createNormalizer, type Normalizer, normalizeResponse } from './normalize.js';
export type { DetectorContext, DetectorDefinition, WorkMeter } from './registry.js';
export {
  isRemediationId,
  REMEDIATION_IDS,
  REWRITE_IDS,
  type RemediationId,
  type RewriteId,
  SNIPPET_IDS,
  type SnippetId,
} from './remediation-ids.js';
export { BLOCKING_DETECTORS, type Verdict, verdictOf } from './verdict.js';
