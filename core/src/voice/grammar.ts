/**
 * The spoken-command grammar for pocketsphinx, generated from the intent
 * router's catalog: the apps people can name (their English names and
 * aliases), the kinds of app (categories' terms) and system-info topics, set
 * into command phrasings for each intent. A recognised sentence is then routed
 * by the intent router like typed text; `grammar.test.ts` checks that every
 * phrasing here routes to the intent it is written for.
 *
 * Pure: the pronunciation dictionary is passed in as `knows(word)`.
 *
 * @example
 * const grammar = buildCommandGrammar(createCatalog(), (w) => dict.has(w));
 * fs.writeFileSync('commands.gram', grammar.jsgf);
 */
import { INFO_TOPICS, type InfoTopic, type IntentId } from '../intent/types.js';
import { EXTRA_PRONUNCIATIONS } from './pronunciations.js';

/** What the grammar needs from the catalog (`Catalog` from core/src/catalog fits). */
export interface CommandVocabularySource {
  readonly apps: ReadonlyArray<{
    readonly id: string;
    readonly name: { readonly en: string };
    readonly aliases: readonly string[];
  }>;
  readonly categories: ReadonlyArray<{ readonly id: string; readonly terms: readonly string[] }>;
}

/** Spoken words for each system-info topic (the router's `topic` slot). */
const TOPIC_WORDS: Readonly<Record<InfoTopic, readonly string[]>> = {
  memory: ['memory', 'ram'],
  disk: ['disk space', 'disk', 'storage'],
  battery: ['battery'],
  network: ['network', 'wifi', 'internet'],
  cpu: ['cpu', 'processor'],
  os: ['system version', 'operating system'],
};

/**
 * Command phrasings per intent, in JSGF syntax: `( a | b )` a choice, `[x]`
 * optional, `<app>`, `<kind>`, `<topic>` the catalog's vocabularies.
 */
export const COMMAND_PHRASES: ReadonlyArray<{ readonly intent: IntentId; readonly say: readonly string[] }> = [
  { intent: 'app.open', say: ['( open | launch | start ) [the] <app>'] },
  {
    intent: 'package.install',
    say: ['( install | download ) <app>', 'install [a | an | the] <kind> ( app | program )'],
  },
  { intent: 'package.remove', say: ['( remove | uninstall ) <app>'] },
  { intent: 'package.search', say: ['search for [a | an] <kind> ( app | program )'] },
  { intent: 'system.update', say: ['update the ( system | computer )', 'check for updates', 'install the updates'] },
  { intent: 'snapshot.create', say: ['( create | take | make ) a snapshot'] },
  { intent: 'snapshot.list', say: ['( list | show ) [my | the] snapshots'] },
  { intent: 'snapshot.rollback', say: ['roll back the ( system | last update )', 'undo the last update'] },
  { intent: 'snapshot.delete', say: ['delete the ( old | oldest ) snapshot'] },
  { intent: 'system.info', say: ['( show | check ) [the] <topic> [usage | status]', 'how much <topic> is left'] },
  { intent: 'file.find', say: ['find my ( documents | pictures | homework )'] },
  { intent: 'file.backup', say: ['back up my ( documents | pictures | desktop | music | videos | files )'] },
  { intent: 'classroom.share', say: ['share ( this | the ) ( lesson | worksheet ) with the ( class | students )'] },
  { intent: 'classroom.collect', say: ['collect the ( homework | assignments )'] },
  { intent: 'classroom.online', say: ['who is online', 'which students are online'] },
  { intent: 'classroom.lock', say: ['lock [all] the ( screens | students screens )'] },
  { intent: 'classroom.unlock', say: ['unlock [all] the ( screens | students screens )'] },
  {
    intent: 'settings.language',
    say: ['( switch | change ) the language to ( khmer | english )', 'switch to ( khmer | english )'],
  },
  { intent: 'help', say: ['help me', 'what can you do'] },
];

export interface CommandGrammar {
  /** The JSGF text for `pocketsphinx_continuous -jsgf`. */
  readonly jsgf: string;
  /** Every word the grammar uses, sorted: the pronunciation dictionary must have them all. */
  readonly words: readonly string[];
  /** Vocabulary phrases left out because a word has no pronunciation (`app:krita`, `kind:drawing` …). */
  readonly dropped: readonly string[];
  /** The spoken names of each app the grammar can say, by catalog id. */
  readonly appNames: ReadonlyMap<string, readonly string[]>;
}

/** A catalog name as pocketsphinx words: lower case, ASCII letters only; undefined if it has digits or another script. */
export function spokenForm(name: string): string | undefined {
  const plain = name
    .toLowerCase()
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[-_./+]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (plain === '' || !/^[a-z' ]+$/.test(plain)) return undefined;
  return plain;
}

/** True when pocketsphinx can say `word` with `dictionary` or KOOMPI's extra pronunciations. */
export function pronounceable(word: string, dictionary: (word: string) => boolean): boolean {
  return Object.hasOwn(EXTRA_PRONUNCIATIONS, word) || dictionary(word);
}

export function buildCommandGrammar(source: CommandVocabularySource, knows: (word: string) => boolean): CommandGrammar {
  const dropped: string[] = [];
  const sayable = (phrase: string): boolean => phrase.split(' ').every((w) => pronounceable(w, knows));
  const collect = (label: string, names: readonly string[]): string[] => {
    const out: string[] = [];
    for (const name of names) {
      const spoken = spokenForm(name);
      if (spoken === undefined || out.includes(spoken)) continue;
      if (sayable(spoken)) out.push(spoken);
      else dropped.push(`${label}:${spoken}`);
    }
    return out;
  };

  const appNames = new Map<string, readonly string[]>();
  const apps = new Set<string>();
  for (const app of source.apps) {
    const all = collect(`app:${app.id}`, [app.name.en, ...app.aliases]);
    // "fire fox" beside "firefox": the same sound twice only adds a way to be wrong.
    const joined = new Set(all.filter((n) => !n.includes(' ')));
    const names = all.filter((n) => !n.includes(' ') || !joined.has(n.replaceAll(' ', '')));
    appNames.set(app.id, names);
    for (const n of names) apps.add(n);
  }
  const kinds = new Set<string>();
  for (const category of source.categories)
    for (const t of collect(`kind:${category.id}`, category.terms)) kinds.add(t);
  const topics = new Set<string>();
  for (const topic of INFO_TOPICS) for (const t of collect(`topic:${topic}`, TOPIC_WORDS[topic])) topics.add(t);

  const rules: Record<string, readonly string[]> = { app: [...apps], kind: [...kinds], topic: [...topics] };
  const lines = ['#JSGF V1.0;', '', 'grammar koompi;', ''];
  const ruleNames = COMMAND_PHRASES.map((c) => `<${c.intent.replace('.', '_')}>`);
  lines.push(`public <command> = [please] ( ${ruleNames.join(' | ')} ) [please];`, '');
  COMMAND_PHRASES.forEach((c, i) => lines.push(`${ruleNames[i]} = ${c.say.map((s) => `( ${s} )`).join(' | ')};`));
  lines.push('');
  for (const [name, values] of Object.entries(rules)) lines.push(`<${name}> = ${values.join(' | ')};`);
  lines.push('');

  const words = new Set<string>(['please']);
  for (const values of Object.values(rules)) for (const v of values) for (const w of v.split(' ')) words.add(w);
  for (const c of COMMAND_PHRASES) for (const s of c.say) for (const w of literalWords(s)) words.add(w);
  return { jsgf: lines.join('\n'), words: [...words].sort(), dropped, appNames };
}

function literalWords(template: string): string[] {
  return tokenize(template).filter((t) => /^[a-z']+$/.test(t));
}

function tokenize(template: string): string[] {
  return template.match(/<[a-z_]+>|[()[\]|]|[a-z']+/g) ?? [];
}

/**
 * Every sentence a phrasing template can produce, with `<rule>`s filled from
 * `rules` (pass one or two values per rule to keep the list short). For tests
 * and the dev set.
 */
export function expandPhrase(template: string, rules: Readonly<Record<string, readonly string[]>>): string[] {
  const tokens = tokenize(template);
  let at = 0;
  // alts := seq ('|' seq)* ; seq := item* ; item := word | <rule> | '(' alts ')' | '[' alts ']'
  const alts = (): string[][] => {
    const out: string[][] = [...seq()];
    while (tokens[at] === '|') {
      at++;
      out.push(...seq());
    }
    return out;
  };
  const seq = (): string[][] => {
    let results: string[][] = [[]];
    for (let t = tokens[at]; t !== undefined && t !== '|' && t !== ')' && t !== ']'; t = tokens[at]) {
      at++;
      let options: string[][];
      if (t === '(' || t === '[') {
        options = alts();
        at++; // the closing bracket
        if (t === '[') options = [[], ...options];
      } else if (t.startsWith('<')) {
        options = (rules[t.slice(1, -1)] ?? []).map((v) => v.split(' '));
      } else options = [[t]];
      results = results.flatMap((r) => options.map((o) => [...r, ...o]));
    }
    return results;
  };
  return [...new Set(alts().map((words) => words.join(' ')))];
}
