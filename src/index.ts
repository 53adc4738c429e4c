// The public API of gemini-output-guard. Everything exported here is documented and stable;
// anything not listed is internal.

export {
  BLOCK_REASONS,
  type BlockClass,
  type BlockReasonInfo,
  classifyBlockReason,
  classifyFinishReason,
  FINISH_REASONS,
  type FinishClass,
  type FinishReasonInfo,
} from '../detectors/finish-reasons.js';
export { DEFAULT_DETECTORS } from '../detectors/index.js';
export {
  type CallObservation,
  type CallRun,
  createToolCallTracker,
  isToolCallTracker,
  type ToolCall,
  type ToolCallTracker,
  type ToolCallTrackerOptions,
  ToolCallTrackerOptionsSchema,
  type TrackedCall,
} from '../detectors/tool-call-tracker.js';
export {
  type BenchCase,
  type BenchConfig,
  BenchConfigSchema,
  type BenchFiles,
  type BenchMode,
  type BenchOverrides,
  type BenchProgress,
  type BenchResult,
  type BenchRunRecord,
  type BenchTableOptions,
  type BenchVariant,
  type BestVariant,
  type CaseInfo,
  DEFAULT_CONCURRENCY,
  DEFAULT_REPEATS,
  formatBenchTable,
  type GuardedRunRecord,
  type GuardedSummary,
  type Proportion,
  parseBenchConfig,
  type ResolvedBenchConfig,
  type RunBenchOptions,
  renderReportHtml,
  resultsCsv,
  resultsJson,
  runBench,
  SIMULATED_MODES,
  type SimulatedMode,
  type TargetOptions,
  type VariantSummary,
  wilsonInterval,
  writeBenchResults,
} from './bench/index.js';
export { ApiCallError, type ApiCallErrorDetails, isApiCallError } from './errors/api-call-error.js';
export { CallAbortedError, isCallAbortedError } from './errors/call-aborted-error.js';
export { GuardError, type Issue, isGuardError } from './errors/guard-error.js';
export {
  type ExhaustedReason,
  GuardExhaustedError,
  isGuardExhaustedError,
} from './errors/guard-exhausted-error.js';
export { InvalidOptionsError, isInvalidOptionsError } from './errors/invalid-options-error.js';
export { InvalidRequestError, isInvalidRequestError } from './errors/invalid-request-error.js';
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
export { GUARD_EVENT_TYPES } from './events.js';
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
  type AbortInfo,
  type AttemptOutcome,
  type AttemptTokens,
  DEFAULT_HOLDBACK_CHARS,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_MIN_PREFIX_CHARS,
  type GuardAttempt,
  type GuardableClient,
  type GuardedChat,
  type GuardedClient,
  type GuardedContentStream,
  type GuardOptions,
  type GuardResult,
  type GuardStopReason,
  type GuardStreamEvent,
  type GuardTotals,
  guard,
  guardResultOf,
  type OnDegenerate,
  type RecordedRequest,
  type RetractionCause,
  type RetractionNotice,
} from './guard/index.js';
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
  appendToSystemInstruction,
  applyPlan,
  CONTINUE_INSTRUCTION,
  cleanPrefix,
  continuationRequest,
  countRequestEscapes,
  DEFAULT_SNIPPETS,
  decideTemperature,
  EMPTY_PLAN,
  type FindingRef,
  type FlaggedInstruction,
  findFieldOrderInstructions,
  findThinkingInstructions,
  GEMINI_3_TEMPERATURE,
  hasOptionalFields,
  mergePlans,
  type PlanAdvice,
  type PlannedSnippet,
  type PlanOptions,
  type PromptFlag,
  type PromptRewrite,
  planRemediation,
  planSteps,
  RECITATION_TEMPERATURE_STEP,
  type RemediationPlan,
  type RepairEdit,
  type RepairKind,
  type RepairResult,
  repairText,
  requireAllFields,
  resolveSnippets,
  rewriteEscapes,
  rewriteRequestEscapes,
  type SafetyChange,
  type SafetyPolicy,
  type SchemaChange,
  type SchemaTarget,
  type SnippetSources,
  type SnippetTexts,
  setPropertyOrdering,
  systemInstructionText,
  TEMPERATURE_FLOOR,
  type TemperatureChange,
  type TemperatureDecision,
  type TemperatureGoal,
} from './remediation/index.js';
export {
  isRemediationId,
  REMEDIATION_IDS,
  REWRITE_IDS,
  type RemediationId,
  type RewriteId,
  SNIPPET_IDS,
  type SnippetId,
} from './remediation-ids.js';
export { fixEscapeSequences } from './request/lint-escape-sequences.js';
export { type LintReport, lintRequest } from './request/lint-request.js';
export { type ModelFamily, type ModelInfo, type ModelSpec, parseModelId } from './request/model-table.js';
export type { IssueSeverity, RequestIssue } from './request/request-issue.js';
export type { LintId, RequestLint } from './request/request-lint.js';
export { type RequestValidation, safeValidateRequest, validateRequest } from './request/validate-request.js';
export type { AttemptContext, AttemptRecord, RetryEvent, StopReason } from './resilience/attempt-record.js';
export {
  type ClassifyContext,
  classifyError,
  type ErrorClassification,
  type ErrorKind,
} from './resilience/classify-error.js';
export { type Clock, systemClock } from './resilience/clock.js';
export type { ErrorAction } from './resilience/error-advice.js';
export type { RequestLogger, RequestLogRecord } from './resilience/request-log.js';
export type { ResilientCallInfo, ResilientOptions } from './resilience/resilient-call.js';
export {
  type GeneratingModels,
  type ResilientResult,
  resilientGenerateContent,
} from './resilience/resilient-generate.js';
export {
  type ResilientStream,
  type ResilientStreamOptions,
  type ResilientStreamSummary,
  resilientGenerateContentStream,
  type StreamGeneratingModels,
} from './resilience/resilient-stream.js';
export type { RetractHandler, RetractionEvent, RetractionReason } from './resilience/retraction.js';
export { RETRY_DEFAULTS, type RetryOptions } from './resilience/retry-options.js';
export { type RetryResult, withRetry } from './resilience/with-retry.js';
export { BLOCKING_DETECTORS, type Verdict, verdictOf } from './verdict.js';
