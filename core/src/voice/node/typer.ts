/**
 * Types dictated text into whatever window has the keyboard focus: the last
 * step of the global dictation shortcut. On X11, `xdotool type` sends real key
 * events, Khmer included (it maps each character to a spare keycode). On
 * Wayland, `wtype` uses the virtual-keyboard protocol where the compositor
 * offers it; `ydotool` is not used for text because uinput keycodes cannot
 * carry Khmer. The text is an argument, never shell input.
 *
 * @example
 * const typed = await typeIntoFocusedWindow('សួស្តី');
 * if (typed.kind !== 'typed') showNotice('voice.error.cannotType');
 */
import { spawn } from 'node:child_process';

export type TypingMethod = 'xdotool' | 'wtype';

export type TypeResult =
  | { readonly kind: 'typed'; readonly method: TypingMethod }
  | { readonly kind: 'no-typing-tool'; readonly tried: readonly TypingMethod[]; readonly detail: string };

export interface TypeOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Milliseconds between keys (xdotool's default of 12 drops keys in some toolkits). */
  readonly delayMs?: number;
}

/** The commands that would type `text`, best first, for the session `env` describes. */
export function typingCommands(
  text: string,
  env: Readonly<Record<string, string | undefined>>,
  delayMs = 20,
): Array<{ readonly method: TypingMethod; readonly command: string; readonly args: readonly string[] }> {
  const xdotool = {
    method: 'xdotool' as const,
    command: 'xdotool',
    args: ['type', '--clearmodifiers', '--delay', String(delayMs), '--', text],
  };
  const wtype = { method: 'wtype' as const, command: 'wtype', args: ['-d', String(delayMs), '--', text] };
  if (env['WAYLAND_DISPLAY']) return env['DISPLAY'] ? [wtype, xdotool] : [wtype];
  return env['DISPLAY'] ? [xdotool] : [];
}

export async function typeIntoFocusedWindow(text: string, options: TypeOptions = {}): Promise<TypeResult> {
  const env = options.env ?? process.env;
  const commands = typingCommands(text, env, options.delayMs);
  const failures: string[] = [];
  for (const { method, command, args } of commands) {
    const outcome = await run(command, args, env);
    if (outcome.ok) return { kind: 'typed', method };
    failures.push(`${command}: ${outcome.detail}`);
  }
  return {
    kind: 'no-typing-tool',
    tried: commands.map((c) => c.method),
    detail: failures.join('; ') || 'no graphical session (neither DISPLAY nor WAYLAND_DISPLAY is set)',
  };
}

function run(
  command: string,
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Promise<{ ok: true } | { ok: false; detail: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, [...args], { env: { ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', (error) => resolve({ ok: false, detail: error.message }));
    child.on('close', (code) =>
      resolve(code === 0 ? { ok: true } : { ok: false, detail: `exit ${code}: ${stderr.trim()}` }),
    );
  });
}
