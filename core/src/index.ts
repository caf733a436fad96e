// The public surface of @koompi/core: what apps, tools and tests import, by
// area in the order of core's layers (docs/architecture.md). Named exports
// only; what is not listed here is private to core.

// base: expected failures as values
export { err, ok } from './base/result.js';
export type { Result } from './base/result.js';

// fs: the repository's data in development
export { findUpward } from './fs/node/find-up.js';

// dbus: D-Bus transport
export { parseIntrospection } from './dbus/introspection.js';
export { DbusCallError, DbusConnection, unwrapVariant, variant } from './dbus/node/connection.js';
export type { IncomingSignal } from './dbus/node/connection.js';
export { DbusServer, MethodError } from './dbus/node/server.js';
export type { CallContext, MethodHandler } from './dbus/node/server.js';

// i18n: the translator, its bundles and preferences
export { LOCALES, flattenMessages, placeholdersOf } from './i18n/i18n.js';
export type { Locale, MessageParams, Translator } from './i18n/i18n.js';
export { listDomains, loadTranslator, readBundle, savePreferences } from './i18n/node/bundles.js';

// catalog: the apps KOOMPI offers
export { createCatalog } from './catalog/catalog.js';
export type { Catalog } from './catalog/catalog.js';

// koompid: its D-Bus names, roles and connection
export {
  DAEMON_ERRORS,
  KOOMPID_BUS_NAME,
  KOOMPID_INTERFACES,
  KOOMPID_JOB_PATH_PREFIX,
  KOOMPID_PATH,
  KOOMPID_XML_FILE,
  failureMessageKey,
} from './koompid/names.js';
export type { DaemonFailure, DaemonResult } from './koompid/names.js';
export type { Action } from './koompid/roles.js';
export { Authority, AuthorityError } from './koompid/node/authority.js';
export type { Caller, Decision } from './koompid/node/authority.js';
export { KoompidConnection } from './koompid/node/connection.js';

// intent: the offline router
export { INFO_TOPICS } from './intent/types.js';
export type { InfoTopic, IntentResult } from './intent/types.js';
export { createIntentRouter } from './intent/router.js';
export type { IntentRouter } from './intent/router.js';

// snapshots: Btrfs snapshots and boot entries
export { encodeReport, encodeSnapshot } from './snapshots/node/codec.js';
export { checkReason, checkSnapshotId, comparePackages, snapshotsToPrune } from './snapshots/snapshots.js';
export type { InputProblem, RollbackReport, Snapshot } from './snapshots/snapshots.js';
export { BtrfsSnapshotStore } from './snapshots/node/btrfs-store.js';
export { BootStager } from './snapshots/node/boot-staging.js';
export { RunningRoot } from './snapshots/node/running-root.js';
export { compareVersions } from './snapshots/roots.js';
export { SnapshotsClient } from './snapshots/node/client.js';

// sysinfo: facts about the computer
export { encodeInfo } from './sysinfo/node/codec.js';
export type { SystemInfo } from './sysinfo/sysinfo.js';
export { probeSystem } from './sysinfo/node/probe.js';
export { SystemInfoClient } from './sysinfo/node/client.js';

// packages: Flatpak, PackageKit and koompid's package jobs
export { encodeHit, encodeJob } from './packages/node/codec.js';
export { JOB_STAGES, checkQuery, classifyPackageName } from './packages/packages.js';
export type {
  ChangeOutcome,
  JobKind,
  JobStage,
  JobState,
  JobSummary,
  PackageBackend,
  PackageHit,
  PackageSource,
} from './packages/packages.js';
export { PackageKitBackend } from './packages/node/packagekit.js';
export { FlatpakBackend } from './packages/node/flatpak.js';
export { PackageJob, PackagesClient } from './packages/node/client.js';
export type { JobEvent } from './packages/node/client.js';

// system: ports to the system (daemon, launcher, files, info)
export { SERVICES } from './system/services.js';
export type { AppLauncher, LaunchResult } from './system/launcher.js';
export type { SystemInfoSource } from './system/info.js';
export type { FileFinder } from './system/files.js';
export type { SystemDaemon } from './system/daemon.js';
export { createKoompidDaemon } from './system/node/koompid-daemon.js';
export { createProcessLauncher } from './system/node/launcher.js';
export { createLocalInfoSource } from './system/node/info.js';
export type { LocalInfoOptions } from './system/node/info.js';
export { createDiskFileFinder } from './system/node/files.js';
export type { DiskFileFinderOptions } from './system/node/files.js';

// actions: from an intent to a done action
export { INTENT_ACTIONS, missingDetail } from './actions/actions.js';
export { UNAVAILABLE, ready } from './actions/ports.js';
export type { ActionOutcome, ActionPorts, ActionRequest, ClassroomPort, Done, NamedApp } from './actions/ports.js';
export { createActionRunner, launchableApp, packageFor, requestNeedsConfirmation } from './actions/run.js';
export type { ActionRunner } from './actions/run.js';

// office: documents, sheets, slides and conversion
export { heading, list, paragraph, runsText, table } from './office/document/model.js';
export type { OfficeDocument, TextRun } from './office/document/model.js';
export { htmlToDocument } from './office/document/html.js';
export { documentToOdt } from './office/document/odt.js';
export {
  TEMPLATE_IDS,
  createTemplateOutlineGenerator,
  outlineToDeck,
  templateDocument,
} from './office/document/templates.js';
export type { OutlineGenerator, TemplateId } from './office/document/templates.js';
export { THEMES, autoLayout } from './office/slides/model.js';
export type { Deck, Slide, Theme, ThemeId } from './office/slides/model.js';
export { deckToHtml } from './office/slides/html.js';
export { cellName, columnName } from './office/sheet/address.js';
export { formatValue, sheetSize } from './office/sheet/model.js';
export type { Workbook } from './office/sheet/model.js';
export { parseCsv, toCsv } from './office/sheet/csv.js';
export { SheetEngine } from './office/sheet/engine.js';
export { createOfflineFormulaAssistant } from './office/sheet/plain-formula.js';
export type { FormulaAssistant } from './office/sheet/plain-formula.js';
export { seriesStart, smartFill } from './office/sheet/smart-fill.js';
export { chartFromDescription, chartToSvg } from './office/chart/chart.js';
export type { FaceId } from './office/text/shaping.js';
export type { ConvertAs } from './office/convert-plan.js';
export type { OfficeError, OfficeResult } from './office/result.js';
export { describeOfficeError } from './office/describe-error.js';
export { numberedName, safeFileName } from './office/file-name.js';
export { findFontFiles } from './office/node/fonts.js';
export { createHarfBuzzShaper } from './office/node/harfbuzz.js';
export type { HarfBuzzShaper } from './office/node/harfbuzz.js';
export { systemShaper } from './office/node/shaper.js';
export { documentToPdf } from './office/node/pdf-document.js';
export { deckToPdf } from './office/node/pdf-slides.js';
export { sheetToPdf } from './office/node/pdf-sheet.js';
export { documentToDocx } from './office/node/docx-export.js';
export { deckToPptx } from './office/node/pptx.js';
export { workbookToXlsx } from './office/node/xlsx.js';
export { convertFile } from './office/node/convert.js';
export type { ConvertOptions, ConvertSummary } from './office/node/convert.js';
export { exportFolder, saveExport } from './office/node/save-export.js';
// office files: open, save, autosave, recent (issue 16)
export { odtToDocument } from './office/document/odt-import.js';
export { documentToText, textToDocument } from './office/document/plain-text.js';
export {
  elements as xmlElements,
  find as xmlFind,
  findAll as xmlFindAll,
  parseXml,
  textOf as xmlText,
} from './office/xml-read.js';
export type { XmlElement } from './office/xml-read.js';
export {
  FULL_DOCUMENT_FORMATS,
  OPEN_DOCUMENT_FORMATS,
  SAVE_DOCUMENT_FORMATS,
  documentBytes,
  documentFormatOf,
  openDocumentFile,
  saveDocumentFile,
} from './office/node/documents.js';
export type { DocumentFormat, OpenedDocument } from './office/node/documents.js';
export { AutosaveStore, ownerAlive, processStart } from './office/node/autosave.js';
export type { AutosaveEntry } from './office/node/autosave.js';
export { RECENT_LIMIT, RecentFiles } from './office/node/recent-files.js';
export { ensurePrivateDir, koompiStateDir } from './office/node/state.js';
export { UndoHistory } from './office/history.js';
export { fileStamp } from './office/node/file-stamp.js';
export { createDocumentFiles } from './office/node/document-files.js';
export type {
  DocumentFiles,
  DocumentFilesDeps,
  DocumentFilesSpec,
  FileAt,
  FileOpenResult,
  FileSaveResult,
} from './office/node/document-files.js';
export { odfFormulaToA1 } from './office/sheet/ods-formula.js';
export { odsToWorkbook } from './office/node/ods.js';
export { pptxToDeck } from './office/node/pptx-import.js';
export {
  FULL_DECK_FORMATS,
  OPEN_DECK_FORMATS,
  deckFormatOf,
  deckToOutline,
  openDeckFile,
  saveDeckFile,
} from './office/node/decks.js';
export type { DeckFormat, OpenedDeck } from './office/node/decks.js';
export {
  FULL_WORKBOOK_FORMATS,
  OPEN_WORKBOOK_FORMATS,
  SAVE_WORKBOOK_FORMATS,
  engineToCsv,
  openWorkbookFile,
  saveWorkbookFile,
  workbookFormatOf,
} from './office/node/workbooks.js';
export type { OpenedWorkbook, WorkbookFormat } from './office/node/workbooks.js';

// voice: the microphone, speech models, recognition and typing
export { SAMPLE_RATE } from './voice/types.js';
export type { Transcriber, VoiceLanguage } from './voice/types.js';
export { ModelLoadError } from './voice/errors.js';
export { decodeWav, encodeWav } from './voice/wav.js';
export { joinKhmerWords } from './voice/khmer.js';
export { KNOWN_MODELS } from './voice/models.js';
export type { KnownModel } from './voice/models.js';
export { voiceMessage } from './voice/messages.js';
export type { VoiceNotice } from './voice/messages.js';
export { addModel, findModel, listModels } from './voice/node/models.js';
export { openDictation, openWhisper } from './voice/node/whisper.js';
export { DEFAULT_POCKETSPHINX_MODEL, PocketsphinxTranscriber, openCommandMode } from './voice/node/pocketsphinx.js';
export { listenForUtterance, openMicrophone } from './voice/node/capture.js';
export { transcribeWavFile } from './voice/node/transcribe-file.js';
export { typeIntoFocusedWindow, typingCommands } from './voice/node/typer.js';
export { listenAndTranscribe } from './voice/node/dictate.js';

// classroom: the teacher's class, the student's device, discovery, Syncthing, the control socket
export { StateDamagedError, writeDurable } from './classroom/node/store.js';
export { displayName } from './classroom/names.js';
export { signMessage } from './classroom/envelope.js';
export { JoinWindow, deviceIdOf } from './classroom/pairing.js';
export { signPresence } from './classroom/presence.js';
export type { Discovery } from './classroom/ports.js';
export { createNodeCrypto } from './classroom/node/crypto.js';
export { createBonjourDiscovery } from './classroom/node/mdns.js';
export { startSyncthing } from './classroom/node/syncthing.js';
export type { Syncthing } from './classroom/node/syncthing.js';
export { StudentDevice } from './classroom/node/student.js';
export { TeacherClassroom } from './classroom/node/teacher.js';
export { createDesktopSession } from './classroom/node/session.js';
export { connectClassroomControl, defaultControlSocket, serveClassroomControl } from './classroom/node/control.js';
export type { ClassroomClient, ControlResult } from './classroom/client.js';
export { createAvahiDiscovery } from './classroom/node/avahi.js';

// desktop: one app start-up, Chat on the session bus, the KRunner runner, global shortcuts
export { APP_EXIT, APP_START_KEYS, OFFICE_START_KEYS, RUNNING, exitWith } from './desktop/app-start.js';
export type { AppArgs, AppOutcome } from './desktop/app-start.js';
export { packageVersion, runApp } from './desktop/node/app-main.js';
export type { AppWindow } from './desktop/node/app-main.js';
export { callRunningChat, startChatService } from './desktop/node/chat-service.js';
export { startRunnerService } from './desktop/node/runner-service.js';
export { qtKeyCode, registerGlobalShortcut } from './desktop/node/global-shortcut.js';

// ai: the assistant, its backends and the koompi-ai service
export type { AiEvent, ChatTurn, HistoryStore, OfflineReason, ProposedAction } from './ai/ai.js';
export { Assistant, languageOf } from './ai/assistant.js';
export { callForIntent } from './ai/tools.js';
export { HelpIndex, helpTerms } from './ai/help-index.js';
export { createOfflineEngine } from './ai/offline-engine.js';
export { GeminiBackend } from './ai/node/gemini-backend.js';
export { SCHOOL_KEY_FILE, readSchoolKey } from './ai/node/keys.js';
export { SqliteHistory } from './ai/node/sqlite-history.js';
export { createAssistant } from './ai/node/create.js';
export { serveAi } from './ai/node/ai-service.js';
export { DEFAULT_SHARE } from './ai/fair-share.js';
export type { FairShareLimits } from './ai/fair-share.js';
export type { AssistantSetup } from './ai/node/create.js';
