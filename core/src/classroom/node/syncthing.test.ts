// Syncthing's GUI and REST API listen on a Unix socket in its private home,
// never on a TCP port another local user could open (the GUI has no password),
// and its API key is on neither its argv nor its environment.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from './process.js';
import { prepareSyncthingHome, startSyncthing, type Syncthing } from './syncthing.js';

const hasSyncthing = spawnSync('syncthing', ['--version']).status === 0;

/** A process and its descendants (Syncthing's monitor starts the real one as its child). */
function family(pid: number): number[] {
  const out = [pid];
  for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
    const children = fs.readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
    for (const c of children ? children.split(' ') : []) out.push(...family(Number(c)));
  }
  return out;
}

/** The TCP ports a process and its children listen on (socket inodes, looked up in /proc/net/tcp{,6}). */
function listeningPorts(pid: number): number[] {
  const inodes = new Set<string>();
  for (const p of family(pid)) {
    for (const fd of fs.readdirSync(`/proc/${p}/fd`)) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${p}/fd/${fd}`));
        if (m) inodes.add(m[1]!);
      } catch {
        // closed meanwhile
      }
    }
  }
  const ports: number[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of fs.readFileSync(table, 'utf8').split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f[3] === '0A' && inodes.has(f[9] ?? '')) ports.push(parseInt(f[1]!.split(':')[1]!, 16));
    }
  }
  return ports;
}

describe.skipIf(!hasSyncthing)('Syncthing under KOOMPI', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-st-test-'));
  let st: Syncthing | undefined;
  afterAll(async () => {
    await st?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('serves its GUI and REST API only on a private Unix socket, its key off argv and the environment', async () => {
    const home = path.join(root, 'syncthing');
    const listenPort = await freePort();
    st = await startSyncthing({ home, listen: `tcp://127.0.0.1:${listenPort}` });
    expect(await st.folderIds()).toEqual([]);
    expect(st.apiSocket).toBe(path.join(home, 'gui.sock'));
    expect(fs.lstatSync(st.apiSocket).isSocket()).toBe(true);
    expect(fs.statSync(home).mode & 0o077).toBe(0);
    // The one TCP port it listens on is the sync protocol's (TLS with pinned device ids).
    let ports: number[] = [];
    for (let i = 0; i < 100 && !ports.includes(listenPort); i++) {
      await new Promise((r) => setTimeout(r, 50));
      ports = listeningPorts(st.pid);
    }
    expect(ports).toEqual([listenPort]);
    const apiKey = /<apikey>([^<]+)<\/apikey>/.exec(fs.readFileSync(path.join(home, 'config.xml'), 'utf8'))![1]!;
    for (const p of family(st.pid)) {
      expect(fs.readFileSync(`/proc/${p}/cmdline`, 'utf8')).not.toContain(apiKey);
      expect(fs.readFileSync(`/proc/${p}/environ`, 'utf8')).not.toContain(apiKey);
    }
  });
});

describe('Syncthing 1.x and 2.x', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-st-versions-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  /** A stand-in `syncthing` of the given version: `generate` refuses the flags that version does not know. */
  function fakeSyncthing(version: string, refuses: string[]): { binary: string; argv: string } {
    const binary = path.join(root, `syncthing-${version}`);
    const argv = path.join(root, `argv-${version}`);
    fs.writeFileSync(
      binary,
      `#!/bin/sh
if [ "$1" = "--version" ]; then echo 'syncthing v${version} "Test" (go1.24 linux-amd64)'; exit 0; fi
echo "$@" >> ${argv}
for a in "$@"; do case "$a" in ${refuses.length ? refuses.join('|') : '--never--'}) echo "unknown flag $a" >&2; exit 64;; esac; done
home=""; for a in "$@"; do case "$a" in --home=*) home="\${a#--home=}";; esac; done
cat > "$home/config.xml" <<'XML'
<configuration version="37">
    <folder id="default" label="Default Folder" path="/tmp/Sync" type="sendreceive"></folder>
    <device id="AAAAAAA-BBBBBBB-CCCCCCC-DDDDDDD-EEEEEEE-FFFFFFF-GGGGGGG-HHHHHHH" name="x"></device>
    <gui enabled="true" tls="false" debugging="false">
        <address>127.0.0.1:8384</address>
        <apikey>key</apikey>
    </gui>
    <options>
    </options>
    <defaults>
        <folder id="" label="" path="~"></folder>
    </defaults>
</configuration>
XML
`,
      { mode: 0o755 },
    );
    return { binary, argv };
  }

  for (const [version, refuses, want] of [
    ['1.29.2', [], ['--no-default-folder', '--skip-port-probing']],
    ['2.0.10', ['--no-default-folder', '--skip-port-probing'], []],
  ] as const) {
    it(`prepares a home with Syncthing ${version}`, async () => {
      const { binary, argv } = fakeSyncthing(version, [...refuses]);
      const home = path.join(root, `home-${version}`);
      const { deviceId } = await prepareSyncthingHome({ home, listen: 'tcp://127.0.0.1:22000', binary });
      expect(deviceId).toBe('AAAAAAA-BBBBBBB-CCCCCCC-DDDDDDD-EEEEEEE-FFFFFFF-GGGGGGG-HHHHHHH');
      const generate = fs.readFileSync(argv, 'utf8').trim().split(' ');
      expect(generate.slice(0, 2)).toEqual(['generate', `--home=${home}`]);
      expect(generate.slice(2)).toEqual([...want]);
      const xml = fs.readFileSync(path.join(home, 'config.xml'), 'utf8');
      expect(xml).not.toContain('id="default"'); // no default folder, whatever the version
      expect(xml).toContain('<folder id="" label="" path="~">'); // the template stays
      expect(xml).toContain(`<address>${path.join(home, 'gui.sock')}</address>`);
    });
  }
});
