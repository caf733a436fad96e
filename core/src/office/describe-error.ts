/**
 * An office error in the person's language: the `office` bundle's
 * `error.<kind>` message with the error's fields as placeholders. Reasons the
 * office code names itself (`outside-root`, `ENOENT`, …) are translated through
 * `reason.<code>`; a library's own detail (why a ZIP is broken) is kept as is.
 * Used by the office apps and by `koompi convert`.
 *
 * @example
 * describeOfficeError(loadTranslator('office'), { kind: 'exists', path: '/home/dara/notes.pdf' });
 * // "/home/dara/notes.pdf មានរួចហើយ។ …" under a Khmer locale
 */
import type { Translator } from '../i18n/i18n.js';
import type { OfficeError } from './result.js';

export function describeOfficeError(office: Translator, error: OfficeError): string {
  const params: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(error) as Array<[string, unknown]>) {
    if (key === 'kind') continue;
    if (key === 'reason' && typeof value === 'string')
      params[key] = office.has(`reason.${value}`) ? office(`reason.${value}`) : value;
    else if (Array.isArray(value)) params[key] = value.join('; ');
    else if (typeof value === 'number') params[key] = value;
    else params[key] = String(value);
  }
  return office(`error.${error.kind}`, params);
}
