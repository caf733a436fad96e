/**
 * How the AI service shares the school's Gemini quota: each person (a uid,
 * as the bus reports it, so many connections are still one person) may have a
 * few requests running and start so many per minute, and everyone together is
 * capped too, so a class cannot spend the school's quota in a lesson. Pure:
 * the clock is injected.
 *
 * @example
 * const share = new FairShare({ perUserPerMinute: 30 });
 * const grant = share.take(uid);
 * if (grant.kind === 'refused') throw rateLimited(grant.by);
 * try { await answer(); } finally { grant.release(); }
 */
export interface FairShareLimits {
  /** Requests one person may have running at once. */
  readonly perUserConcurrent: number;
  /** Requests one person may start in any 60 seconds. */
  readonly perUserPerMinute: number;
  /** Requests running at once, everyone together. */
  readonly totalConcurrent: number;
  /** Requests started in any 60 seconds, everyone together. */
  readonly totalPerMinute: number;
}

export const DEFAULT_SHARE: FairShareLimits = {
  perUserConcurrent: 2,
  perUserPerMinute: 30,
  totalConcurrent: 8,
  totalPerMinute: 120,
};

export type ShareGrant =
  | { readonly kind: 'granted'; readonly release: () => void }
  | { readonly kind: 'refused'; readonly by: 'user' | 'everyone' };

const WINDOW_MS = 60_000;

interface Use {
  running: number;
  starts: number[];
}

export class FairShare {
  private readonly limits: FairShareLimits;
  private readonly users = new Map<number, Use>();
  private readonly total: Use = { running: 0, starts: [] };

  constructor(
    limits: Partial<FairShareLimits> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.limits = { ...DEFAULT_SHARE, ...limits };
  }

  /** A place for one request of `uid`, or which limit refuses it. Release the place when the request ends. */
  take(uid: number): ShareGrant {
    const t = this.now();
    const user = this.users.get(uid) ?? { running: 0, starts: [] };
    prune(user, t);
    prune(this.total, t);
    if (user.running >= this.limits.perUserConcurrent || user.starts.length >= this.limits.perUserPerMinute) {
      this.forgetIfIdle(uid, user);
      return { kind: 'refused', by: 'user' };
    }
    if (this.total.running >= this.limits.totalConcurrent || this.total.starts.length >= this.limits.totalPerMinute) {
      this.forgetIfIdle(uid, user);
      return { kind: 'refused', by: 'everyone' };
    }
    this.users.set(uid, user);
    for (const use of [user, this.total]) {
      use.running++;
      use.starts.push(t);
    }
    let released = false;
    return {
      kind: 'granted',
      release: () => {
        if (released) return;
        released = true;
        user.running--;
        this.total.running--;
        prune(user, this.now());
        this.forgetIfIdle(uid, user);
      },
    };
  }

  /** People with requests running or counted in the last minute (for tests and logs). */
  get tracked(): number {
    return this.users.size;
  }

  private forgetIfIdle(uid: number, user: Use): void {
    if (user.running === 0 && user.starts.length === 0) this.users.delete(uid);
  }
}

function prune(use: Use, t: number): void {
  while (use.starts.length > 0 && t - use.starts[0]! >= WINDOW_MS) use.starts.shift();
}
