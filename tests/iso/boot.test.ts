// The boot test: the host's Debian kernel under qemu (no KVM) boots a small
// initramfs on a Btrfs disk; an update is staged the way koompid stages it
// (koompi-root-1+3.conf on a fresh @root-1), the update's desktop never comes up, and
// after three failed boots systemd-boot's counting brings the machine back on
// @ by itself. Read from the serial console. iso/boot-test/run.sh cleans up
// qemu and its files on every exit.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const runner = path.resolve(import.meta.dirname, '..', '..', 'iso', 'boot-test', 'run.sh');
const has = (cmd: string) => spawnSync('sh', ['-c', 'command -v "$1"', 'sh', cmd]).status === 0;
const kernel = fs.existsSync('/boot') && fs.readdirSync('/boot').some((f) => f.startsWith('vmlinuz-'));
const missing = [
  ...(has('qemu-system-x86_64') ? [] : ['qemu-system-x86']),
  ...(has('busybox') ? [] : ['busybox-static']),
  ...(has('mkfs.btrfs') ? [] : ['btrfs-progs']),
  ...(has('cpio') ? [] : ['cpio']),
  ...(kernel ? [] : ['linux-image-amd64']),
];

describe('boot counting on Btrfs under qemu', () => {
  it.skipIf(missing.length > 0)(
    `falls back to the previous root after 3 failed boots of a staged update${missing.length ? ` (needs ${missing.join(' ')})` : ''}`,
    () => {
      const r = spawnSync(runner, ['420'], { encoding: 'utf8', timeout: 480_000 });
      const log = (r.stdout ?? '')
        .split('\n')
        .filter((l) => l.startsWith('KOOMPI-TEST '))
        .map((l) => l.slice('KOOMPI-TEST '.length).trim());
      expect({ code: r.status, stderr: r.status === 0 ? '' : r.stderr }).toEqual({ code: 0, stderr: '' });
      expect(log).toEqual([
        'installed subvolumes: @ @home @var @snapshots @boot',
        'update staged: snapshot 1 of @, @root-1, koompi-root-1+3.conf',
        'boot entry=koompi-root-1+2-1.conf root=@root-1',
        'health check failed version=2: rebooting',
        'boot entry=koompi-root-1+1-2.conf root=@root-1',
        'health check failed version=2: rebooting',
        'boot entry=koompi-root-1+0-3.conf root=@root-1',
        'health check failed version=2: rebooting',
        'boot entry=koompi.conf root=@',
        'healthy version=1 root=@ entries: koompi-root-1+0-3.conf koompi.conf',
      ]);
    },
    500_000,
  );
});
