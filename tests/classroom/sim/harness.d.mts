// Types for harness.mjs (plain JS so the benchmark runs on Node without a build).
export interface SimNode {
  readonly role: 'teacher' | 'student';
  readonly ns: string;
  readonly ip: string;
  readonly hostVeth: string;
}
export interface SimNet {
  readonly prefix: string;
  readonly teacher: SimNode;
  readonly students: SimNode[];
  setLink(node: SimNode, up: boolean): void;
  destroy(): void;
}
export interface SimEvent {
  readonly event: string;
  // JSON from another process, shaped as the device's event says: tests narrow it.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly payload: any;
}
export interface SimDevice {
  readonly name: string;
  readonly node: SimNode;
  readonly dataDir: string;
  readonly pid: number;
  readonly stderr: string;
  readonly events: SimEvent[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  call<T = any>(method: string, params?: unknown): Promise<T>;
  waitEvent(match: (e: SimEvent) => boolean, timeoutMs?: number): Promise<SimEvent>;
  stop(): Promise<void>;
  crash(): Promise<void>;
}
export interface SimClassroom {
  readonly root: string;
  readonly net: SimNet;
  teacher: SimDevice;
  students: SimDevice[];
  startDevice(node: SimNode, name: string, role: 'teacher' | 'student'): Promise<SimDevice>;
  stop(): Promise<void>;
}
export interface StartOptions {
  students: number;
  linkMbit?: number;
  sharedMedium?: boolean;
  syncthing?: boolean;
  multicast?: boolean;
  limits?: { maxFileBytes: number; maxStudentBytes: number };
  root?: string;
  keep?: boolean;
}
export const repoRoot: string;
export function killTree(pid: number, signal: NodeJS.Signals): void;
export function startClassroom(options: StartOptions): Promise<SimClassroom>;
export function joinAll(
  classroom: SimClassroom,
  options?: { direct?: boolean },
): Promise<{ code: string; fingerprint: string; display: string; classId: string; results: Array<{ kind: string }> }>;
