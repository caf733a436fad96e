/**
 * System information as koompid reports it (org.koompi.SystemInfo1.GetInfo),
 * and the parsers for the kernel's text files it is read from. Pure.
 */

export interface SystemInfo {
  readonly os: { readonly name: string; readonly version: string };
  readonly kernel: string;
  readonly memory: { readonly total: number; readonly available: number };
  readonly disk: { readonly total: number; readonly free: number };
  /** Undefined when the machine has no battery. */
  readonly battery?: { readonly percent: number; readonly charging: boolean };
  readonly network: { readonly online: boolean; readonly interfaces: readonly string[] };
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
