/** Facts about this computer for `system.info` and `koompi info`. The port; `node/info.ts` reads them. */
import type { InfoTopic } from '../intent/types.js';

export interface MemoryInfo {
  readonly totalBytes: number;
  readonly availableBytes: number;
}
export interface DiskInfo {
  readonly path: string;
  readonly totalBytes: number;
  readonly freeBytes: number;
}
export type BatteryInfo =
  { readonly present: false } | { readonly present: true; readonly percent: number; readonly charging: boolean };
export interface NetworkInfo {
  readonly online: boolean;
  /** Interfaces that are up, loopback excluded, with their addresses. */
  readonly interfaces: ReadonlyArray<{ readonly name: string; readonly addresses: readonly string[] }>;
}
export interface CpuInfo {
  readonly model: string;
  readonly cores: number;
  /** 1-minute load average divided by the number of cores, 0..1 (can exceed 1 when overloaded). */
  readonly load: number;
}
export interface OsInfo {
  readonly name: string;
  readonly version: string;
  readonly kernel: string;
  readonly hostname: string;
}

export interface SystemInfo {
  readonly memory: MemoryInfo;
  readonly disk: DiskInfo;
  readonly battery: BatteryInfo;
  readonly network: NetworkInfo;
  readonly cpu: CpuInfo;
  readonly os: OsInfo;
}

export interface SystemInfoSource {
  read<T extends InfoTopic>(topic: T): Promise<SystemInfo[T]>;
}
