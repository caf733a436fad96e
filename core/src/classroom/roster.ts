/**
 * The teacher's roster, as plain data: who is paired, who was seen lately
 * (online), what each has in front and whether it is locked, how much each
 * handed in and what was refused.
 */
import { EMPTY_REPLAY_STATE } from './envelope.js';
import type { StudentCard } from './pairing.js';
import type { CommandOutcome, StudentStatus, TeacherCommand } from './protocol.js';
import type { RosterEntry, StudentRecord, Submission } from './teacher-state.js';

/** A student seen within this long is online. */
export const ONLINE_MS = 15_000;

/** The roster at `now`, sorted by name the Khmer way. */
export function rosterOf(
  students: readonly StudentRecord[],
  submissions: readonly Submission[],
  now: number,
): RosterEntry[] {
  return students
    .map((s) => ({
      deviceId: s.card.deviceId,
      name: s.card.name,
      online: now - s.lastSeen < ONLINE_MS,
      lastSeen: s.lastSeen,
      activeApp: s.status?.activeApp ?? '',
      locked: s.status?.locked ?? false,
      address: s.address,
      submitted: submissions.filter((x) => x.student === s.card.deviceId).length,
      refused: s.refused,
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'km'));
}

/** A student's record after (re)pairing: a new card and address; its counters, refusals and status kept. */
export function pairedRecord(
  existing: StudentRecord | undefined,
  card: StudentCard,
  address: string,
  now: number,
): StudentRecord {
  return {
    card,
    address,
    replay: existing?.replay ?? EMPTY_REPLAY_STATE,
    lastSeen: now,
    refused: existing?.refused ?? [],
    ...(existing?.status ? { status: existing.status } : {}),
  };
}

/** What the roster shows of a student after it answered `command` with `result`. */
export function statusAfter(
  status: StudentStatus | undefined,
  command: TeacherCommand,
  result: CommandOutcome,
): StudentStatus | undefined {
  let next = result.kind === 'done' && result.status ? result.status : status;
  if (command.kind === 'lock' || command.kind === 'unlock') {
    next = {
      ...(next ?? { activeApp: '', shares: [] }),
      locked: command.kind === 'lock' && result.kind === 'done',
    };
  }
  return next;
}
