/**
 * Facts about a computer: the one model, whether they are read here
 * (`system/node/info.ts`, for `koompi info` and Chat) or reported by koompid
 * (org.koompi.SystemInfo1.GetInfo, `node/probe.ts`, `node/codec.ts`); and the
 * parsers for the kernel's text files they are read from. Pure.
 */

export interface MemoryInfo {
  readonly totalBytes: number;
  readonly availableBytes: number;
}
export interface DiskInfo {
  /** The disk reported is the one holding this path. */
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

/** Total and available memory in bytes, from /proc/meminfo. */
export function parseMeminfo(text: string): { total: number; available: number } {
  const kib = (key: string): number => {
    const m = new RegExp(`^${key}:\\s+(\\d+)\\s*kB`, 'm').exec(text);
    return m?.[1] ? Number(m[1]) * 1024 : 0;
  };
  return { total: kib('MemTotal'), available: kib('MemAvailable') };
}

/** NAME and VERSION_ID (or BUILD_ID) from an os-release file. */
export function parseOsRelease(text: string): { name: string; version: string } {
  const values = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (m?.[1] && m[2] !== undefined) values.set(m[1], m[2].replace(/^(["'])(.*)\1$/, '$2'));
  }
  return {
    name: values.get('NAME') ?? 'Linux',
    version: values.get('VERSION_ID') ?? values.get('BUILD_ID') ?? '',
  };
}
