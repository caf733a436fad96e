import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface SessionBus {
  readonly address: string;
  readonly pid: number;
  stop(): void;
}

/**
 * A private session bus (`dbus-daemon`), with a service directory for D-Bus
 * activation when `servicesDir` is given. Stopped by PID.
 */
export async function startSessionBus(servicesDir?: string): Promise<SessionBus> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-bus-'));
  const config = path.join(dir, 'session.conf');
  fs.writeFileSync(
    config,
    `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=${dir}</listen>
  ${servicesDir ? `<servicedir>${servicesDir}</servicedir>` : ''}
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
    <allow user="*"/>
  </policy>
</busconfig>
`,
  );
  const proc = spawn('dbus-daemon', [`--config-file=${config}`, '--nofork', '--print-address=1'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const address = await new Promise<string>((resolve, reject) => {
    let out = '';
    proc.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolve(line.trim());
    });
    proc.on('exit', (code) => reject(new Error(`dbus-daemon exited (${code})`)));
  });
  return {
    address,
    pid: proc.pid!,
    stop: () => {
      proc.kill('SIGTERM');
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
