/**
 * Work coming back to the teacher. Each student's send-only Syncthing folder
 * arrives in a receive-only folder whose ignore file starts as `*`: nothing
 * reaches the teacher's disk until its name and size, as announced in
 * Syncthing's global index, pass `vetSubmissions` and an exact `!/path` line
 * lets it through. A collected file is copied durably into
 * Submissions/<student>/ and handed to the teacher to record and acknowledge.
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
  students(): StudentRecord[];
  /** Whether this exact file (student, path, content) was collected before. */
  known(student: string, path: string, sha256: string): boolean;
  /** Records a newly collected file (and acknowledges it to the student). */
  collected(submission: Submission): Promise<void>;
  /** The refused list of a student changed. */
  refusedChanged(student: StudentRecord, refused: RefusedFile[]): void;
}

export const workFolderId = (studentId: string): string => `koompi-work-${studentId}`;
export const returnFolderId = (studentId: string): string => `koompi-return-${studentId}`;

export class WorkCollector {
  private readonly allowed = new Map<string, string[]>();
  private running = false;

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

  /** Looks at every student's folder once (skipped while a pass is running). */
  async collectOnce(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (const s of this.host.students()) {
        if (s.card.syncthingId) await this.collectStudent(s);
      }
    } finally {
      this.running = false;
    }
  }

  private async collectStudent(s: StudentRecord): Promise<void> {
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
    if (JSON.stringify(refused) !== JSON.stringify(s.refused)) this.host.refusedChanged(s, refused);
    for (const rel of allowed) {
      const size = global.find((g) => g.path === rel)?.size ?? -1;
      await this.collectFile(s, rel, size);
    }
  }

  private async collectFile(s: StudentRecord, rel: string, size: number): Promise<void> {
    const file = path.join(this.incomingDir(s.card.deviceId), rel);
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(file);
    } catch {
      return; // not pulled yet
    }
    // Only a complete regular file of the announced, allowed size.
    if (!stat.isFile() || stat.size !== size || stat.size > this.host.limits.maxFileBytes) return;
    const sha256 = await sha256File(file);
    if (this.host.known(s.card.deviceId, rel, sha256)) return;
    const folder = path.join(this.submissionsDir, studentFolderName(s.card));
    const stored = copyDurable(file, path.join(folder, path.dirname(rel)), path.basename(rel));
    await this.host.collected({
      student: s.card.deviceId,
      studentName: s.card.name,
      path: rel,
      size: stat.size,
      sha256,
      stored,
      receivedAt: this.host.clock(),
      receiptDelivered: false,
    });
  }
}

function studentFolderName(card: StudentCard): string {
  const name = displayName(card.name, 40).replace(/[/\\]/g, '-').replace(/^\.+/, '') || 'student';
  return `${name} (${card.deviceId.slice(0, 6)})`;
}
