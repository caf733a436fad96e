/**
 * The KOOMPI Chat main window: the conversation, a search line, an action bar
 * for confirming what the assistant proposes, the input line, send and
 * microphone buttons, and a language switch. The only NodeGui importer of the
 * app, with the other files in this folder.
 */
import {
  AlignmentFlag,
  Direction,
  QApplication,
  QBoxLayout,
  QBrush,
  QColor,
  QComboBox,
  QFont,
  QIcon,
  QKeySequence,
  QLabel,
  QLineEdit,
  QListWidget,
  QListWidgetItem,
  QMainWindow,
  QPushButton,
  QShortcut,
  QSize,
  QWidget,
} from '@nodegui/nodegui';
import { helpTerms, voiceMessage, type Locale, type ProposedAction, type Translator } from '@koompi/core';
import type { VoiceInput } from '../voice-input.js';
import type { ChatController, ChatStatus } from '../chat-controller.js';
import { MAX_MESSAGE_LENGTH, type ChatMessage, type ConversationChange } from '../conversation.js';

export interface ChatWindowOptions {
  readonly t: Translator;
  readonly controller: ChatController;
  /** Path of the microphone icon (SVG). */
  readonly microphoneIcon: string;
  /** Whether a speech engine is installed; without one the button stays disabled and says why. */
  readonly voiceAvailable: boolean;
  /** The microphone; absent in tests that do not need it. */
  readonly voice?: VoiceInput;
  /** The `voice` messages, for what went wrong while listening. */
  readonly voiceT?: () => Translator;
  /** Gives the translator for another language and remembers the choice. */
  readonly switchLanguage?: (locale: Locale) => Translator;
}

/** Fonts that carry Khmer, best first; Qt falls back through fontconfig for the rest. */
export const KHMER_FONT_FAMILIES = ['Noto Sans Khmer', 'Khmer OS', 'Khmer OS System'];
export const BASE_POINT_SIZE = 11;

/** Bubble colours per author; tests draw reference text on the same colours. */
export const BUBBLE_COLOURS = { person: '#dcebff', assistant: '#f1f3f4', notice: '#fff4d6' } as const;

const STYLE = `
  #messages { border: none; background: #ffffff; padding: 8px; }
  #messages::item { padding: 8px 10px; margin: 4px 0; }
  #welcome { color: #5c6166; padding: 24px; background: #ffffff; }
  #status { color: #5c6166; padding: 4px 10px; }
  #actionBar { background: #fff4d6; }
  #composer, #topBar { background: #eff0f1; }
  #input, #search { padding: 6px 8px; border: 1px solid #bdc3c7; border-radius: 6px; background: #ffffff; }
  #send, #confirm, #cancel { padding: 6px 14px; }
`;

const LOCALE_CHOICES: readonly Locale[] = ['km', 'en'];

export class ChatWindow {
  readonly window = new QMainWindow();
  readonly search = new QLineEdit();
  readonly language = new QComboBox();
  readonly messageList = new QListWidget();
  readonly welcome = new QLabel();
  readonly status = new QLabel();
  readonly actionBar = new QWidget();
  readonly actionText = new QLabel();
  readonly confirmButton = new QPushButton();
  readonly cancelButton = new QPushButton();
  readonly input = new QLineEdit();
  readonly sendButton = new QPushButton();
  readonly micButton = new QPushButton();
  readonly #items = new Map<number, QListWidgetItem>();
  /** Called after an answer's text is shown (the paint probe of bench:chat). */
  onAnswerShown: ((text: string) => void) | undefined;
  #t: Translator;
  #status: ChatStatus = { kind: 'idle' };

  constructor(private readonly options: ChatWindowOptions) {
    this.#t = options.t;
    const { controller } = options;
    this.window.setObjectName('org.koompi.Chat');
    this.window.setMinimumSize(420, 520);
    this.window.resize(480, 640);
    this.window.setFont(new QFont(KHMER_FONT_FAMILIES[0] ?? 'Sans', BASE_POINT_SIZE));

    const root = new QWidget();
    const layout = new QBoxLayout(Direction.TopToBottom);
    layout.setContentsMargins(0, 0, 0, 0);
    layout.setSpacing(0);
    root.setLayout(layout);

    const topBar = new QWidget();
    topBar.setObjectName('topBar');
    const top = new QBoxLayout(Direction.LeftToRight);
    top.setContentsMargins(8, 6, 8, 6);
    topBar.setLayout(top);
    this.search.setObjectName('search');
    this.search.setClearButtonEnabled(true);
    top.addWidget(this.search, 1);
    this.language.setObjectName('language');
    for (const locale of LOCALE_CHOICES) this.language.addItem(undefined, locale === 'km' ? 'ខ្មែរ' : 'English');
    this.language.setCurrentIndex(Math.max(0, LOCALE_CHOICES.indexOf(this.#t.locale)));
    top.addWidget(this.language);
    layout.addWidget(topBar);

    this.welcome.setObjectName('welcome');
    this.welcome.setWordWrap(true);
    this.welcome.setAlignment(AlignmentFlag.AlignCenter);
    layout.addWidget(this.welcome);

    this.messageList.setObjectName('messages');
    this.messageList.setWordWrap(true);
    layout.addWidget(this.messageList, 1);

    this.actionBar.setObjectName('actionBar');
    const actionRow = new QBoxLayout(Direction.LeftToRight);
    actionRow.setContentsMargins(10, 6, 10, 6);
    this.actionBar.setLayout(actionRow);
    this.actionText.setWordWrap(true);
    actionRow.addWidget(this.actionText, 1);
    this.confirmButton.setObjectName('confirm');
    this.cancelButton.setObjectName('cancel');
    actionRow.addWidget(this.confirmButton);
    actionRow.addWidget(this.cancelButton);
    this.actionBar.hide();
    layout.addWidget(this.actionBar);

    this.status.setObjectName('status');
    this.status.setWordWrap(true);
    layout.addWidget(this.status);

    const composer = new QWidget();
    composer.setObjectName('composer');
    const row = new QBoxLayout(Direction.LeftToRight);
    row.setContentsMargins(8, 8, 8, 8);
    row.setSpacing(6);
    composer.setLayout(row);
    this.micButton.setObjectName('microphone');
    this.micButton.setIcon(new QIcon(options.microphoneIcon));
    this.micButton.setIconSize(new QSize(20, 20));
    this.micButton.setEnabled(options.voiceAvailable);
    row.addWidget(this.micButton);
    this.input.setObjectName('input');
    row.addWidget(this.input, 1);
    this.sendButton.setObjectName('send');
    this.sendButton.setDefault(true);
    row.addWidget(this.sendButton);
    layout.addWidget(composer);

    this.window.setCentralWidget(root);
    this.window.setStyleSheet(STYLE, false);
    this.retranslate(this.#t);

    this.sendButton.addEventListener('clicked', () => this.send());
    this.input.addEventListener('returnPressed', () => this.send());
    this.confirmButton.addEventListener('clicked', () => void controller.confirm());
    this.cancelButton.addEventListener('clicked', () => controller.cancel());
    this.search.addEventListener('textChanged', (text) => this.filter(text));
    this.language.addEventListener('currentIndexChanged', (index) => this.#changeLanguage(index));
    const mic = new QShortcut(this.window);
    mic.setKey(new QKeySequence('Ctrl+M'));
    mic.addEventListener('activated', () => void this.toggleMicrophone());
    this.micButton.addEventListener('clicked', () => void this.toggleMicrophone());
    options.voice?.onState((state) => {
      this.micButton.setText(state === 'listening' ? '●' : '');
      this.status.setText(state === 'listening' ? this.#t('status.listening') : this.#t('status.ready'));
    });
    const copy = new QShortcut(this.window);
    copy.setKey(new QKeySequence('Ctrl+Shift+C'));
    copy.addEventListener('activated', () => this.copySelected());

    controller.conversation.onChange((change) => this.#render(change));
    controller.on({
      status: (status) => this.#showStatus(status),
      pendingAction: (action, undo) => this.#showAction(action, undo),
      busy: (busy) => this.sendButton.setEnabled(!busy),
    });
    for (const message of controller.conversation.messages) this.#render({ kind: 'added', message });
  }

  show(): void {
    this.window.show();
    this.input.setFocus();
  }

  /** Brings the window to the front (the Super key, KRunner, a second start). */
  raise(): void {
    this.window.showNormal();
    this.window.raise();
    this.window.activateWindow();
    this.input.setFocus();
  }

  /** Asks `text` as if the person had typed it (KRunner, `org.koompi.Chat1.Ask`). */
  ask(text: string): void {
    void this.options.controller.send(text);
  }

  /** Sends what is in the input line; it stays there when it cannot be sent. */
  send(): void {
    const text = this.input.text();
    if (this.options.controller.busy) return;
    const checked = text.trim();
    if (!checked) return;
    void this.options.controller.send(text).then((result) => {
      if (result === 'too-long') this.status.setText(this.#t('status.tooLong', { max: MAX_MESSAGE_LENGTH }));
    });
    this.input.clear();
    this.input.setFocus();
  }

  /** Ctrl+M or the button: listen, then put what was said into the input line to check and send. */
  async toggleMicrophone(): Promise<void> {
    const { voice, voiceAvailable } = this.options;
    if (!voice || !voiceAvailable) return;
    const result = await voice.toggle(this.#t.locale);
    if (result.kind === 'stopped') return;
    if (result.kind === 'ok') {
      const current = this.input.text();
      this.input.setText(current ? `${current} ${result.transcript.text}` : result.transcript.text);
      this.input.setFocus();
      return;
    }
    const { key, params } = voiceMessage(result);
    this.status.setText(this.options.voiceT ? this.options.voiceT()(key, params) : key);
  }

  /** Shows only the messages that contain every word of `query` (Khmer segmented). */
  filter(query: string): void {
    const words = helpTerms(query);
    for (const message of this.options.controller.conversation.messages) {
      const item = this.#items.get(message.id);
      if (!item) continue;
      const text = message.text.toLowerCase();
      item.setHidden(words.length > 0 && !words.every((w) => text.includes(w)));
    }
  }

  /** Copies the selected message (or the last answer) to the clipboard. */
  copySelected(): string {
    const messages = this.options.controller.conversation.messages;
    const row = this.messageList.currentRow();
    const message = row >= 0 ? messages[row] : [...messages].reverse().find((m) => m.author === 'assistant');
    if (!message) return '';
    QApplication.clipboard()?.setText(message.text);
    return message.text;
  }

  retranslate(t: Translator): void {
    this.#t = t;
    this.window.setWindowTitle(t('window.title'));
    this.search.setPlaceholderText(t('search.placeholder'));
    this.search.setAccessibleName(t('search.accessibleName'));
    this.language.setAccessibleName(t('language.accessibleName'));
    this.language.setToolTip(t('language.accessibleName'));
    this.welcome.setText(t('welcome'));
    this.messageList.setAccessibleName(t('messages.accessibleName'));
    this.status.setAccessibleName(t('status.accessibleName'));
    this.actionText.setAccessibleName(t('action.accessibleName'));
    this.confirmButton.setText(t('action.confirm'));
    this.confirmButton.setAccessibleName(t('action.confirm'));
    this.cancelButton.setText(t('action.cancel'));
    this.cancelButton.setAccessibleName(t('action.cancel'));
    this.micButton.setAccessibleName(t('microphone.accessibleName'));
    this.micButton.setToolTip(this.options.voiceAvailable ? t('microphone.tooltip') : t('microphone.unavailable'));
    this.micButton.setAccessibleDescription(this.micButton.toolTip());
    this.input.setPlaceholderText(t('input.placeholder'));
    this.input.setAccessibleName(t('input.accessibleName'));
    this.sendButton.setText(t('send.label'));
    this.sendButton.setAccessibleName(t('send.accessibleName'));
    this.#showStatus(this.#status);
    const pending = this.options.controller.pendingAction;
    if (pending) this.#showAction(pending, this.#undo);
  }

  #changeLanguage(index: number): void {
    const locale = LOCALE_CHOICES[index];
    if (!locale || locale === this.#t.locale || !this.options.switchLanguage) return;
    this.retranslate(this.options.switchLanguage(locale));
  }

  #render(change: ConversationChange): void {
    const { message } = change;
    let item = this.#items.get(message.id);
    if (!item) {
      item = this.#newItem(message);
      this.#items.set(message.id, item);
      this.messageList.addItem(item);
      this.welcome.hide();
    }
    item.setText(message.text || '…');
    this.messageList.scrollToBottom();
    if (message.author === 'assistant') this.onAnswerShown?.(message.text);
  }

  #newItem(message: ChatMessage): QListWidgetItem {
    const item = new QListWidgetItem();
    const person = message.author === 'person';
    item.setTextAlignment(person ? AlignmentFlag.AlignRight | AlignmentFlag.AlignVCenter : AlignmentFlag.AlignLeft);
    item.setToolTip(this.#t.formatDate(message.at, { dateStyle: 'medium', timeStyle: 'short' }));
    item.setBackground(new QBrush(new QColor(BUBBLE_COLOURS[message.author])));
    return item;
  }

  #showStatus(status: ChatStatus): void {
    this.#status = status;
    const t = this.#t;
    switch (status.kind) {
      case 'idle':
        this.status.setText(t('status.ready'));
        break;
      case 'thinking':
        this.status.setText(t('status.thinking'));
        break;
      case 'retrying':
        this.status.setText(t('status.retrying', { seconds: status.seconds }));
        break;
      case 'offline':
        this.status.setText(t('status.offline'));
        break;
    }
  }

  #undo = false;

  #showAction(action: ProposedAction | undefined, undo = false): void {
    this.#undo = undo;
    if (!action) {
      this.actionBar.hide();
      return;
    }
    const { app = '', query = '', path = '', topic = '' } = action.slots;
    const t = this.#t;
    const key = undo ? `action.undo.${action.intent}` : `action.ask.${action.intent}`;
    this.actionText.setText(t(key, { app, query, path, topic }));
    this.confirmButton.setText(t(undo ? 'action.undoButton' : 'action.confirm'));
    this.confirmButton.setAccessibleName(t(undo ? 'action.undoButton' : 'action.confirm'));
    this.cancelButton.setText(t(undo ? 'action.keep' : 'action.cancel'));
    this.cancelButton.setAccessibleName(t(undo ? 'action.keep' : 'action.cancel'));
    this.actionBar.show();
    this.confirmButton.setFocus();
  }
}
