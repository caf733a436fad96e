/**
 * Fills the slots of the winning intent from the evidence: the app a command
 * is about, what to search for, which folder to back up, which topic or
 * language. Catalog matches win over free words, so "ដំឡើង ហ្វាយហ្វក" and
 * "install firefox" both give `firefox`.
 */
import type { Catalog } from '../catalog/catalog.js';
import type { Evidence } from './evidence.js';
import type { Mention } from './matcher.js';
import type { InfoTopic, IntentId, IntentSlots } from './types.js';

/** Concepts whose words are the command itself, never part of an app name or query. */
const COMMAND_TAGS = new Set([
  'install',
  'acquire',
  'remove',
  'find',
  'recommend',
  'lost',
  'update',
  'create',
  'list',
  'rollback',
  'backup',
  'share',
  'collect',
  'online',
  'lock',
  'unlock',
  'open',
  'change',
  'howto',
  'define',
  'why',
  'problem',
  'help',
  'question',
  'negation',
  'app_word',
  'filler',
  'how_much',
  'system',
  'where',
  'possessive',
  'define_weak',
  'anymore',
  'indefinite',
  'out',
  'before',
  'open_weak',
  'when',
  'recent',
  'back',
]);
/** File words too general to search for on their own ("find the file called …"). */
const GENERIC_FILE_WORDS = new Set([
  'file',
  'files',
  'document',
  'documents',
  'doc',
  'docs',
  'folder',
  'folders',
  'ឯកសារ',
  'ហ្វាយ',
  'ហ្វាល',
  'ថតឯកសារ',
]);

function textOf(e: Evidence, start: number, end: number): string {
  const parts: string[] = [];
  for (let k = start; k < end; k++) {
    const u = e.units[k]!;
    const prev = e.units[k - 1];
    // Khmer clusters join without spaces, like the person wrote them; words are spaced.
    if (parts.length > 0 && !(u.script === 'khmer' && prev?.script === 'khmer')) parts.push(' ');
    parts.push(u.raw);
  }
  return parts.join('');
}

/** Leftover words plus the mentions `keep` accepts, in sentence order, as text. */
function contentText(e: Evidence, keep: (m: Mention) => boolean): string {
  const pieces: Array<{ start: number; end: number }> = [];
  for (const i of e.leftover) pieces.push({ start: i, end: i + 1 });
  for (const m of e.mentions) if (keep(m)) pieces.push({ start: m.start, end: m.end });
  pieces.sort((a, b) => a.start - b.start);
  // Merge neighbours so Khmer clusters of one word stay together.
  const merged: Array<{ start: number; end: number }> = [];
  for (const p of pieces) {
    const last = merged[merged.length - 1];
    if (last && last.end === p.start) last.end = p.end;
    else merged.push({ ...p });
  }
  return merged
    .map((p) => textOf(e, p.start, p.end))
    .join(' ')
    .trim();
}

function isCommandWord(m: Mention): boolean {
  return m.tags.every((t) => COMMAND_TAGS.has(t) || t.startsWith('folder:'));
}

/**
 * Runs of neighbouring Latin words nothing recognised, those after the command verb first: in "yo can u
 * download discord" the name is "discord", not "yo".
 */
function latinRuns(e: Evidence): string[] {
  const runs: Array<{ start: number; text: string }> = [];
  let current: { start: number; words: string[]; end: number } | undefined;
  for (const i of e.leftover) {
    const u = e.units[i]!;
    if (u.script !== 'latin') continue;
    if (current && current.end === i) {
      current.words.push(u.raw);
      current.end = i + 1;
    } else {
      if (current) runs.push({ start: current.start, text: current.words.join(' ') });
      current = { start: i, words: [u.raw], end: i + 1 };
    }
  }
  if (current) runs.push({ start: current.start, text: current.words.join(' ') });
  const verb = e.mentions.find((m) => !m.tags.every((t) => t === 'filler' || t === 'possessive'));
  const after = verb ? runs.filter((r) => r.start >= verb.end) : [];
  return [...after, ...runs.filter((r) => !after.includes(r))].map((r) => r.text);
}

function appSlot(e: Evidence, catalog: Catalog): string | undefined {
  const app = e.tagged('app:')[0];
  if (app) return app.tag.slice('app:'.length);
  const category = e.tagged('cat:')[0];
  // An unknown name (Latin words first: app names are mostly Latin) beats a kind of app.
  const latin = latinRuns(e);
  if (latin.length > 0) return latin[0];
  if (category) return catalog.category(category.tag.slice('cat:'.length))?.preferred;
  const khmer = contentText(e, () => false);
  return khmer === '' ? undefined : khmer;
}

function topicSlot(e: Evidence): InfoTopic | undefined {
  const found = e.tagged('topic_')[0];
  return found ? (found.tag.slice('topic_'.length) as InfoTopic) : undefined;
}

function languageSlot(e: Evidence): 'km' | 'en' | undefined {
  // "from English to Khmer": the last language named is the one wanted.
  let found: 'km' | 'en' | undefined;
  for (const m of e.mentions) {
    if (m.tags.includes('lang_km')) found = 'km';
    if (m.tags.includes('lang_en')) found = 'en';
  }
  return found;
}

function pathSlot(e: Evidence): string {
  if (e.fileToken && /^(~|\.{0,2}\/)/.test(e.fileToken)) return e.fileToken;
  const folder = e.tagged('folder:')[0];
  return folder ? folder.tag.slice('folder:'.length) : '~';
}

function fileQuery(e: Evidence): string | undefined {
  if (e.fileToken) return e.fileToken;
  const query = contentText(e, (m) => !isCommandWord(m) && !GENERIC_FILE_WORDS.has(m.term));
  if (query !== '') return query;
  const generic = contentText(e, (m) => GENERIC_FILE_WORDS.has(m.term));
  return generic === '' ? undefined : generic;
}

export function fillSlots(intent: IntentId, e: Evidence, catalog: Catalog): IntentSlots {
  switch (intent) {
    case 'package.install':
    case 'package.remove': {
      const app = appSlot(e, catalog);
      return app === undefined ? {} : { app };
    }
    case 'app.open': {
      // "open my documents" opens the file manager.
      const app = appSlot(e, catalog) ?? (e.weight('file') > 0 || e.tagged('folder:').length > 0 ? 'files' : undefined);
      return app === undefined ? {} : { app };
    }
    case 'package.search': {
      const query = contentText(e, (m) => !isCommandWord(m) && !m.tags.includes('app:store'));
      return query === '' ? {} : { query };
    }
    case 'file.find': {
      const query = fileQuery(e);
      return query === undefined ? {} : { query };
    }
    case 'file.backup':
      return { path: pathSlot(e) };
    case 'system.info': {
      const topic = topicSlot(e);
      return topic === undefined ? {} : { topic };
    }
    case 'settings.language': {
      const language = languageSlot(e);
      return language === undefined ? {} : { language };
    }
    default:
      return {};
  }
}
