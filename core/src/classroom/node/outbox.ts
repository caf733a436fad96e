/**
 * Events a student owes the teacher (`hello`, `arrived`), kept in the state
 * until the teacher takes them: sent oldest first, signed, retried with
 * backoff while the teacher is out of reach. Only the latest `hello` is kept,
 * and at most 200 events.
 */
import type { StudentEvent } from '../protocol.js';
import { sleep } from './process.js';
import { hostFor, postJson } from './store.js';
import type { StudentContext } from './student-context.js';

const MAX_EVENTS = 200;

export class Outbox {
  private flushing = false;

  constructor(private readonly ctx: StudentContext) {}

  async queue(event: StudentEvent): Promise<void> {
    const { state } = this.ctx;
    state.outbox = [...state.outbox.filter((e) => !(e.kind === 'hello' && event.kind === 'hello')), event].slice(
      -MAX_EVENTS,
    );
    this.ctx.save();
    await this.flush();
  }

  /** Sends queued events; what the teacher has not taken stays queued and is retried. */
  async flush(): Promise<boolean> {
    if (this.flushing) return false;
    this.flushing = true;
    const { ctx } = this;
    try {
      for (let attempt = 0; ctx.state.outbox.length > 0 && !ctx.closed(); attempt++) {
        const m = ctx.state.membership;
        const event = ctx.state.outbox[0];
        if (!m || !event) return false;
        const { signed } = ctx.channel.sign(m.teacher.deviceId, event);
        try {
          const res = await postJson(`http://${hostFor(m.teacherHost)}:${m.teacher.port}/events`, signed, 5000);
          if (res.status === 200 || res.status === 403) {
            // 403: the teacher will never take it (a refused event is not retried forever).
            ctx.state.outbox = ctx.state.outbox.slice(1);
            ctx.save();
            attempt = 0;
            continue;
          }
        } catch {
          // Teacher unreachable: retry with backoff.
        }
        if (attempt >= 8) {
          this.scheduleFlush(5000);
          return false;
        }
        await sleep(Math.min(2000, 100 * 2 ** attempt));
      }
      return true;
    } finally {
      this.flushing = false;
    }
  }

  private scheduleFlush(ms: number): void {
    const t = setTimeout(() => void this.flush(), ms);
    t.unref();
  }
}
