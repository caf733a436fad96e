// The KOOMPI machine, booted (scripts/machine.sh, docs/machine.md): systemd as
// PID 1 with the image's own units and overlay, `/` read-only on Btrfs, polkit,
// PackageKit and Flatpak for real, koompid and koompi-ai started by D-Bus
// activation. Every step is what a person would do, in a login session of
// their own (`machine.sh run USER -- …`). One machine for the whole file: the
// steps build on each other in order.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootMachine, canBootMachine, ok, repoRoot, type Machine } from './machine.js';

const KHMER = /[\u1780-\u17ff]/;

describe.runIf(canBootMachine).sequential('the booted KOOMPI machine', () => {
  let m: Machine;
  /** The root the rollback test left running and blessed. */
  let lastGood = '';

  beforeAll(() => {
    m = bootMachine('suite');
  }, 900_000);

  afterAll(() => {
    m?.down();
  }, 120_000);

  const koompi = (user: string, ...args: string[]) => m.run(user, ['koompi', ...args]);
  const snapshotReasons = (): string[] =>
    JSON.parse(ok(koompi('admin', 'snapshot', 'list', '--json'), 'snapshot list')).snapshots.map(
      (s: { reason: string }) => s.reason,
    );
  const flatpaks = (): string[] =>
    ok(m.exec(['flatpak', 'list', '--system', '--columns=application']), 'flatpak list')
      .split('\n')
      .filter(Boolean);
  /** koompid's job list, as an admin sees it (org.koompi.Packages1.ListJobs through busctl). */
  const listJobs = (): Record<string, string>[] => {
    const out = ok(
      m.run('admin', [
        'busctl',
        '--system',
        '--json=short',
        'call',
        'org.koompi.System1',
        '/org/koompi/System1',
        'org.koompi.Packages1',
        'ListJobs',
      ]),
      'ListJobs',
    );
    const rows = JSON.parse(out).data[0] as Record<string, { data: unknown }>[];
    return rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, String(v.data)])));
  };
  const newest = (): string | undefined =>
    listJobs()
      .map((j) => j['path']!)
      .sort((x, y) => Number(x.split('/').pop()) - Number(y.split('/').pop()))
      .pop();
  /** The root the last rollback staged: the entry with all its tries left, and the subvolume it names. */
  const stagedRoot = (): string => {
    const dir = path.join(m.state, 'esp', 'loader', 'entries');
    const staged = fs
      .readdirSync(dir)
      .filter((n) => /\+3\.conf$/.test(n))
      .map((n) => /rootflags=subvol=\/?([^\s,]+)/.exec(fs.readFileSync(path.join(dir, n), 'utf8'))![1]!)
      .sort((x, y) => Number(x.replace(/\D/g, '')) - Number(y.replace(/\D/g, '')));
    expect(staged.length, 'a staged entry with three tries').toBeGreaterThan(0);
    return staged.at(-1)!;
  };
  const runningSubvolume = (): string =>
    ok(m.run('student', ['findmnt', '-n', '-o', 'SOURCE', '/']), 'findmnt')
      .trim()
      .replace(/^.*\[\/?(.*)\]$/, '$1');

  it('boots to running with the image units, and koompid waits to be asked', () => {
    expect(ok(m.exec(['systemctl', 'is-system-running']), 'is-system-running').trim()).toBe('running');
    expect(m.exec(['systemctl', 'is-active', 'koompid.service']).stdout.trim()).toBe('inactive');
    expect(m.exec(['systemctl', 'is-active', 'koompi-ai.service']).stdout.trim()).toBe('inactive');
    // The image's first-boot unit ran and finished.
    expect(m.exec(['test', '-e', '/etc/koompi/setup-done']).status).toBe(0);
  });

  it('first boot leaves no account with an empty password, and the class list holds one-time codes', () => {
    const status = ok(m.exec(['passwd', '-S', '-a']), 'passwd -S -a');
    const lines = status.split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.filter((l) => l.split(/\s+/)[1] === 'NP')).toEqual([]);
    for (const user of ['admin', 'teacher', 'student', 'root']) {
      // An empty password at the console (PAM's login stack, as login and SDDM use it) is refused.
      const r = m.exec(['pamtester', 'login', user, 'authenticate'], '\n');
      expect(r.status, `${user} with an empty password`).not.toBe(0);
    }
    // The admin's own password, chosen at install, works.
    expect(m.exec(['pamtester', 'login', 'admin', 'authenticate'], 'koompi-admin-pw\n').status).toBe(0);
    const list = ok(m.exec(['cat', '/home/admin/koompi-class-list.csv']), 'class list');
    expect(list).toMatch(/^teacher,គ្រូ,[a-z2-9]{8}$/m);
    expect(list).toMatch(/^student,សិស្ស,[a-z2-9]{8}$/m);
    expect(ok(m.exec(['stat', '-c', '%U %a', '/home/admin/koompi-class-list.csv']), 'stat').trim()).toBe('admin 600');
  });

  it("mounts what the image's fstab says, with / read-only for everyone", () => {
    const fstab = fs.readFileSync(path.join(repoRoot, 'iso/airootfs/usr/share/koompi/install/fstab'), 'utf8');
    for (const line of fstab.split('\n')) {
      const [, target, type, options] = line.trim().split(/\s+/);
      if (!line.startsWith('LABEL=') || type !== 'btrfs') continue;
      const mounted = ok(m.exec(['findmnt', '-n', '-o', 'OPTIONS', target!]), `findmnt ${target}`);
      const want = options!.split(',')[0];
      expect(mounted.split(',')[0], target).toBe(want);
    }
    const touch = m.run('student', ['touch', '/usr/bin/koompi-was-here']);
    expect(touch.status).not.toBe(0);
    expect(touch.stderr).toMatch(/Read-only file system/);
    expect(runningSubvolume()).toBe('@');
  });

  it("an admin's first koompi command starts koompid through D-Bus, and snapshots are made and listed", () => {
    const made = koompi('admin', 'snapshot', 'create', 'មុនការសាកល្បង');
    expect(made.status, made.stderr).toBe(0);
    expect(made.stdout).toMatch(KHMER);
    expect(m.exec(['systemctl', 'is-active', 'koompid.service']).stdout.trim()).toBe('active');
    expect(snapshotReasons()).toContain('មុនការសាកល្បង');
    // Only root can look into the snapshots.
    expect(m.run('student', ['ls', '/.snapshots']).status).not.toBe(0);
  });

  it("a student's request to install an app is refused in Khmer and changes nothing", () => {
    const before = snapshotReasons().length;
    const r = koompi('student', 'ដំឡើង GIMP', '--yes');
    expect(r.status).toBe(77);
    expect(r.stderr).toMatch(/មិនត្រូវបានអនុញ្ញាត/);
    expect(flatpaks()).not.toContain('org.gimp.GIMP');
    expect(snapshotReasons().length).toBe(before);
  });

  it('without a school key, a student is answered offline and the AI service is not started in vain', () => {
    const r = koompi('student', 'ask', 'តើខ្ញុំវាយអក្សរខ្មែរដោយរបៀបណា?');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(KHMER);
    // Never activated: dbus-daemon would have kept the student waiting while a keyless service failed.
    expect(ok(m.exec(['systemctl', 'show', '-p', 'InvocationID', '--value', 'koompi-ai.service']), 'show').trim()).toBe(
      '',
    );
  });

  it("a student's question starts the AI service by D-Bus activation, as its own user, and the key stays unreadable", () => {
    // The school's key, as the installer puts it: root:koompi-ai 0640 on the read-only root.
    ok(
      m.exec(
        [
          'unshare',
          '-m',
          'sh',
          '-c',
          'mount -o remount,bind,rw / && umask 077 && cat > /etc/koompi/ai.key && chown root:koompi-ai /etc/koompi/ai.key && chmod 0640 /etc/koompi/ai.key',
        ],
        'AIza-test-school-key\n',
      ),
      'provision the key',
    );
    expect(m.exec(['systemctl', 'is-active', 'koompi-ai.service']).stdout.trim()).toBe('inactive');
    const r = koompi('student', 'ask', 'តើខ្ញុំវាយអក្សរខ្មែរដោយរបៀបណា?');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(KHMER);
    expect(m.exec(['systemctl', 'is-active', 'koompi-ai.service']).stdout.trim()).toBe('active');
    const pid = ok(m.exec(['systemctl', 'show', '-p', 'MainPID', '--value', 'koompi-ai.service']), 'MainPID').trim();
    expect(ok(m.exec(['ps', '-o', 'user=', '-p', pid]), 'ps').trim()).toBe('koompi-ai');
    const read = m.run('student', ['cat', '/etc/koompi/ai.key']);
    expect(read.status).not.toBe(0);
    expect(read.stdout).not.toMatch(/AIza/);
  });

  it('a teacher installs a Flatpak app by a Khmer sentence, with snapshots before and after', () => {
    const before = snapshotReasons().length;
    const r = koompi('teacher', 'ដំឡើង GIMP', '--yes');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/GIMP/);
    expect(flatpaks()).toContain('org.gimp.GIMP');
    const reasons = snapshotReasons();
    expect(reasons.length).toBe(before + 2);
    expect(reasons.slice(-2).every((reason) => /GIMP|gimp/.test(reason))).toBe(true);
  });

  it('an admin installs and removes a system package while / stays read-only for everyone else', () => {
    const before = snapshotReasons().length;
    const installed = koompi('admin', 'package', 'install', 'koompi-hello', '--yes');
    expect(installed.status, installed.stderr).toBe(0);
    // The package's file is on the read-only root, and a student runs it.
    expect(ok(m.run('student', ['koompi-hello']), 'koompi-hello').trim()).toBe('koompi-hello 1.0');
    expect(ok(m.run('student', ['findmnt', '-n', '-o', 'OPTIONS', '/']), 'findmnt').split(',')[0]).toBe('ro');
    expect(m.run('admin', ['touch', '/usr/bin/koompi-was-here']).status).not.toBe(0);
    expect(snapshotReasons().length).toBe(before + 2);
    const removed = koompi('admin', 'package', 'remove', 'koompi-hello', '--yes');
    expect(removed.status, removed.stderr).toBe(0);
    expect(m.run('student', ['sh', '-c', 'command -v koompi-hello']).status).not.toBe(0);
  });

  it("a student's forged PackageKit signals do not choose what an admin's install puts on the system", async () => {
    // The attack: watch PackageKit's TransactionListChanged and answer each new transaction
    // with a Package signal naming another package, from the student's own connection.
    const forger = [
      "import { DbusConnection } from '/usr/lib/koompi/suite/core/dist/dbus/node/connection.js';",
      "import fs from 'node:fs';",
      "const bus = await DbusConnection.connect('unix:path=/run/dbus/system_bus_socket');",
      'const timers = [];',
      "await bus.subscribe({ path: '/org/freedesktop/PackageKit', member: 'TransactionListChanged' }, (signal) => {",
      '  for (const tx of signal.body[0] ?? []) {',
      "    const t = setInterval(() => bus.emit(tx, 'org.freedesktop.PackageKit.Transaction', 'Package', 'uss',",
      "      [2, 'koompi-quiz;1.0;all;local', 'forged']), 2);",
      '    timers.push(t);',
      '  }',
      '});',
      "fs.writeFileSync('/tmp/koompi-forger-ready', '');",
      'setTimeout(() => { timers.forEach(clearInterval); bus.close(); process.exit(0); }, 15000);',
    ].join('\n');
    m.exec(['rm', '-f', '/tmp/koompi-forger-ready']);
    const forging = m.runAsync('student', ['node', '--input-type=module', '-e', forger]);
    for (let i = 0; i < 100 && m.exec(['test', '-e', '/tmp/koompi-forger-ready']).status !== 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(m.exec(['test', '-e', '/tmp/koompi-forger-ready']).status, 'the forger is listening').toBe(0);
    const installed = koompi('admin', 'package', 'install', 'koompi-hello', '--yes');
    expect(installed.status, installed.stderr).toBe(0);
    const forged = await forging;
    expect(forged.status, forged.stderr).toBe(0);
    expect(m.exec(['dpkg-query', '-W', '-f', '${Status}', 'koompi-hello']).stdout).toMatch(/install ok installed/);
    expect(m.exec(['dpkg-query', '-W', '-f', '${Status}', 'koompi-quiz']).stdout).not.toMatch(/install ok installed/);
    ok(koompi('admin', 'package', 'remove', 'koompi-hello', '--yes'), 'remove koompi-hello');
  }, 60_000);

  it('koompid killed in the middle of a job loses nothing: the job is listed as interrupted after restart', async () => {
    const before = snapshotReasons();
    // An admin's install; koompid is killed by PID, inside the machine, as soon as its journal says
    // the change itself runs (the pre snapshot is made, PackageKit is at work).
    const install = m.runAsync('admin', ['koompi', 'package', 'install', 'koompi-hello', '--yes']);
    const kill = m.exec([
      'sh',
      '-c',
      'for i in $(seq 1 4000); do ' +
        'if grep -qs \'"stage": *"install"\' /var/lib/koompi/jobs/*.json; then ' +
        'kill -9 "$(systemctl show -p MainPID --value koompid.service)"; exit 0; fi; sleep 0.005; done; exit 1',
    ]);
    expect(kill.status, kill.stderr).toBe(0);
    const cut = await install;
    expect(cut.status).not.toBe(0);
    // The CLI says so at once, in Khmer, instead of waiting for a job that will never finish.
    expect(cut.stderr).toMatch(/koompid/);
    expect(cut.stderr).toMatch(/រំខាន/);
    // koompid comes back (systemd restarts it, or the next call activates it) and reports the job
    // from its journal: interrupted, with its pre snapshot, once it has put things back.
    let job: Record<string, string> | undefined;
    for (let i = 0; i < 100; i++) {
      job = listJobs().find((j) => j['target'] === 'koompi-hello' && j['path'] === newest());
      if (job && job['state'] !== 'running' && job['state'] !== 'queued') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(job?.['state']).toBe('interrupted');
    expect(job?.['pre']).toMatch(/^\d+$/);
    expect(job?.['message']).toMatch(KHMER);
    const after = snapshotReasons();
    // Every snapshot from before is still listed, and the job's own pre snapshot too.
    for (const reason of before) expect(after).toContain(reason);
    expect(after.length).toBeGreaterThan(before.length);
    // Whatever was put back, the package database agrees with the files: installed means runnable.
    const state = m.exec(['dpkg-query', '-W', '-f', '${Status}', 'koompi-hello']).stdout;
    const runs = m.run('student', ['sh', '-c', 'command -v koompi-hello']).status === 0;
    expect(state.includes('install ok installed')).toBe(runs);
  }, 180_000);

  it('an admin rolls back, reboots into the staged root, and rolls back again, twice', () => {
    // The state to go back to: before koompi-quiz.
    ok(koompi('admin', 'snapshot', 'create', 'ស្ដារទី១'), 'snapshot create');
    ok(koompi('admin', 'package', 'install', 'koompi-quiz', '--yes'), 'install koompi-quiz');
    expect(m.run('student', ['koompi-quiz']).status).toBe(0);
    const id = (reason: string): string => {
      const list = JSON.parse(ok(koompi('admin', 'snapshot', 'list', '--json'), 'list')).snapshots as {
        id: string;
        reason: string;
      }[];
      return list.find((s) => s.reason === reason)!.id;
    };

    const first = koompi('admin', 'snapshot', 'rollback', id('ស្ដារទី១'), '--yes');
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(KHMER);
    const firstRoot = stagedRoot();
    expect(firstRoot).toMatch(/^@root-\d+$/);
    m.reboot();
    expect(runningSubvolume()).toBe(firstRoot);
    expect(m.run('student', ['sh', '-c', 'command -v koompi-quiz']).status).not.toBe(0);

    // Snapshots now follow the running root: one made here has no koompi-quiz either,
    // and installing on the staged root works as on the first.
    ok(koompi('admin', 'snapshot', 'create', 'ស្ដារទី២'), 'snapshot create on @root-1');
    ok(koompi('admin', 'package', 'install', 'koompi-quiz', '--yes'), 'install on @root-1');
    expect(m.run('student', ['koompi-quiz']).status).toBe(0);
    const second = koompi('admin', 'snapshot', 'rollback', id('ស្ដារទី២'), '--yes');
    expect(second.status, second.stderr).toBe(0);
    const secondRoot = stagedRoot();
    expect(secondRoot).not.toBe(firstRoot);
    // The running root and its (blessed) entry are never removed by a new staging.
    const entries = fs.readdirSync(path.join(m.state, 'esp', 'loader', 'entries'));
    expect(entries).toContain(`koompi-root-${firstRoot.slice('@root-'.length)}.conf`);
    expect(fs.existsSync(path.join(m.top, firstRoot))).toBe(true);
    m.reboot();
    expect(runningSubvolume()).toBe(secondRoot);
    lastGood = secondRoot;
    expect(m.run('student', ['sh', '-c', 'command -v koompi-quiz']).status).not.toBe(0);
    // The accounts first boot made are in every root staged since.
    expect(m.exec(['id', 'teacher']).status).toBe(0);
  }, 300_000);

  it('three failed boots of a staged root fall back to the last good one', () => {
    ok(koompi('admin', 'snapshot', 'create', 'ស្ដារទី៣'), 'snapshot create');
    const list = JSON.parse(ok(koompi('admin', 'snapshot', 'list', '--json'), 'list')).snapshots as {
      id: string;
      reason: string;
    }[];
    const target = list.find((s) => s.reason === 'ស្ដារទី៣')!.id;
    ok(koompi('admin', 'snapshot', 'rollback', target, '--yes'), 'rollback');
    const third = stagedRoot();
    for (let i = 0; i < 3; i++) {
      m.reboot({ bless: false });
      expect(runningSubvolume()).toBe(third);
    }
    m.reboot();
    expect(runningSubvolume()).toBe(lastGood);
  }, 300_000);
});
