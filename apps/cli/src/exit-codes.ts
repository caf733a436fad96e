/** The `koompi` command's exit codes (docs/cli.md lists them for scripts). */
export const EXIT = {
  ok: 0,
  /** The action ran and failed, or koompi itself failed. */
  failure: 1,
  /** Wrong arguments: unknown option, missing app name, bad topic. */
  usage: 2,
  /** A sentence the router could not map to a command. */
  notUnderstood: 3,
  /** The person answered "no" when asked to confirm. */
  cancelled: 4,
  /** A change needs confirmation, but there is no terminal to ask in and no --yes. */
  needsConfirmation: 5,
  /** The service that does this is not running (sysexits EX_UNAVAILABLE). */
  unavailable: 69,
  /** The service is busy with another change: try again later (EX_TEMPFAIL). */
  busy: 75,
  /** The person's role may not do this (EX_NOPERM). */
  notPermitted: 77,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
