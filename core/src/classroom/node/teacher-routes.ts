/**
 * The teacher's HTTP server: pairing (`/pair/hello`, `/pair/finish`), the
 * students' events (`/events`), a share's files for HTTP lessons
 * (`/lesson/<share>/<path>`, Range-resumable, token-checked) and the tracker.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JoinWindow, StudentCard, TeacherCard } from '../pairing.js';
import { lessonToken, peerAddress } from './channel.js';
import { readBody, sendJson } from './store.js';
import type { TeacherContext } from './teacher-context.js';
import { takeEvent } from './teacher-events.js';
import type { TrackerHandler } from './tracker.js';

export interface TeacherRoutes {
  readonly ctx: TeacherContext;
  joinWindow(): JoinWindow | undefined;
  teacherCard(): TeacherCard;
  /** Signs a pairing transcript with the teacher's key. */
  prove(transcript: Uint8Array): Uint8Array;
  paired(card: StudentCard, address: string): Promise<void>;
  tracker(): TrackerHandler | undefined;
  /** A student said hello: send what it missed. */
  catchUp(studentId: string): Promise<void>;
}

/** Starts the server on the options' host and port; resolves with it and the port it got. */
export async function listenTeacher(routes: TeacherRoutes): Promise<{ server: http.Server; port: number }> {
  const { options } = routes.ctx;
  const server = http.createServer((req, res) => {
    route(routes, req, res).catch((error: unknown) => {
      routes.ctx.log(`request failed: ${String(error)}`);
      if (!res.headersSent) sendJson(res, 500, { reason: 'error' });
    });
  });
  // A peer that sends its request slowly (or never finishes it) is cut off: headers in 10 s, the body in 30 s.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '0.0.0.0', () => resolve());
  });
  return { server, port: (server.address() as AddressInfo).port };
}

async function route(routes: TeacherRoutes, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = req.url ?? '';
  const address = peerAddress(req);
  if (req.method === 'POST' && url === '/pair/hello') {
    const body = parseJson(await readBody(req, 10_000));
    const join = routes.joinWindow();
    const r = join ? join.hello(body, address) : { kind: 'refused' as const, reason: 'closed' };
    if (r.kind === 'ok') sendJson(res, 200, r.reply);
    else sendJson(res, 403, { reason: r.reason });
    return;
  }
  if (req.method === 'POST' && url === '/pair/finish') {
    const body = parseJson(await readBody(req, 10_000));
    const join = routes.joinWindow();
    const r = join
      ? join.finish(
          body,
          () => routes.teacherCard(),
          (t) => routes.prove(t),
        )
      : { kind: 'refused' as const, reason: 'closed' };
    if (r.kind !== 'ok') {
      sendJson(res, 403, { reason: r.reason });
      return;
    }
    await routes.paired(r.student, address);
    sendJson(res, 200, r.reply);
    return;
  }
  if (req.method === 'POST' && url === '/events') {
    await takeEvent(routes.ctx, parseJson(await readBody(req, 100_000)), address, res, (id) => routes.catchUp(id));
    return;
  }
  if (req.method === 'GET' && url.startsWith('/lesson/')) {
    serveLesson(routes.ctx, req, res, url);
    return;
  }
  if (routes.tracker()?.handle(req, res)) return;
  sendJson(res, 404, { reason: 'not-found' });
}

function serveLesson(ctx: TeacherContext, req: http.IncomingMessage, res: http.ServerResponse, url: string): void {
  const [, , shareId, ...rest] = url.split('?')[0]!.split('/');
  const share = ctx.state.shares.find((s) => s.offer.share === shareId);
  let rel: string;
  try {
    rel = rest.map(decodeURIComponent).join('/');
  } catch {
    sendJson(res, 400, { reason: 'malformed' });
    return;
  }
  const source = share?.sources[rel];
  if (!share || !source || req.headers['x-koompi-token'] !== lessonToken(ctx.state.classKey, share.offer.share)) {
    sendJson(res, 404, { reason: 'not-found' });
    return;
  }
  const size = fs.statSync(source).size;
  const range = /^bytes=(\d+)-$/.exec(String(req.headers['range'] ?? ''));
  const start = range ? Math.min(Number(range[1]), size) : 0;
  res.writeHead(range ? 206 : 200, { 'content-length': size - start, 'content-type': 'application/octet-stream' });
  fs.createReadStream(source, { start }).pipe(res);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
