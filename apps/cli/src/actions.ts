/**
 * How `koompi` carries out an action: core's runner (`createActionRunner`, the
 * one Chat uses, with the one table from intent to port) does it, through the
 * CLI's ports, chosen once per run: koompid with a progress bar on the
 * terminal, the launcher only when there is a display, the classroom's control
 * socket, the person's files and this computer's facts. Nothing is probed
 * before a call: a service that is not there answers `unavailable` itself.
 * The terminal's part is here too: asking for a yes, and printing the outcome
 * once (`outcome.ts` words it).
 */
import {
  UNAVAILABLE,
  createActionRunner,
  ready,
  type ActionOutcome,
  type ActionPorts,
  type ActionRequest,
  type ActionRunner,
  type ClassroomPort,
  type SystemDaemon,
} from '@koompi/core';
import { fail, type Context } from './context.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { failure, output, succeeded } from './outcome.js';

function hasDisplay(env: Context['env']): boolean {
  return Boolean(env['DISPLAY'] || env['WAYLAND_DISPLAY']);
}

/** "[##########----------]  50%  Installing": the bar is ASCII, the stage in the person's language. */
export function progressLine(ctx: Context, percentage: number, stage: string, width = 24): string {
  const pct = Math.max(0, Math.min(100, Math.round(percentage)));
  const filled = Math.round((pct / 100) * width);
  const label = ctx.t.has(`package.stage.${stage}`) ? ctx.t(`package.stage.${stage}`) : stage;
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${ctx.t.formatNumber(pct).padStart(3)}%  ${label}`;
}

/** koompid, with a package job's progress drawn on the terminal (not with --json). */
function daemonWithProgress(ctx: Context): SystemDaemon {
  const { daemon } = ctx;
  const drawn = !ctx.options.json;
  return {
    createSnapshot: (reason) => daemon.createSnapshot(reason),
    listSnapshots: () => daemon.listSnapshots(),
    deleteSnapshot: (id) => daemon.deleteSnapshot(id),
    rollback: (id) => daemon.rollback(id),
    searchPackages: (query) => daemon.searchPackages(query),
    async changePackages(change, name, onProgress) {
      try {
        return await daemon.changePackages(change, name, (p) => {
          onProgress?.(p);
          if (drawn) ctx.io.progress(progressLine(ctx, p.percentage, p.stage));
        });
      } finally {
        if (drawn) ctx.io.endProgress();
      }
    },
    close: () => daemon.close(),
  };
}

/** The classroom running for this user; a file to share is found from the directory koompi runs in. */
function classroomPort(ctx: Context): ClassroomPort | undefined {
  const c = ctx.classroom;
  if (!c) return undefined;
  return {
    share: (file) => c.share(file, process.cwd()),
    collect: () => c.collect(),
    online: () => c.online(),
    lock: (message) => c.lock(message),
    unlock: () => c.unlock(),
  };
}

/** The CLI's ports, chosen once: what is not there is `UNAVAILABLE`, not asked about per action. */
export function cliActionPorts(ctx: Context): ActionPorts {
  const classroom = classroomPort(ctx);
  return {
    catalog: ctx.catalog,
    daemon: ready(daemonWithProgress(ctx)),
    launcher: hasDisplay(ctx.env) ? ready(ctx.launcher) : UNAVAILABLE,
    classroom: classroom ? ready(classroom) : UNAVAILABLE,
    files: ready(ctx.files),
    info: ready(ctx.info),
  };
}

const runners = new WeakMap<Context, ActionRunner>();

/** Runs one request through core's runner; trouble it did not expect is a `failed` outcome. */
export async function runAction(ctx: Context, request: ActionRequest): Promise<ActionOutcome> {
  let run = runners.get(ctx);
  if (!run) {
    run = createActionRunner(cliActionPorts(ctx));
    runners.set(ctx, run);
  }
  try {
    return await run(request);
  } catch (error) {
    return { kind: 'failed', intent: request.intent, detail: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Runs `request` and prints its outcome once: the text lines, or one JSON
 * object with --json; a refusal or failure as `fail` reports it. `details`
 * go into a JSON error (what was asked).
 */
export async function act(
  ctx: Context,
  request: ActionRequest,
  details: Record<string, unknown> = {},
): Promise<ExitCode> {
  const outcome = await runAction(ctx, request);
  if (outcome.kind !== 'done') return failure(ctx, outcome, details);
  const { json, lines } = output(ctx, outcome.done);
  if (ctx.options.json) ctx.io.out(JSON.stringify(json));
  else for (const line of lines) ctx.io.out(line);
  return succeeded(outcome.done) ? EXIT.ok : EXIT.failure;
}

const YES = new Set(['y', 'yes', 'ok', 'okay', 'បាទ', 'ចាស', 'ចា', 'បា', 'អូខេ', 'យល់ព្រម', 'ព្រម']);

export function isYes(answer: string | undefined): boolean {
  return answer !== undefined && YES.has(answer.trim().toLowerCase());
}

/**
 * The terminal's yes: `--yes` answers for the person; with no terminal (or
 * --json) koompi refuses rather than wait for an answer that cannot come.
 * Undefined when the person said yes; else the exit code, already reported.
 */
export async function confirmAtTerminal(ctx: Context, details: Record<string, unknown>): Promise<ExitCode | undefined> {
  if (ctx.options.yes) return undefined;
  if (ctx.options.json || !ctx.io.interactive) {
    return fail(ctx, EXIT.needsConfirmation, 'confirmation-required', 'confirm.needsYes', {}, details);
  }
  if (isYes(await ctx.io.ask(ctx.t('confirm.question')))) return undefined;
  ctx.io.out(ctx.t('confirm.cancelled'));
  return EXIT.cancelled;
}
