/**
 * The local control socket of a running classroom: how `koompi class …`
 * (apps/cli) reaches the teacher's or student's classroom that the Classroom
 * app or `koompi-classroom --service` keeps running. One JSON request per
 * connection over a Unix socket that only its owner may open (0600 in a 0700
 * runtime directory).
 *
 * @example
 * const client = connectClassroomControl(defaultControlSocket());
 * const r = await client.start();          // { kind: 'ok', value: { code: '482913', display: '482 913', … } }
 * if (r.kind === 'no-service') …           // nothing is running: start the app or the service
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { ClassroomClient, ControlResult } from '../client.js';
import type { StudentDevice } from './student.js';
import type { TeacherClassroom } from './teacher.js';

export type { ClassroomClient, ClassroomStatus, ControlResult } from '../client.js';

export type ControlTarget =
  { role: 'teacher'; teacher: TeacherClassroom } | { role: 'student'; student: StudentDevice };

/** `$XDG_RUNTIME_DIR/koompi-classroom.sock`, or a per-user folder under /tmp. */
export function defaultControlSocket(env: NodeJS.ProcessEnv = process.env): string {
  const runtime = env['XDG_RUNTIME_DIR'] || path.join('/tmp', `koompi-${process.getuid?.() ?? 'user'}`);
  return path.join(runtime, 'koompi-classroom.sock');
}

/**
 * Why the socket's folder can't be trusted, or undefined: it must be a real
 * folder (not a symlink), owned by this user and closed to everyone else
 * (no group or other bits). Under /tmp a classmate could make the folder
 * first and put their own socket in it, to hear the teacher's commands.
 */
export function unsafeSocketFolder(dir: string): string | undefined {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(dir);
  } catch (error) {
    return `${dir}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`;
  }
  if (!st.isDirectory()) return `${dir} is not a folder`;
  const uid = process.getuid?.();
  if (uid !== undefined && st.uid !== uid) return `${dir} belongs to uid ${st.uid}, not ${uid}`;
  if ((st.mode & 0o077) !== 0) return `${dir} is open to others (mode ${(st.mode & 0o777).toString(8)}, want 700)`;
  return undefined;
}

type Request = { method: keyof ClassroomClient; args: unknown[] };

async function dispatch(target: ControlTarget, req: Request): Promise<ControlResult<unknown>> {
  const teacherOnly = async <T>(f: (t: TeacherClassroom) => Promise<T> | T): Promise<ControlResult<unknown>> =>
    target.role === 'teacher'
      ? { kind: 'ok', value: await f(target.teacher) }
      : { kind: 'wrong-role', role: 'student' };
  const str = (i: number): string => (typeof req.args[i] === 'string' ? (req.args[i] as string) : '');
  switch (req.method) {
    case 'status':
      if (target.role === 'teacher') {
        return {
          kind: 'ok',
          value: {
            role: 'teacher',
            deviceId: target.teacher.deviceId,
            classId: target.teacher.classId,
            joining: target.teacher.joining,
          },
        };
      } else {
        const m = target.student.membership;
        return {
          kind: 'ok',
          value: {
            role: 'student',
            deviceId: target.student.deviceId,
            ...(m ? { classId: m.teacher.classId, className: m.teacher.className } : {}),
          },
        };
      }
    case 'start':
      return teacherOnly((t) => t.startClass());
    case 'join':
      return target.role === 'student'
        ? { kind: 'ok', value: await target.student.join(str(0)) }
        : { kind: 'wrong-role', role: 'teacher' };
    case 'share':
      return teacherOnly((t) => t.share(path.resolve(str(1) || '/', str(0))));
    case 'collect':
      return teacherOnly((t) => t.collect());
    case 'online':
      return teacherOnly((t) => t.refresh());
    case 'lock':
      return teacherOnly((t) => t.lock(str(0)));
    case 'unlock':
      return teacherOnly((t) => t.unlock());
    case 'message':
      return teacherOnly((t) => t.message(str(0)));
    default:
      return { kind: 'failed', message: 'unknown method' };
  }
}

/** Serves the running classroom on a Unix socket (replacing a stale one). */
export async function serveClassroomControl(
  target: ControlTarget,
  socketPath: string,
): Promise<{ close(): Promise<void> }> {
  fs.mkdirSync(path.dirname(socketPath), { recursive: true, mode: 0o700 });
  const unsafe = unsafeSocketFolder(path.dirname(socketPath));
  if (unsafe) throw new ControlError(`not serving the classroom on ${socketPath}: ${unsafe}`);
  if (fs.existsSync(socketPath)) {
    const alive = await new Promise<boolean>((resolve) => {
      const probe = net.connect(socketPath, () => {
        probe.destroy();
        resolve(true);
      });
      probe.on('error', () => resolve(false));
    });
    if (alive) throw new ControlError(`another classroom already serves ${socketPath}`);
    fs.rmSync(socketPath, { force: true });
  }
  const server = net.createServer((socket) => {
    let buffer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      if (buffer.length > 1_000_000) socket.destroy();
      const nl = buffer.indexOf('\n');
      if (nl < 0) return;
      let req: Request;
      try {
        req = JSON.parse(buffer.slice(0, nl)) as Request;
        if (!Array.isArray(req.args)) throw new Error('args');
      } catch {
        socket.end(`${JSON.stringify({ kind: 'failed', message: 'malformed request' })}\n`);
        return;
      }
      dispatch(target, req).then(
        (result) => socket.end(`${JSON.stringify(result)}\n`),
        (error: unknown) => socket.end(`${JSON.stringify({ kind: 'failed', message: String(error) })}\n`),
      );
    });
    socket.on('error', () => undefined);
  });
  const oldMask = process.umask(0o177);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(socketPath, () => resolve());
    });
  } finally {
    process.umask(oldMask);
  }
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        fs.rmSync(socketPath, { force: true });
      }),
  };
}

export class ControlError extends Error {
  override readonly name = 'ControlError';
}

export function connectClassroomControl(
  socketPath: string = defaultControlSocket(),
  timeoutMs = 120_000,
): ClassroomClient {
  const call = <T>(method: keyof ClassroomClient, args: unknown[]): Promise<ControlResult<T>> =>
    new Promise((resolve) => {
      const dir = path.dirname(socketPath);
      if (!fs.existsSync(dir)) return resolve({ kind: 'no-service', socket: socketPath });
      // Never talk to a socket someone else could have put there.
      const unsafe = unsafeSocketFolder(dir);
      if (unsafe) return resolve({ kind: 'failed', message: `not using ${socketPath}: ${unsafe}` });
      const socket = net.connect(socketPath);
      let buffer = '';
      const timer = setTimeout(() => {
        socket.destroy();
        resolve({ kind: 'failed', message: `no answer in ${timeoutMs} ms` });
      }, timeoutMs);
      socket.setEncoding('utf8');
      socket.on('connect', () => socket.write(`${JSON.stringify({ method, args })}\n`));
      socket.on('data', (chunk: string) => {
        buffer += chunk;
      });
      socket.on('end', () => {
        clearTimeout(timer);
        try {
          resolve(JSON.parse(buffer) as ControlResult<T>);
        } catch {
          resolve({ kind: 'failed', message: 'malformed answer' });
        }
      });
      socket.on('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        resolve(
          error.code === 'ENOENT' || error.code === 'ECONNREFUSED'
            ? { kind: 'no-service', socket: socketPath }
            : { kind: 'failed', message: error.message },
        );
      });
    });
  return {
    status: () => call('status', []),
    start: () => call('start', []),
    join: (code) => call('join', [code]),
    share: (file, cwd = process.cwd()) => call('share', [file, cwd]),
    collect: () => call('collect', []),
    online: () => call('online', []),
    lock: (message = '') => call('lock', [message]),
    unlock: () => call('unlock', []),
    message: (text) => call('message', [text]),
  };
}
