/**
 * Work coming back to the teacher. Each student's send-only Syncthing folder
 * arrives in a receive-only folder whose ignore file starts as `*`: nothing
 * reaches the teacher's disk until its name and size, as announced in
 * Syncthing's global index, pass `vetSubmissions` and an exact `!/path` line
 * lets it through. A collected file is copied durably into
 * Submissions/<student>/ and handed to the teacher to record and acknowledge.
 *
 * Fair to the class: students are looked at in parallel (a few at a time),
 * each pass over one student's folder has a time limit after which the others
 * go on without it (the next pass skips a student whose last one is still
 * running), the ledger is written once per batch of files rather than per
 * file, and receipts go out after the pass, not between files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { vetSubmissions, type RefusedFile, type SubmissionLimits } from '../collect.js';
import { checkRelativePath, displayName, syncthingAllowList } from '../names.js';
import type { StudentCard } from '../pairing.js';
import { copyDurable, sha256File } from './store.js';
import type { Syncthing } from './syncthing.js';
import type { StudentRecord, Submission } from '../teacher-state.js';

export interface CollectorHost {
  readonly syncthing: Syncthing;
  readonly dataDir: string;
  readonly limits: SubmissionLimits;
  readonly clock: () => number;
  /** How long one pass over one student's folder may hold `collectOnce` up, ms. */
  readonly studentPassMs: number;
  students(): StudentRecord[];
  /** Whether this exact file (student, path, content) was collected before. */
  known(student: string, path: string, sha256: string): boolean;
  /** How many versions of this path were collected from this student. */
  versions(student: string, path: string): number;
  /** Records a newly collected file in memory; `flush` writes it down. */
  collected(submission: Submission): void;
  /** Writes the ledger once for what `collected` recorded, and acknowledges the files to the student. */
  flush(student: string): void;
  /** The refused list of a student changed. */
  refusedChanged(student: StudentRecord, refused: RefusedFile[]): void;
}

/** Files recorded between two writes of the ledger. */
const LEDGER_BATCH = 100;
/** Students looked at at once (hashing and copying are disk work). */
const PARALLEL_STUDENTS = 8;

interface Hashed {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ino: number;
  readonly sha256: string;
}

export const workFolderId = (studentId: string): string => `koompi-work-${studentId}`;
export const returnFolderId = (studentId: string): string => `koompi-return-${studentId}`;

export class WorkCollector {
  private readonly allowed = new Map<string, string[]>();
  /** Students whose pass is still running (perhaps past its time limit). */
  private readonly busy = new Set<string>();
  /** A file's hash, kept while its size, mtime and inode stay the same (not hashed again every pass). */
  private readonly hashes = new Map<string, Hashed>();

  constructor(private readonly host: CollectorHost) {}

  incomingDir(studentId: string): string {
    return path.join(this.host.dataDir, 'incoming', studentId);
  }

  returnDir(studentId: string): string {
    return path.join(this.host.dataDir, 'Returned', studentId);
  }

  get submissionsDir(): string {
    return path.join(this.host.dataDir, 'Submissions');
  }

  /** Adds the student's device and the two folders (work in, graded work back), once. */
  async setUp(s: StudentRecord): Promise<void> {
    const st = this.host.syncthing;
    if (!s.card.syncthingId) return;
    const work = workFolderId(s.card.deviceId);
    if ((await st.folderIds()).includes(work)) return;
    await st.addDevice(s.card.syncthingId, s.card.name, ['dynamic']);
    fs.mkdirSync(this.incomingDir(s.card.deviceId), { recursive: true });
    fs.mkdirSync(this.returnDir(s.card.deviceId), { recursive: true });
    // Nothing comes in until the collector has checked its name and size.
    fs.writeFileSync(path.join(this.incomingDir(s.card.deviceId), '.stignore'), '*\n');
    await st.putFolder({
      id: work,
      label: `Work ${s.card.name}`,
      path: this.incomingDir(s.card.deviceId),
      type: 'receiveonly',
      devices: [s.card.syncthingId],
    });
    await st.setIgnores(work, syncthingAllowList([]));
    await st.putFolder({
      id: returnFolderId(s.card.deviceId),
      label: `Returned ${s.card.name}`,
      path: this.returnDir(s.card.deviceId),
      type: 'sendonly',
      devices: [s.card.syncthingId],
    });
  }

  /** Gives a graded file back to a student (their Returned folder). */
  returnWork(
    studentId: string,
    file: string,
    name: string,
  ): { kind: 'returned'; path: string } | { kind: 'refused'; reason: string } {
    const check = checkRelativePath(name);
    if (check.kind !== 'ok') return { kind: 'refused', reason: check.reason };
    const stored = copyDurable(file, this.returnDir(studentId), check.path);
    void this.host.syncthing.scan(returnFolderId(studentId)).catch(() => undefined);
    return { kind: 'returned', path: stored };
  }

  /**
   * Looks at every student's folder once, a few students at a time. Resolves
   * when each student's pass has finished or used its time (a stalled one
   * goes on in the background and is skipped until it ends).
   */
  async collectOnce(): Promise<void> {
    const queue = this.host.students().filter((s) => s.card.syncthingId && !this.busy.has(s.card.deviceId));
    const worker = async (): Promise<void> => {
      for (let s = queue.shift(); s; s = queue.shift()) await this.passWithin(s);
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_STUDENTS, queue.length) }, worker));
  }

  private passWithin(s: StudentRecord): Promise<void> {
    const id = s.card.deviceId;
    this.busy.add(id);
    const deadline = this.host.clock() + this.host.studentPassMs;
    const pass = this.collectStudent(s, deadline)
      .catch(() => undefined)
      .finally(() => this.busy.delete(id));
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.host.studentPassMs);
      timer.unref();
    });
    return Promise.race([pass, late]).finally(() => clearTimeout(timer));
  }

  private async collectStudent(s: StudentRecord, deadline: number): Promise<void> {
    const st = this.host.syncthing;
    const folder = workFolderId(s.card.deviceId);
    let global;
    try {
      global = await st.globalFiles(folder);
    } catch {
      return;
    }
    const { allowed, refused } = vetSubmissions(global, this.host.limits);
    if ((this.allowed.get(s.card.deviceId) ?? []).join('\n') !== allowed.join('\n')) {
      this.allowed.set(s.card.deviceId, allowed);
      await st.setIgnores(folder, syncthingAllowList(allowed));
    }
    const sizes = new Map(global.map((g) => [g.path, g.size]));
    let unsaved = 0;
    try {
      for (const rel of allowed) {
        // Out of time: the rest waits for the next pass.
        if (this.host.clock() > deadline) break;
        const outcome = await this.collectFile(s, rel, sizes.get(rel) ?? -1);
        if (outcome === 'too-many-versions') refused.push({ path: rel, reason: outcome });
        else if (outcome === 'collected' && ++unsaved >= LEDGER_BATCH) {
          this.host.flush(s.card.deviceId);
          unsaved = 0;
        }
      }
    } finally {
      if (unsaved > 0) this.host.flush(s.card.deviceId);
    }
    if (JSON.stringify(refused) !== JSON.stringify(s.refused)) this.host.refusedChanged(s, refused);
  }

  private async hashOf(key: string, file: string, stat: fs.Stats): Promise<string> {
    const seen = this.hashes.get(key);
    if (seen && seen.size === stat.size && seen.mtimeMs === stat.mtimeMs && seen.ino === stat.ino) return seen.sha256;
    const sha256 = await sha256File(file);
    this.hashes.set(key, { size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino, sha256 });
    return sha256;
  }

  private async collectFile(
    s: StudentRecord,
    rel: string,
    size: number,
  ): Promise<'collected' | 'not-yet' | 'known' | 'too-many-versions'> {
    const file = path.join(this.incomingDir(s.card.deviceId), rel);
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(file);
    } catch {
      return 'not-yet'; // not pulled yet
    }
    // Only a complete regular file of the announced, allowed size.
    if (!stat.isFile() || stat.size !== size || stat.size > this.host.limits.maxFileBytes) return 'not-yet';
    const sha256 = await this.hashOf(`${s.card.deviceId}\0${rel}`, file, stat);
    if (this.host.known(s.card.deviceId, rel, sha256)) return 'known';
    if (this.host.versions(s.card.deviceId, rel) >= this.host.limits.maxVersions) return 'too-many-versions';
    const folder = path.join(this.submissionsDir, studentFolderName(s.card));
    const stored = copyDurable(file, path.join(folder, path.dirname(rel)), path.basename(rel));
    this.host.collected({
      student: s.card.deviceId,
      studentName: s.card.name,
      path: rel,
      size: stat.size,
      sha256,
      stored,
      receivedAt: this.host.clock(),
      receiptDelivered: false,
    });
    return 'collected';
  }
}

function studentFolderName(card: StudentCard): string {
  const name = displayName(card.name, 40).replace(/[/\\]/g, '-').replace(/^\.+/, '') || 'student';
  return `${name} (${card.deviceId.slice(0, 6)})`;
}
