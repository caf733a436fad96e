/**
 * Command-line arguments of `koompi`. Pure: argv in, a description of what was
 * asked out. Global options may come anywhere; `--` ends them. A first word
 * that is not a command makes the whole line a sentence for the router.
 */

export const COMMANDS = [
  'package',
  'snapshot',
  'info',
  'file',
  'class',
  'open',
  'lang',
  'ask',
  'intent',
  'voice',
  'completion',
  'convert',
  'help',
] as const;
export type Command = (typeof COMMANDS)[number];

export const ACTIONS = {
  package: ['install', 'remove', 'search', 'update'],
  snapshot: ['create', 'list', 'delete', 'rollback'],
  file: ['find', 'backup'],
  class: ['start', 'join', 'share', 'collect', 'online', 'lock', 'unlock', 'message'],
} as const;

/** Options that belong to one command: passed through to it as words (with their values). */
export const COMMAND_OPTIONS = [
  '--reason',
  '--mode',
  '--language',
  '--system',
  '--as',
  '--overwrite',
  '--device',
  '--type',
] as const;

function isCommandOption(arg: string): boolean {
  const name = arg.includes('=') ? arg.slice(0, arg.indexOf('=')) : arg;
  return (COMMAND_OPTIONS as readonly string[]).includes(name);
}

/**
 * Takes `--name VALUE` or `--name=VALUE` out of a command's words: the value
 * (or `true` for a flag given without one) and the remaining words.
 */
export function takeOption(
  words: readonly string[],
  name: string,
  takesValue = true,
): { value: string | true | undefined; rest: string[] } {
  const rest: string[] = [];
  let value: string | true | undefined;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (word === name) {
      if (takesValue && i + 1 < words.length) value = words[++i]!;
      else value = true;
    } else if (word.startsWith(`${name}=`)) {
      value = word.slice(name.length + 1);
    } else {
      rest.push(word);
    }
  }
  return { value, rest };
}

export interface GlobalOptions {
  readonly json: boolean;
  readonly yes: boolean;
  readonly help: boolean;
}

export type Invocation =
  | { readonly kind: 'version'; readonly options: GlobalOptions }
  | { readonly kind: 'help'; readonly topic: Command | undefined; readonly options: GlobalOptions }
  | {
      readonly kind: 'command';
      readonly command: Command;
      readonly args: readonly string[];
      readonly options: GlobalOptions;
    }
  | { readonly kind: 'sentence'; readonly text: string; readonly options: GlobalOptions }
  | {
      readonly kind: 'error';
      readonly key: 'error.unknownOption';
      readonly params: { option: string };
      readonly options: GlobalOptions;
    };

export function isCommand(word: string): word is Command {
  return (COMMANDS as readonly string[]).includes(word);
}

export function parseArgs(argv: readonly string[]): Invocation {
  let json = false;
  let yes = false;
  let help = false;
  let version = false;
  const words: string[] = [];
  let unknown: string | undefined;
  let ended = false;
  for (const arg of argv) {
    if (ended || !arg.startsWith('-') || arg === '-') {
      words.push(arg);
      continue;
    }
    if (arg === '--') ended = true;
    else if (arg === '--json') json = true;
    else if (arg === '--yes' || arg === '-y') yes = true;
    else if (arg === '--help' || arg === '-h') help = true;
    else if (arg === '--version' || arg === '-V') version = true;
    else if (/^-\d/.test(arg))
      words.push(arg); // a number, not an option
    else if (isCommandOption(arg)) words.push(arg);
    else unknown ??= arg;
  }
  const options: GlobalOptions = { json, yes, help };
  if (unknown !== undefined) return { kind: 'error', key: 'error.unknownOption', params: { option: unknown }, options };
  if (version) return { kind: 'version', options };
  const [first, ...rest] = words;
  if (first === undefined) return { kind: 'help', topic: undefined, options };
  if (isCommand(first)) {
    if (first === 'help') {
      const topic = rest[0];
      return { kind: 'help', topic: topic !== undefined && isCommand(topic) ? topic : undefined, options };
    }
    if (help) return { kind: 'help', topic: first, options };
    return { kind: 'command', command: first, args: rest, options };
  }
  if (help) return { kind: 'help', topic: undefined, options };
  return { kind: 'sentence', text: words.join(' '), options };
}
