/** Starting desktop apps. The port; `node/launcher.ts` starts processes. */

export type LaunchResult =
  | { readonly kind: 'started'; readonly pid: number }
  /** The command is not installed. */
  | { readonly kind: 'not-found'; readonly command: string }
  /** It started and stopped at once (no display, a crash): the exit code, or the signal. */
  | { readonly kind: 'exited'; readonly code: number | null; readonly signal: string | null };

export interface AppLauncher {
  /** Starts `argv` (an argument array: never a shell string) detached from the caller. */
  launch(argv: readonly string[]): Promise<LaunchResult>;
}
