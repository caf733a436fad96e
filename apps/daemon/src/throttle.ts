/**
 * A token bucket per caller uid for the read methods that make koompid start
 * work as root (Search runs `flatpak search` and a PackageKit transaction,
 * CheckHealth runs `flatpak remotes`). Keyed by the uid the bus reports, not by
 * the connection: a student who opens many connections still has one bucket.
 *
 * @example
 * const throttle = new ReadThrottle({ burst: 20, perMinute: 60 });
 * if (!throttle.take(caller.uid)) throw replies.rateLimited(caller.user, throttle.waitSeconds(caller.uid));
 */
export interface ReadThrottleOptions {
  /** Calls a caller may make at once after a quiet while (the bucket's size). */
  readonly burst: number;
  /** Calls a caller may make per minute, on average (the refill rate). */
  readonly perMinute: number;
  /** Milliseconds; tests inject their own clock. */
  readonly now?: () => number;
  /** Buckets kept at most; full buckets (callers who have been quiet) are forgotten first. */
  readonly maxCallers?: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class ReadThrottle {
  private readonly buckets = new Map<number, Bucket>();
  private readonly now: () => number;
  private readonly maxCallers: number;

  constructor(private readonly options: ReadThrottleOptions) {
    if (!(options.burst >= 1) || !(options.perMinute > 0)) throw new RangeError('burst >= 1 and perMinute > 0');
    this.now = options.now ?? Date.now;
    this.maxCallers = options.maxCallers ?? 1024;
  }

  /** Takes one token from `uid`'s bucket; false (and nothing taken) when it is empty. Root is never throttled. */
  take(uid: number): boolean {
    if (uid === 0) return true;
    const bucket = this.refilled(uid);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  /** Whole seconds until `uid` may call again (0 when it may now). */
  waitSeconds(uid: number): number {
    if (uid === 0) return 0;
    const missing = 1 - this.refilled(uid).tokens;
    return missing <= 0 ? 0 : Math.ceil((missing * 60) / this.options.perMinute);
  }

  private refilled(uid: number): Bucket {
    const t = this.now();
    let bucket = this.buckets.get(uid);
    if (!bucket) {
      this.forgetQuiet(t);
      bucket = { tokens: this.options.burst, at: t };
      this.buckets.set(uid, bucket);
      return bucket;
    }
    const elapsed = Math.max(0, t - bucket.at);
    bucket.tokens = Math.min(this.options.burst, bucket.tokens + (elapsed * this.options.perMinute) / 60_000);
    bucket.at = t;
    return bucket;
  }

  /** Keeps the map bounded: a full bucket holds nothing a new one would not. */
  private forgetQuiet(t: number): void {
    if (this.buckets.size < this.maxCallers) return;
    for (const [uid, b] of this.buckets) {
      if (b.tokens + ((t - b.at) * this.options.perMinute) / 60_000 >= this.options.burst) this.buckets.delete(uid);
    }
    // Still full of busy callers: drop the oldest, which at worst gives one of them a fresh bucket.
    while (this.buckets.size >= this.maxCallers) {
      const oldest = this.buckets.keys().next().value;
      if (oldest === undefined) break;
      this.buckets.delete(oldest);
    }
  }
}
