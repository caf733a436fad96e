/**
 * The KOOMPI Chat main window: the conversation, an input line, a send button
 * and a microphone button. This folder is the only place that imports NodeGui.
 */
import {
  AlignmentFlag,
  Direction,
  QBoxLayout,
  QBrush,
  QColor,
  QFont,
  QIcon,
  QLabel,
  QLineEdit,
  QListWidget,
  QListWidgetItem,
  QMainWindow,
  QPushButton,
  QSize,
  QWidget,
} from '@nodegui/nodegui';
import type { Translator } from '@koompi/core';
import type { ChatMessage, Conversation } from '../conversation.js';

export interface ChatWindowOptions {
  readonly t: Translator;
  readonly conversation: Conversation;
  /** Path of the microphone icon (SVG). */
  readonly microphoneIcon: string;
  /** Whether a voice service is present; until then the button stays disabled. */
  readonly voiceAvailable: boolean;
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
  #composer { background: #eff0f1; }
  #input { padding: 6px 8px; border: 1px solid #bdc3c7; border-radius: 6px; background: #ffffff; }
  #send { padding: 6px 14px; }
`;

export class ChatWindow {
  readonly window = new QMainWindow();
  readonly messageList = new QListWidget();
  readonly input = new QLineEdit();
  readonly sendButton = new QPushButton();
  readonly micButton = new QPushButton();
  readonly status = new QLabel();
  readonly welcome = new QLabel();

  constructor(private readonly options: ChatWindowOptions) {
    const { t } = options;
    this.window.setObjectName('org.koompi.Chat');
    this.window.setWindowTitle(t('window.title'));
    this.window.setMinimumSize(420, 520);
    this.window.resize(480, 640);
    this.window.setFont(new QFont(KHMER_FONT_FAMILIES[0] ?? 'Sans', BASE_POINT_SIZE));

    const root = new QWidget();
    root.setObjectName('root');
    const layout = new QBoxLayout(Direction.TopToBottom);
    layout.setContentsMargins(0, 0, 0, 0);
    layout.setSpacing(0);
    root.setLayout(layout);

    this.welcome.setObjectName('welcome');
    this.welcome.setWordWrap(true);
    this.welcome.setAlignment(AlignmentFlag.AlignCenter);
    this.welcome.setText(t('welcome'));
    layout.addWidget(this.welcome);

    this.messageList.setObjectName('messages');
    this.messageList.setWordWrap(true);
    this.messageList.setAccessibleName(t('messages.accessibleName'));
    layout.addWidget(this.messageList, 1);

    this.status.setObjectName('status');
    this.status.setWordWrap(true);
    this.status.setText(t('status.assistantNotConnected'));
    this.status.setAccessibleName(t('status.accessibleName'));
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
    this.micButton.setAccessibleName(t('microphone.accessibleName'));
    this.micButton.setEnabled(options.voiceAvailable);
    this.micButton.setToolTip(options.voiceAvailable ? t('microphone.tooltip') : t('microphone.unavailable'));
    this.micButton.setAccessibleDescription(this.micButton.toolTip());
    row.addWidget(this.micButton);

    this.input.setObjectName('input');
    this.input.setPlaceholderText(t('input.placeholder'));
    this.input.setAccessibleName(t('input.accessibleName'));
    row.addWidget(this.input, 1);

    this.sendButton.setObjectName('send');
    this.sendButton.setText(t('send.label'));
    this.sendButton.setAccessibleName(t('send.accessibleName'));
    this.sendButton.setDefault(true);
    row.addWidget(this.sendButton);

    layout.addWidget(composer);
    this.window.setCentralWidget(root);
    this.window.setStyleSheet(STYLE);

    this.sendButton.addEventListener('clicked', () => this.send());
    this.input.addEventListener('returnPressed', () => this.send());
    options.conversation.onMessage((message) => this.render(message));
    for (const message of options.conversation.messages) this.render(message);
  }

  show(): void {
    this.window.show();
    this.input.setFocus();
  }

  /** Sends what is in the input line; it stays there when it cannot be sent. */
  send(): void {
    const { t } = this.options;
    const result = this.options.conversation.submit(this.input.text());
    switch (result.kind) {
      case 'sent':
        this.input.clear();
        break;
      case 'empty':
        break;
      case 'too-long':
        this.status.setText(t('status.tooLong', { max: result.max }));
        break;
    }
    this.input.setFocus();
  }

  private render(message: ChatMessage): void {
    const item = new QListWidgetItem(message.text);
    const person = message.author === 'person';
    item.setTextAlignment(person ? AlignmentFlag.AlignRight | AlignmentFlag.AlignVCenter : AlignmentFlag.AlignLeft);
    item.setToolTip(this.options.t.formatDate(message.at, { timeStyle: 'short' }));
    item.setBackground(new QBrush(new QColor(BUBBLE_COLOURS[message.author])));
    this.messageList.addItem(item);
    this.welcome.hide();
    this.messageList.scrollToBottom();
  }
}
