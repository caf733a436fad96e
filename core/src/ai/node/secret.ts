/**
 * A secret string (an API key) that never prints: not in logs, not in JSON,
 * not in `util.inspect`, not in an error message. Read it with `reveal()` at
 * the one place that sends it.
 */
const value = new WeakMap<Secret, string>();

export class Secret {
  constructor(secret: string) {
    value.set(this, secret);
  }
  reveal(): string {
    return value.get(this) ?? '';
  }
  toString(): string {
    return '[secret]';
  }
  toJSON(): string {
    return '[secret]';
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return 'Secret([secret])';
  }
}
