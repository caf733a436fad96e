/** Facts about this computer for `system.info` and `koompi info`. The port; `node/info.ts` reads them. */
import type { InfoTopic } from '../intent/types.js';
import type { SystemInfo } from '../sysinfo/sysinfo.js';

export interface SystemInfoSource {
  read<T extends InfoTopic>(topic: T): Promise<SystemInfo[T]>;
}
