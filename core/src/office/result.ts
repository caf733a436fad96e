/**
 * Expected failures of the office code, as values. Every importer, exporter
 * and `convertFile` returns an `OfficeResult`; nothing here throws for bad input.
 * Build them with `ok` and `err` (core/src/base/result.ts).
 */
import type { Result } from '../base/result.js';

export type OfficeError =
  /** The file name's extension (or the pair of extensions) is not one we read or write. */
  | { readonly kind: 'unsupported-format'; readonly path: string; readonly supported: readonly string[] }
  /** The input could not be read (missing, a directory, no permission). */
  | { readonly kind: 'unreadable'; readonly path: string; readonly reason: string }
  /** The input is not a valid file of its type (a broken ZIP, not XML, …). */
  | { readonly kind: 'corrupt'; readonly path: string; readonly format: string; readonly detail: string }
  /** The input is larger than we accept. */
  | { readonly kind: 'too-large'; readonly path: string; readonly bytes: number; readonly limit: number }
  /** A path we refuse: empty, a NUL byte, the same file for input and output, … */
  | { readonly kind: 'invalid-path'; readonly path: string; readonly reason: string }
  /** The output already exists and overwriting was not asked for. */
  | { readonly kind: 'exists'; readonly path: string }
  /** A font the export needs is not installed. */
  | { readonly kind: 'font-missing'; readonly family: string }
  /** The output could not be written; nothing was left behind. */
  | { readonly kind: 'write-failed'; readonly path: string; readonly reason: string };

/** The outcome of an office operation: its value, or the `OfficeError` that stopped it. */
export type OfficeResult<T> = Result<T, OfficeError>;

/** The message of anything thrown, for an error value's `reason`/`detail`. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
