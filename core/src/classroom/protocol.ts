/**
 * The classroom's control messages. The teacher sends commands; a student sends
 * events (what arrived, its status) and replies. Every message is an envelope
 * signed with the sender's Ed25519 key: the signature covers the exact bytes of
 * `body`, so nothing depends on how JSON is re-serialised.
 *
 * Wire form: `{"body": "<envelope as JSON>", "sig": "<base64url>"}`.
 */
import type { LessonOffer, Receipt } from './lessons.js';

export const PROTOCOL_VERSION = 1;

/** What the teacher may tell a student device to do. */
export type TeacherCommand =
  | { kind: 'lock'; message: string }
  | { kind: 'unlock' }
  | { kind: 'message'; text: string }
  | { kind: 'open-link'; url: string }
  | { kind: 'open-lesson'; share: string; path: string }
  | { kind: 'report' }
  | { kind: 'receive'; offer: LessonOffer }
  | { kind: 'receipt'; receipt: Receipt };

export type TeacherCommandKind = TeacherCommand['kind'];

/** What a student device is doing, as it reports it. */
export interface StudentStatus {
  readonly locked: boolean;
  /** The application in front (a desktop id or window class), empty when unknown. */
  readonly activeApp: string;
  readonly shares: readonly string[];
}

/** A student device's own messages to the teacher. */
export type StudentEvent =
  | { kind: 'hello'; port: number; status: StudentStatus }
  | { kind: 'arrived'; share: string; verified: boolean; problem: string }
  | { kind: 'reply'; re: string; result: CommandOutcome };

/** How a student carried out one command. */
export type CommandOutcome =
  { kind: 'done'; status?: StudentStatus } | { kind: 'failed'; reason: string } | { kind: 'refused'; reason: string };

export interface Envelope<T> {
  readonly v: number;
  /** Class id. */
  readonly cls: string;
  /** Sender's device id. */
  readonly from: string;
  /** Receiver's device id, or `*` for every student. */
  readonly to: string;
  /** Sender's counter: strictly increasing per sender (microseconds since the epoch, or more). */
  readonly seq: number;
  /** Sender's clock, milliseconds since the epoch. */
  readonly ts: number;
  /** Random, base64url: replies name the request by it. */
  readonly nonce: string;
  readonly msg: T;
}

export interface SignedMessage {
  readonly body: string;
  readonly sig: string;
}

// ---- shape checks: peers send JSON, and a typo or an attack looks the same ----

const MAX_TEXT = 500;
const MAX_URL = 2048;

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function str(x: unknown, max: number): x is string {
  return typeof x === 'string' && x.length <= max;
}

export function isStudentStatus(x: unknown): x is StudentStatus {
  return (
    isObject(x) &&
    typeof x['locked'] === 'boolean' &&
    str(x['activeApp'], 200) &&
    Array.isArray(x['shares']) &&
    x['shares'].length <= 1000 &&
    x['shares'].every((s) => str(s, 100))
  );
}

/** Only http and https links are opened on a student's machine. */
export function isSafeLink(url: string): boolean {
  if (url.length > MAX_URL || /[\s\u0000-\u001f\u007f]/.test(url)) return false;
  return /^https?:\/\/[^/?#\s]+/i.test(url);
}

export function isTeacherCommand(
  x: unknown,
  isOffer: (o: unknown) => boolean,
  isReceipt: (r: unknown) => boolean,
): x is TeacherCommand {
  if (!isObject(x)) return false;
  switch (x['kind']) {
    case 'lock':
      return str(x['message'], MAX_TEXT);
    case 'unlock':
    case 'report':
      return true;
    case 'message':
      return str(x['text'], MAX_TEXT) && x['text'].length > 0;
    case 'open-link':
      return typeof x['url'] === 'string' && isSafeLink(x['url']);
    case 'open-lesson':
      return str(x['share'], 100) && str(x['path'], 1024);
    case 'receive':
      return isOffer(x['offer']);
    case 'receipt':
      return isReceipt(x['receipt']);
    default:
      return false;
  }
}

export function isCommandOutcome(x: unknown): x is CommandOutcome {
  if (!isObject(x)) return false;
  if (x['kind'] === 'done') return x['status'] === undefined || isStudentStatus(x['status']);
  return (x['kind'] === 'failed' || x['kind'] === 'refused') && str(x['reason'], MAX_TEXT);
}

export function isStudentEvent(x: unknown): x is StudentEvent {
  if (!isObject(x)) return false;
  switch (x['kind']) {
    case 'hello':
      return (
        Number.isInteger(x['port']) &&
        (x['port'] as number) > 0 &&
        (x['port'] as number) < 65536 &&
        isStudentStatus(x['status'])
      );
    case 'arrived':
      return str(x['share'], 100) && typeof x['verified'] === 'boolean' && str(x['problem'], MAX_TEXT);
    case 'reply':
      return str(x['re'], 64) && isCommandOutcome(x['result']);
    default:
      return false;
  }
}

export function isEnvelope(x: unknown): x is Envelope<unknown> {
  return (
    isObject(x) &&
    x['v'] === PROTOCOL_VERSION &&
    str(x['cls'], 64) &&
    str(x['from'], 100) &&
    str(x['to'], 100) &&
    Number.isSafeInteger(x['seq']) &&
    (x['seq'] as number) > 0 &&
    Number.isSafeInteger(x['ts']) &&
    str(x['nonce'], 64) &&
    'msg' in x
  );
}

export function isSignedMessage(x: unknown): x is SignedMessage {
  return isObject(x) && str(x['body'], 1_000_000) && str(x['sig'], 200);
}
