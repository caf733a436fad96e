// The public surface of @koompi/core: named exports only. What is not listed
// here is private to core.
export {
  LOCALES,
  MissingMessageError,
  MissingParamError,
  createTranslator,
  flattenMessages,
  intlTag,
  placeholdersOf,
  resolveLocale,
} from './i18n/i18n.js';
export type {
  DigitStyle,
  Locale,
  LocalePreferences,
  MessageParams,
  Messages,
  Translator,
  TranslatorOptions,
} from './i18n/i18n.js';
export {
  BundleError,
  defaultBundleDir,
  listDomains,
  loadTranslator,
  preferencesFile,
  readBundle,
  readPreferences,
  savePreferences,
} from './i18n/node/bundles.js';
export type { LoadTranslatorOptions, SavedPreferences } from './i18n/node/bundles.js';
// intent router and catalog (issue 3)
export { INFO_TOPICS, INTENT_IDS, isIntentId } from './intent/types.js';
export type { InfoTopic, IntentId, IntentResult, IntentSlots } from './intent/types.js';
export { createIntentRouter } from './intent/router.js';
export type { IntentExplanation, IntentRouter, IntentRouterOptions } from './intent/router.js';
export { normalizeText } from './text/normalize.js';
export { createCatalog } from './catalog/catalog.js';
export type { Catalog } from './catalog/catalog.js';
export { APPS } from './catalog/apps.js';
export { CATEGORIES } from './catalog/categories.js';
export type { AppSource, CatalogApp, CatalogCategory, CatalogHit, LocalizedText } from './catalog/types.js';
export { SERVICES } from './system/services.js';
export type { ServiceId } from './system/services.js';
export type { AppLauncher, LaunchResult } from './system/launcher.js';
export type {
  BatteryInfo,
  CpuInfo,
  DiskInfo,
  MemoryInfo,
  NetworkInfo,
  OsInfo,
  SystemInfo,
  SystemInfoSource,
} from './system/info.js';
export type { FileFinder, FoundFile } from './system/files.js';
export type { PackageChange, SystemDaemon } from './system/daemon.js';
export { createKoompidDaemon } from './system/node/koompid-daemon.js';
export { findUpward } from './fs/node/find-up.js';
export { createProcessLauncher } from './system/node/launcher.js';
export type { ProcessLauncherOptions } from './system/node/launcher.js';
export { createLocalInfoSource } from './system/node/info.js';
export type { LocalInfoOptions } from './system/node/info.js';
export { createDiskFileFinder } from './system/node/files.js';
export type { DiskFileFinderOptions } from './system/node/files.js';
// voice (issue 6)
export { SAMPLE_RATE, clipSeconds } from './voice/types.js';
export type {
  AudioClip,
  Engine,
  InvalidAudioReason,
  TranscribeOptions,
  TranscribeResult,
  Transcriber,
  Transcript,
  TranscriptionMode,
  VoiceLanguage,
  VoiceProblem,
} from './voice/types.js';
export { CaptureError, EngineStoppedError, ModelLoadError, TranscriptionError, VoiceError } from './voice/errors.js';
export { decodeWav, encodeWav } from './voice/wav.js';
export type { DecodeWavResult } from './voice/wav.js';
export { cleanTranscript, joinKhmerWords } from './voice/khmer.js';
export { DEFAULT_VAD, createVoiceActivityDetector } from './voice/vad.js';
export type { VadEvent, VadOptions, VoiceActivityDetector } from './voice/vad.js';
export { COMMAND_PHRASES, buildCommandGrammar } from './voice/grammar.js';
export type { CommandGrammar, CommandVocabularySource } from './voice/grammar.js';
export { KNOWN_MODELS, MODEL_PREFERENCE, identifyModel, modelDirs } from './voice/models.js';
export type { KnownModel, ModelDirs, ModelId, ModelScope } from './voice/models.js';
export { audioContextFor } from './voice/whisper-params.js';
export type { AudioContextPolicy } from './voice/whisper-params.js';
export { voiceMessage } from './voice/messages.js';
export type { VoiceMessage, VoiceNotice } from './voice/messages.js';
export { addModel, defaultModelDirs, findModel, listModels } from './voice/node/models.js';
export type { AddModelResult, FindModelResult, ModelStoreOptions } from './voice/node/models.js';
export {
  WhisperTranscriber,
  defaultWhisperThreads,
  openDictation,
  openWhisper,
  workerFile,
} from './voice/node/whisper.js';
export type { OpenDictationResult, OpenWhisperResult, WhisperOptions } from './voice/node/whisper.js';
export { DEFAULT_POCKETSPHINX_MODEL, PocketsphinxTranscriber, openCommandMode } from './voice/node/pocketsphinx.js';
export type { CommandModeOptions, OpenCommandModeResult } from './voice/node/pocketsphinx.js';
export { captureCommand, listenForUtterance, openMicrophone } from './voice/node/capture.js';
export type {
  AudioCapture,
  CaptureBackend,
  CaptureOptions,
  ListenOptions,
  ListenResult,
  OpenMicrophoneResult,
} from './voice/node/capture.js';
export { transcribeWavFile } from './voice/node/transcribe-file.js';
export type { TranscribeFileOptions, TranscribeFileResult } from './voice/node/transcribe-file.js';
export { typeIntoFocusedWindow, typingCommands } from './voice/node/typer.js';
export type { TypeOptions, TypeResult, TypingMethod } from './voice/node/typer.js';
export { listenAndTranscribe } from './voice/node/dictate.js';
export type { SpokenTurnResult } from './voice/node/dictate.js';
// AI service (issue 5)
export { CloudError } from './ai/ai.js';
export type {
  AiEvent,
  AiSource,
  ChatTurn,
  CloudFailure,
  CloudFailureKind,
  HistoryStore,
  ModelBackend,
  ModelChunk,
  ModelRequest,
  OfflineAnswer,
  OfflineEngine,
  OfflineReason,
  ProposedAction,
} from './ai/ai.js';
export { Assistant, languageOf } from './ai/assistant.js';
export type { AskOptions, AssistantOptions, Sleep } from './ai/assistant.js';
export { DEFAULT_RETRY_POLICY, classifyHttpError, decideRetry, parseDuration } from './ai/retry.js';
export type { RetryDecision, RetryPolicy } from './ai/retry.js';
export { actionFromCall, callForIntent, functionDeclarations } from './ai/tools.js';
export { HelpIndex, helpTerms } from './ai/help-index.js';
export type { HelpDocument, HelpHit } from './ai/help-index.js';
export { createOfflineEngine } from './ai/offline-engine.js';
export type { OfflineEngineOptions } from './ai/offline-engine.js';
export { DEFAULT_MODEL, GeminiBackend } from './ai/node/gemini-backend.js';
export type { GeminiBackendOptions } from './ai/node/gemini-backend.js';
export { Secret } from './ai/node/secret.js';
export { SCHOOL_KEY_FILE, findApiKey, readSchoolKey } from './ai/node/keys.js';
export type { KeyLookup, KeyOptions, KeyProblem, KeySource } from './ai/node/keys.js';
export { SqliteHistory, defaultHistoryFile } from './ai/node/sqlite-history.js';
export { defaultHelpDir, loadHelpDocuments } from './ai/node/help-docs.js';
export { createAssistant } from './ai/node/create.js';
export { AI_BUS_NAME, AI_INTERFACE, AI_PATH, parseAiRequest, serveAi } from './ai/node/ai-service.js';
export { DEFAULT_SHARE, FairShare } from './ai/fair-share.js';
export type { FairShareLimits, ShareGrant } from './ai/fair-share.js';
export type { AiServiceOptions } from './ai/node/ai-service.js';
export { ServiceBackend } from './ai/node/service-backend.js';
export type { AssistantSetup, CreateAssistantOptions } from './ai/node/create.js';
// koompid clients (issue 4)
export {
  DAEMON_ERRORS,
  KOOMPID_BUS_NAME,
  KOOMPID_INTERFACES,
  KOOMPID_JOB_PATH_PREFIX,
  KOOMPID_PATH,
  KOOMPID_XML_FILE,
  failureKindOf,
  failureMessageKey,
} from './koompid/names.js';
export type { DaemonFailure, DaemonFailureKind, Result as DaemonResult } from './koompid/names.js';
export { ACTIONS, ROLES, ROLE_GROUPS, polkitActionId, roleAllows, roleOfGroups } from './koompid/roles.js';
export type { Action, Role } from './koompid/roles.js';
export { IntrospectionError, parseIntrospection, renderIntrospection, splitSignature } from './dbus/introspection.js';
export type { InterfaceSpec, MethodSpec, PropertySpec, SignalSpec } from './dbus/introspection.js';
export { DbusCallError, DbusConnection, unwrapVariant, variant } from './dbus/node/connection.js';
export type { IncomingSignal, SignalMatch } from './dbus/node/connection.js';
export { DbusServer, MethodError } from './dbus/node/server.js';
export type { CallContext, MethodHandler, ObjectSpec } from './dbus/node/server.js';
export { Authority, AuthorityError } from './koompid/node/authority.js';
export type { Caller, Decision } from './koompid/node/authority.js';
export { DaemonProtocolError } from './koompid/node/wire.js';
export { encodeHit, encodeJob } from './packages/node/codec.js';
export { encodeReport, encodeSnapshot } from './snapshots/node/codec.js';
export { encodeInfo } from './sysinfo/node/codec.js';
export { KoompidConnection } from './koompid/node/connection.js';
export { CommandError } from './process/node/run.js';
export {
  DEFAULT_KEEP,
  MAX_REASON_LENGTH,
  SnapshotStoreError,
  checkReason,
  checkSnapshotId,
  comparePackages,
  nextSnapshotId,
  snapshotsToPrune,
} from './snapshots/snapshots.js';
export type { InputProblem, RollbackReport, Snapshot, SnapshotKind, SnapshotStore } from './snapshots/snapshots.js';
export { BtrfsSnapshotStore } from './snapshots/node/btrfs-store.js';
export { StateDamagedError, writeDurable } from './classroom/node/store.js';
export { BootStager, stagedEntry, withVersion } from './snapshots/node/boot-staging.js';
export type { RootsStatus, StagedBoot } from './snapshots/node/boot-staging.js';
export { RunningRoot } from './snapshots/node/running-root.js';
export {
  PENDING_DEFAULT,
  ROOT_ENTRY_PREFIX,
  ROOT_PREFIX,
  bootOrder,
  compareVersions,
  entryState,
  parseBootEntry,
  runningSubvolume,
} from './snapshots/roots.js';
export type { BootEntry } from './snapshots/roots.js';
export { SnapshotsClient } from './snapshots/node/client.js';
export { JOB_STAGES, checkQuery, classifyPackageName } from './packages/packages.js';
export type {
  ChangeOutcome,
  JobKind,
  JobProgress,
  JobStage,
  JobState,
  JobSummary,
  PackageBackend,
  PackageHit,
  PackageSource,
} from './packages/packages.js';
export { PackageKitBackend, PackageKitError } from './packages/node/packagekit.js';
export { FlatpakBackend } from './packages/node/flatpak.js';
export { PackageJob, PackagesClient } from './packages/node/client.js';
export type { JobEvent, JobOutcome } from './packages/node/client.js';
export { parseMeminfo, parseOsRelease } from './sysinfo/sysinfo.js';
export type { SystemInfo as KoompidSystemInfo } from './sysinfo/sysinfo.js';
export { probeSystem } from './sysinfo/node/probe.js';
export { SystemInfoClient } from './sysinfo/node/client.js';
// office (issue 8)
export { documentText, heading, list, normalizeRuns, paragraph, runsText, table } from './office/document/model.js';
export type {
  Alignment,
  Block,
  HeadingBlock,
  ImageBlock,
  ListBlock,
  OfficeDocument,
  PageBreakBlock,
  ParagraphBlock,
  TableBlock,
  TextRun,
} from './office/document/model.js';
export { markdownToDocument } from './office/document/markdown.js';
export { htmlToDocument, imageSize } from './office/document/html.js';
export type { HtmlImportOptions } from './office/document/html.js';
export { documentToOdt } from './office/document/odt.js';
export {
  TEMPLATE_IDS,
  createTemplateOutlineGenerator,
  outlineToDeck,
  outlineToDocument,
  templateDocument,
  templateFor,
  templateOutline,
} from './office/document/templates.js';
export type {
  OfficeLang,
  Outline,
  OutlineGenerator,
  OutlineRequest,
  OutlineSection,
  TemplateId,
} from './office/document/templates.js';
export { THEMES, autoLayout, bulletSize, documentToDeck } from './office/slides/model.js';
export type { Deck, Slide, SlideLayout, Theme, ThemeId } from './office/slides/model.js';
export { deckText, deckToHtml } from './office/slides/html.js';
export type { EmbeddedFont } from './office/slides/html.js';
export { cellName, columnIndex, columnName, parseCell } from './office/sheet/address.js';
export { classifyInput, formatValue, latinDigits, sheetSize } from './office/sheet/model.js';
export type { CellValue, SheetData, Workbook } from './office/sheet/model.js';
export { parseCsv, toCsv } from './office/sheet/csv.js';
export { SheetEngine, normalizeFormula } from './office/sheet/engine.js';
export { createOfflineFormulaAssistant, findRange, plainToFormula } from './office/sheet/plain-formula.js';
export type { FormulaAssistant, Operation, PlainFormulaResult } from './office/sheet/plain-formula.js';
export { seriesStart, smartFill } from './office/sheet/smart-fill.js';
export { chartFromDescription, chartToSvg } from './office/chart/chart.js';
export type { ChartResult, ChartSpec, ChartType } from './office/chart/chart.js';
export { breakOpportunities, withZeroWidthBreaks } from './office/text/segment.js';
export { words } from './text/khmer.js';
export { layoutParagraph } from './office/text/layout.js';
export type { LayoutLine, LayoutOptions, PlacedRun, StyledSpan } from './office/text/layout.js';
export { FACE_IDS } from './office/text/shaping.js';
export type { FaceId, FaceMetrics, ShapedGlyph, Shaper } from './office/text/shaping.js';
export { SUPPORTED_CONVERSIONS, extensionOf, planConversion } from './office/convert-plan.js';
export type { ConversionPlan, ConvertAs } from './office/convert-plan.js';
export type { OfficeError, OfficeResult } from './office/result.js';
export { describeOfficeError } from './office/describe-error.js';
export { numberedName, safeFileName } from './office/file-name.js';
export { findFontFiles } from './office/node/fonts.js';
export type { FontFiles } from './office/node/fonts.js';
export { createHarfBuzzShaper } from './office/node/harfbuzz.js';
export type { HarfBuzzShaper } from './office/node/harfbuzz.js';
export { systemShaper } from './office/node/shaper.js';
export { documentToPdf } from './office/node/pdf-document.js';
export { deckToPdf } from './office/node/pdf-slides.js';
export { sheetToPdf } from './office/node/pdf-sheet.js';
export { documentToDocx } from './office/node/docx-export.js';
export { docxToDocument } from './office/node/docx-import.js';
export { deckToPptx } from './office/node/pptx.js';
export { workbookToXlsx, xlsxToWorkbook } from './office/node/xlsx.js';
export type { XlsxOptions } from './office/node/xlsx.js';
export { convertFile, writeFileAtomic } from './office/node/convert.js';
export type { ConvertOptions, ConvertSummary } from './office/node/convert.js';
export { exportFolder, saveExport } from './office/node/save-export.js';

// desktop integration: Chat on the session bus, the KRunner runner (issue 5)
export { APP_EXIT, APP_START_KEYS, OFFICE_START_KEYS, RUNNING, exitWith } from './desktop/app-start.js';
export type { AppArgs, AppExitCode, AppInfo, AppOutcome } from './desktop/app-start.js';
export { packageVersion, runApp } from './desktop/node/app-main.js';
export type { AppWindow } from './desktop/node/app-main.js';
export { MATCH_TYPE, RUNNER_ICON, questionOf, runnerMatches } from './desktop/runner.js';
export type { RunnerMatch } from './desktop/runner.js';
export {
  CHAT_BUS_NAME,
  CHAT_INTERFACE,
  CHAT_PATH,
  callRunningChat,
  startChatService,
} from './desktop/node/chat-service.js';
export type { ChatHandlers, ChatServiceStart } from './desktop/node/chat-service.js';
export { RUNNER_BUS_NAME, RUNNER_PATH, startRunnerService } from './desktop/node/runner-service.js';
export type { RunnerService } from './desktop/node/runner-service.js';
export { QT_KEYS, qtKeyCode, registerGlobalShortcut } from './desktop/node/global-shortcut.js';
export type { GlobalShortcut, ShortcutRegistration } from './desktop/node/global-shortcut.js';
// classroom (issue 7)
export { CLASS_CODE_LENGTH, formatClassCode, generateClassCode, normalizeClassCode } from './classroom/code.js';
export type { ClassCodeResult } from './classroom/code.js';
export { checkRelativePath, displayName, syncthingAllowList } from './classroom/names.js';
export type { PathCheck, PathRefusal } from './classroom/names.js';
export { SMALL_LESSON_BYTES, planDistribution, isLessonOffer, isReceipt } from './classroom/lessons.js';
export type {
  DistributionPlan,
  LessonOffer,
  LessonTransport,
  ManifestFile,
  NetworkShape,
  Receipt,
} from './classroom/lessons.js';
export {
  EMPTY_REPLAY_STATE,
  REPLAY_WINDOW,
  checkReplay,
  nextSequence,
  signMessage,
  verifyMessage,
} from './classroom/envelope.js';
export type { Rejection, ReplayState, Sender, Verified, VerifyOptions } from './classroom/envelope.js';
export { PROTOCOL_VERSION, isSafeLink, isStudentEvent, isTeacherCommand } from './classroom/protocol.js';
export type {
  CommandOutcome,
  Envelope,
  SignedMessage,
  StudentEvent,
  StudentStatus,
  TeacherCommand,
  TeacherCommandKind,
} from './classroom/protocol.js';
export { JoinWindow, deviceIdOf, startStudentPairing } from './classroom/pairing.js';
export type { JoinRefusal, StudentCard, StudentPairing, TeacherCard } from './classroom/pairing.js';
export type { ClassroomCrypto, SigningKeyPair } from './classroom/crypto.js';
export { KOOMPI_SERVICE_TYPE } from './classroom/ports.js';
export type { Announcement, Discovery, FoundService, SessionResult, StudentSession } from './classroom/ports.js';
export { createNodeCrypto } from './classroom/node/crypto.js';
export { createBonjourDiscovery } from './classroom/node/mdns.js';
export type { BonjourDiscoveryOptions } from './classroom/node/mdns.js';
export { startSyncthing, prepareSyncthingHome } from './classroom/node/syncthing.js';
export type {
  FolderSpec,
  FolderStatus,
  FolderType,
  GlobalFile,
  Syncthing,
  SyncthingOptions,
} from './classroom/node/syncthing.js';
export { EngineError } from './classroom/node/process.js';
export { StudentDevice } from './classroom/node/student.js';
export { uftpId } from './classroom/node/uftp.js';
export type { JoinResult, Membership, ReceivedLesson, StoredReceipt, SubmitResult } from './classroom/student-state.js';
export type { StudentDeviceOptions } from './classroom/node/student-options.js';
export { DEFAULT_LIMITS } from './classroom/collect.js';
export type { SubmissionLimits } from './classroom/collect.js';
export { ShareError } from './classroom/node/lesson-out.js';
export { TeacherClassroom } from './classroom/node/teacher.js';
export type { CommandReport, RosterEntry, ShareProgress, Submission } from './classroom/teacher-state.js';
export type { TeacherOptions } from './classroom/node/teacher-options.js';
export { createDesktopSession } from './classroom/node/session.js';
export type { DesktopSessionOptions } from './classroom/node/session.js';
export {
  ControlError,
  connectClassroomControl,
  defaultControlSocket,
  serveClassroomControl,
} from './classroom/node/control.js';
export type { ControlTarget } from './classroom/node/control.js';
export type { ClassroomClient, ClassroomStatus, ControlResult } from './classroom/client.js';
export { createAvahiDiscovery } from './classroom/node/avahi.js';
// actions: one table from intent to what carries it out, and one runner
export { INTENT_ACTIONS, TOOL_ACTIONS, actionSpec, missingDetail, needsConfirmation } from './actions/actions.js';
export type { ActionNeed, ActionSpec, Confirmation, ToolDeclaration } from './actions/actions.js';
export { UNAVAILABLE, ready } from './actions/ports.js';
export type {
  ActionOutcome,
  ActionPorts,
  ActionRequest,
  ClassReport,
  ClassroomAnswer,
  ClassroomPort,
  Done,
  NamedApp,
  RefusalReason,
  RosterStudent,
  Service,
} from './actions/ports.js';
export { createActionRunner, launchableApp, packageFor, requestNeedsConfirmation, resolveApp } from './actions/run.js';
export type { ActionRunner } from './actions/run.js';
