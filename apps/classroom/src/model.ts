/**
 * What the Classroom windows show, as plain data, and the actions they can
 * ask for. `main.ts` adapts the running TeacherClassroom / StudentDevice to
 * these; the demo and the tests use fixed data. No Qt here.
 */
import type { Translator } from '@koompi/core';

export interface RosterRow {
  readonly id: string;
  readonly name: string;
  readonly online: boolean;
  /** Application in front, empty when unknown. */
  readonly activity: string;
  readonly locked: boolean;
  readonly submitted: number;
  readonly refused: number;
}

export interface TeacherView {
  readonly className: string;
  /** The class code while joining is open (`482 913`). */
  readonly code?: string;
  readonly roster: readonly RosterRow[];
  readonly status: string;
}

export interface TeacherActions {
  startClass(): Promise<void>;
  stopJoining(): Promise<void>;
  share(path: string): Promise<void>;
  collect(): Promise<void>;
  lock(): Promise<void>;
  unlock(): Promise<void>;
  message(text: string): Promise<void>;
}

export interface TeacherModel extends TeacherActions {
  view(): TeacherView;
  /** Calls back whenever the view changes; returns a function that stops it. */
  onChange(listener: () => void): () => void;
}

export interface LessonRow {
  readonly title: string;
  readonly files: number;
  readonly bytes: number;
  readonly arrivedAt: number;
}

export interface ReceiptRow {
  readonly path: string;
  readonly receivedAt: number;
  readonly matches: boolean;
}

export interface StudentView {
  /** Undefined until the student has joined a class. */
  readonly className?: string;
  readonly teacher?: string;
  readonly lessons: readonly LessonRow[];
  readonly receipts: readonly ReceiptRow[];
  readonly lastMessage?: string;
  readonly status: string;
}

export interface StudentModel {
  view(): StudentView;
  onChange(listener: () => void): () => void;
  join(code: string): Promise<void>;
  submit(path: string): Promise<void>;
}

/** Application ids → a friendlier name; unknown ids are shown as they are. */
const APP_NAMES: Readonly<Record<string, string>> = {
  'org.koompi.Write': 'KOOMPI Write',
  'org.koompi.Present': 'KOOMPI Present',
  'org.koompi.Calculate': 'KOOMPI Calculate',
  'org.koompi.Chat': 'KOOMPI Chat',
  'org.kde.dolphin': 'Dolphin',
  'org.kde.kate': 'Kate',
  firefox: 'Firefox',
};

export function appName(id: string): string {
  return APP_NAMES[id] ?? id;
}

export function rosterSummary(t: Translator, rows: readonly RosterRow[]): string {
  if (rows.length === 0) return t('roster.empty');
  return t('roster.summary', { online: rows.filter((r) => r.online).length, total: rows.length });
}

/** One line per student for the collect grid, and whether they have handed something in. */
export function gridCell(t: Translator, row: RosterRow): { text: string; submitted: boolean } {
  const base =
    row.submitted > 0
      ? t('grid.submitted', { name: row.name, count: row.submitted })
      : t('grid.none', { name: row.name });
  return {
    text: row.refused > 0 ? `${base}\n${t('grid.refused', { count: row.refused })}` : base,
    submitted: row.submitted > 0,
  };
}

export function formatBytes(t: Translator, bytes: number): string {
  if (bytes >= 1024 * 1024) return t('size.mb', { size: Math.round((bytes / (1024 * 1024)) * 10) / 10 });
  return t('size.kb', { size: Math.max(1, Math.round(bytes / 1024)) });
}
