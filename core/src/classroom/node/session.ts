/**
 * The student's desktop session through the tools every KOOMPI image has:
 * logind (`loginctl lock-session` / `unlock-session`: the lock screen is the
 * session's own, so the student cannot dismiss it and the teacher can lift
 * it), desktop notifications over the session bus, `xdg-open` for links and
 * files, and `xdotool` for the window in front. Arguments go to programs as an
 * array: nothing a teacher typed reaches a shell.
 *
 * When the agent runs inside koompid (root, no session of its own) koompid
 * implements this port instead, with logind's LockSession(id) and the user's
 * session bus; see docs/classroom.md for the interface it needs.
 */
import { execFile } from 'node:child_process';
import dbus from 'dbus-next';
import { isSafeLink } from '../protocol.js';
import type { SessionResult, StudentSession } from '../ports.js';

export interface DesktopSessionOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** Where received lessons are: only files inside it are opened. */
  readonly lessonsDir: string;
}

function run(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<{ ok: boolean; stdout: string; error: string }> {
  return new Promise((resolve) => {
    execFile(command, [...args], { env, timeout: 10_000, maxBuffer: 64 * 1024 }, (error, stdout, stderr) => {
      resolve({ ok: !error, stdout: String(stdout), error: error ? `${error.message} ${String(stderr)}`.trim() : '' });
    });
  });
}

/**
 * A notification body that shows `text` as typed: a server with the
 * `body-markup` capability reads `<b>`, `<a href>` and `<img>` in the body as
 * markup, so there the text is escaped; one without shows the text as it is.
 */
export function plainNotificationBody(text: string, capabilities: readonly string[]): string {
  if (!capabilities.includes('body-markup')) return text;
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function createDesktopSession(options: DesktopSessionOptions): StudentSession {
  const env = options.env ?? process.env;
  let locked = false;
  const result = (r: { ok: boolean; error: string }): SessionResult =>
    r.ok ? { kind: 'done' } : { kind: 'failed', reason: r.error.slice(0, 300) };
  const notify = async (text: string): Promise<SessionResult> => {
    let bus: dbus.MessageBus | undefined;
    try {
      bus = dbus.sessionBus();
      const obj = await bus.getProxyObject('org.freedesktop.Notifications', '/org/freedesktop/Notifications');
      const n = obj.getInterface('org.freedesktop.Notifications');
      const caps = ((await n['GetCapabilities']?.().catch(() => [])) ?? []) as string[];
      const body = plainNotificationBody(text, caps);
      await n['Notify']?.('KOOMPI Classroom', 0, 'org.koompi.Classroom', 'KOOMPI', body, [], {}, -1);
      return { kind: 'done' };
    } catch (error) {
      return { kind: 'unavailable', reason: String(error).slice(0, 300) };
    } finally {
      bus?.disconnect();
    }
  };
  return {
    async lock(message) {
      const r = await run('loginctl', ['lock-session'], env);
      if (r.ok) locked = true;
      if (message) await notify(message);
      return result(r);
    },
    async unlock() {
      const r = await run('loginctl', ['unlock-session'], env);
      if (r.ok) locked = false;
      return result(r);
    },
    notify,
    async openLink(url) {
      if (!isSafeLink(url)) return { kind: 'failed', reason: 'not an http(s) link' };
      return result(await run('xdg-open', [url], env));
    },
    async openFile(file) {
      if (!file.startsWith(`${options.lessonsDir}/`)) return { kind: 'failed', reason: 'outside the lessons folder' };
      return result(await run('xdg-open', [file], env));
    },
    async activeApp() {
      const r = await run('xdotool', ['getactivewindow', 'getwindowclassname'], env);
      return r.ok ? r.stdout.trim().slice(0, 100) : '';
    },
    async isLocked() {
      return locked;
    },
  };
}
