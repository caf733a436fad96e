/**
 * An expected failure as a value: every part of core that can fail in a way
 * the caller must handle (koompid's calls, the office's readers and writers)
 * returns a `Result` instead of throwing. Pure, and imports nothing, so every
 * area may use it.
 *
 * @example
 * const r = parseCount('12');
 * if (!r.ok) return explain(r.error);
 * use(r.value);
 */
export type Result<T, E> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

/** A success carrying `value`. */
export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });

/** A failure carrying `error`. */
export const err = <E>(error: E): Result<never, E> => ({ ok: false, error });
