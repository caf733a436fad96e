/**
 * `koompi completion bash|zsh|fish`: shell completion scripts, generated from
 * the same command table the parser uses and the app catalog's ids.
 */
import { INFO_TOPICS, LOCALES } from '@koompi/core';
import { ACTIONS, COMMANDS } from '../args.js';
import { fail, type Context } from '../context.js';
import { CONVERT_AS, CONVERT_OPTIONS } from './convert.js';
import { EXIT, type ExitCode } from '../exit-codes.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
type Shell = (typeof SHELLS)[number];

const OPTIONS = ['--json', '--yes', '--help', '--version'];

interface Words {
  readonly commands: string;
  readonly apps: string;
  readonly topics: string;
  readonly languages: string;
  readonly shells: string;
  /** `koompi convert`: its own options and what `--as` takes. */
  readonly convertOptions: string;
  readonly convertAs: string;
  readonly actions: Record<keyof typeof ACTIONS, string>;
}

function bash(w: Words): string {
  return `# bash completion for koompi (koompi completion bash)
_koompi() {
  local cur="\${COMP_WORDS[COMP_CWORD]}"
  local cmd="\${COMP_WORDS[1]}"
  local sub="\${COMP_WORDS[2]}"
  local prev="\${COMP_WORDS[COMP_CWORD-1]}"
  local words=""
  if [[ "$cur" == -* ]]; then
    local opts="${OPTIONS.join(' ')}"
    [[ "$cmd" == convert ]] && opts="$opts ${w.convertOptions}"
    COMPREPLY=( $(compgen -W "$opts" -- "$cur") )
    return 0
  fi
  if [[ $COMP_CWORD -eq 1 ]]; then
    words="${w.commands}"
  else
    case "$cmd" in
      package)
        if [[ $COMP_CWORD -eq 2 ]]; then words="${w.actions.package}"
        elif [[ "$sub" == install || "$sub" == remove ]]; then words="${w.apps}"; fi ;;
      snapshot) [[ $COMP_CWORD -eq 2 ]] && words="${w.actions.snapshot}" ;;
      file) [[ $COMP_CWORD -eq 2 ]] && words="${w.actions.file}" ;;
      class) [[ $COMP_CWORD -eq 2 ]] && words="${w.actions.class}" ;;
      info) [[ $COMP_CWORD -eq 2 ]] && words="${w.topics}" ;;
      open) [[ $COMP_CWORD -eq 2 ]] && words="${w.apps}" ;;
      lang) [[ $COMP_CWORD -eq 2 ]] && words="${w.languages}" ;;
      completion) [[ $COMP_CWORD -eq 2 ]] && words="${w.shells}" ;;
      convert)
        if [[ "$prev" == --as ]]; then words="${w.convertAs}"
        else compopt -o filenames 2>/dev/null; COMPREPLY=( $(compgen -f -- "$cur") ); return 0; fi ;;
      help) [[ $COMP_CWORD -eq 2 ]] && words="${w.commands}" ;;
    esac
  fi
  COMPREPLY=( $(compgen -W "$words" -- "$cur") )
  return 0
}
complete -F _koompi koompi
`;
}

function zsh(w: Words): string {
  return `#compdef koompi
# zsh completion for koompi (koompi completion zsh)
_koompi() {
  local -a words_
  if [[ $PREFIX == -* ]]; then
    compadd -- ${OPTIONS.join(' ')}
    [[ $words[2] == convert ]] && compadd -- ${w.convertOptions}
    return
  fi
  if (( CURRENT == 2 )); then
    compadd -- ${w.commands}
    return
  fi
  case $words[2] in
    package)
      if (( CURRENT == 3 )); then compadd -- ${w.actions.package}
      elif [[ $words[3] == (install|remove) ]]; then compadd -- ${w.apps}; fi ;;
    snapshot) (( CURRENT == 3 )) && compadd -- ${w.actions.snapshot} ;;
    file) (( CURRENT == 3 )) && compadd -- ${w.actions.file} ;;
    class) (( CURRENT == 3 )) && compadd -- ${w.actions.class} ;;
    info) (( CURRENT == 3 )) && compadd -- ${w.topics} ;;
    open) (( CURRENT == 3 )) && compadd -- ${w.apps} ;;
    lang) (( CURRENT == 3 )) && compadd -- ${w.languages} ;;
    completion) (( CURRENT == 3 )) && compadd -- ${w.shells} ;;
    convert)
      if [[ $words[CURRENT-1] == --as ]]; then compadd -- ${w.convertAs}
      else _files; fi ;;
    help) (( CURRENT == 3 )) && compadd -- ${w.commands} ;;
  esac
}
if [[ $funcstack[1] == _koompi ]]; then
  _koompi "$@"
else
  compdef _koompi koompi
fi
`;
}

function fish(w: Words): string {
  const sub = (command: string, words: string): string =>
    `complete -c koompi -f -n '__fish_seen_subcommand_from ${command}; and test (count (commandline -opc)) -eq 2' -a '${words}'`;
  return `# fish completion for koompi (koompi completion fish)
complete -c koompi -f
complete -c koompi -l json -d 'JSON output'
complete -c koompi -s y -l yes -d 'do it without asking'
complete -c koompi -s h -l help -d help
complete -c koompi -l version -d version
complete -c koompi -f -n '__fish_use_subcommand' -a '${w.commands}'
${sub('package', w.actions.package)}
complete -c koompi -f -n '__fish_seen_subcommand_from install remove; and __fish_seen_subcommand_from package' -a '${w.apps}'
${sub('snapshot', w.actions.snapshot)}
${sub('file', w.actions.file)}
${sub('class', w.actions.class)}
${sub('info', w.topics)}
${sub('open', w.apps)}
${sub('lang', w.languages)}
${sub('completion', w.shells)}
complete -c koompi -F -n '__fish_seen_subcommand_from convert'
complete -c koompi -x -n '__fish_seen_subcommand_from convert' -l as -a '${w.convertAs}' -d 'make slides'
complete -c koompi -n '__fish_seen_subcommand_from convert' -l overwrite -d 'replace OUT if it exists'
${sub('help', w.commands)}
`;
}

export function completionScript(shell: Shell, appIds: readonly string[]): string {
  const words: Words = {
    commands: COMMANDS.join(' '),
    apps: [...appIds].sort().join(' '),
    topics: INFO_TOPICS.join(' '),
    languages: LOCALES.join(' '),
    shells: SHELLS.join(' '),
    convertOptions: CONVERT_OPTIONS.join(' '),
    convertAs: CONVERT_AS.join(' '),
    actions: {
      package: ACTIONS.package.join(' '),
      snapshot: ACTIONS.snapshot.join(' '),
      file: ACTIONS.file.join(' '),
      class: ACTIONS.class.join(' '),
    },
  };
  return shell === 'bash' ? bash(words) : shell === 'zsh' ? zsh(words) : fish(words);
}

export async function completionCommand(ctx: Context, args: readonly string[]): Promise<ExitCode> {
  const [shell] = args;
  if (shell === undefined || !(SHELLS as readonly string[]).includes(shell)) {
    return fail(ctx, EXIT.usage, 'usage', 'error.badShell', { shell: shell ?? '' });
  }
  const script = completionScript(
    shell as Shell,
    ctx.catalog.apps.map((a) => a.id),
  );
  if (ctx.options.json) ctx.io.out(JSON.stringify({ shell, script }));
  else ctx.io.out(script.trimEnd());
  return EXIT.ok;
}
