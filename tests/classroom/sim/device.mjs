// One simulated classroom device, run inside its network namespace by the
// harness: the real TeacherClassroom or StudentDevice from @koompi/core, with
// real Syncthing, aria2, uftp and mDNS (bonjour-service), and a session that
// records what it was told to do. The harness drives it with JSON lines on
// stdin ({id, method, params}) and reads {id, result|error} and {event} lines
// on stdout.
//
// usage: node device.mjs '{"role":"teacher"|"student","dataDir":…,"name":…,"ip":…,
//          "syncthing":bool,"multicast":bool,"linkMbit":n,"sharedMedium":bool,"limits":{…}}'
import http from 'node:http';
import readline from 'node:readline';
import { StudentDevice, TeacherClassroom, createBonjourDiscovery, startSyncthing } from '@koompi/core';

const config = JSON.parse(process.argv[2] ?? '{}');
const out = (obj) => process.stdout.write(`${JSON.stringify(obj)}\n`);
const log = (line) => process.stderr.write(`${new Date().toISOString().slice(11, 23)} ${line}\n`);
const MULTICAST = { group: '232.4.4.1', port: 1044 };

class RecordingSession {
  locked = false;
  app = 'org.kde.dolphin';
  calls = [];
  async lock(message) {
    this.calls.push({ kind: 'lock', arg: message });
    this.locked = true;
    return { kind: 'done' };
  }
  async unlock() {
    this.calls.push({ kind: 'unlock' });
    this.locked = false;
    return { kind: 'done' };
  }
  async notify(text) {
    this.calls.push({ kind: 'notify', arg: text });
    return { kind: 'done' };
  }
  async openLink(url) {
    this.calls.push({ kind: 'open-link', arg: url });
    return { kind: 'done' };
  }
  async openFile(file) {
    this.calls.push({ kind: 'open-file', arg: file });
    return { kind: 'done' };
  }
  async activeApp() {
    return this.app;
  }
  async isLocked() {
    return this.locked;
  }
}

const discovery = createBonjourDiscovery({ hostLabel: `${config.role}-${config.ip.replace(/\./g, '-')}` });
const syncthing = config.syncthing
  ? await startSyncthing({
      home: `${config.dataDir}/syncthing`,
      listen: `tcp://${config.ip}:22000`,
      name: config.name,
    })
  : undefined;
const session = new RecordingSession();
const common = {
  dataDir: config.dataDir,
  name: config.name,
  discovery,
  host: '0.0.0.0',
  syncthing,
  syncthingPort: 22000,
  log,
};
let lastCommand;
if (config.role === 'teacher') {
  const realFetch = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    if (String(input).endsWith('/command') && typeof init?.body === 'string')
      lastCommand = { url: String(input), body: init.body };
    return realFetch(input, init);
  };
}
let device;
if (config.role === 'teacher') {
  device = await TeacherClassroom.open({
    ...common,
    port: 7740,
    className: config.className ?? 'ថ្នាក់ទី៨ក',
    linkBitsPerSecond: (config.linkMbit ?? 100) * 1e6,
    network: { medium: config.sharedMedium ? 'shared' : 'switched', multicast: Boolean(config.multicast), swarm: true },
    multicast: config.multicast ? { ...MULTICAST, interfaceAddress: config.ip } : false,
    ...(config.limits ? { limits: config.limits } : {}),
    pollMs: 500,
    offerRetryMs: 2000,
  });
  for (const e of ['arrived', 'submission', 'refused']) device.on(e, (payload) => out({ event: e, payload }));
} else {
  device = await StudentDevice.open({
    ...common,
    session,
    port: 7741,
    multicast: config.multicast ? MULTICAST : false,
    multicastStallMs: 6000,
  });
  for (const e of ['lesson', 'receipt', 'refused', 'joined']) device.on(e, (payload) => out({ event: e, payload }));
}

const fake = { hellos: 0, server: undefined, discovery: undefined };

const methods = {
  // both
  info: () => ({ deviceId: device.deviceId, port: device.port, syncthingId: syncthing?.deviceId ?? '' }),
  close: async () => {
    await device.close();
    await discovery.close();
    await syncthing?.stop();
    setTimeout(() => process.exit(0), 50);
    return true;
  },
  // teacher
  startClass: () => device.startClass(),
  stopJoining: () => device.stopJoining(),
  roster: () => device.roster(),
  refresh: () => device.refresh(),
  share: (p) => device.share(p.path, p.options ?? {}),
  waitForShare: (p) => device.waitForShare(p.share),
  lock: (p) => device.lock(p?.message ?? ''),
  unlock: () => device.unlock(),
  message: (p) => device.message(p.text),
  openLink: (p) => device.openLink(p.url),
  collect: () => device.collect(),
  submissions: () => device.submissions(),
  returnWork: (p) => device.returnWork(p.student, p.file, p.name),
  lastCommand: () => lastCommand ?? null,
  /** Sends a raw request from this device (hostile tests: replays, forgeries). */
  post: async (p) => {
    const res = await fetch(p.url, {
      method: 'POST',
      body: typeof p.body === 'string' ? p.body : JSON.stringify(p.body),
    });
    return { status: res.status, body: await res.json().catch(() => null) };
  },
  /** A lock command signed with this device's own key, claiming to come from the teacher. */
  forgeLock: async (p) => {
    const { signMessage, createNodeCrypto } = await import('@koompi/core');
    const m = device.membership;
    const c = createNodeCrypto();
    const keys = c.generateSigningKey();
    const { signed } = signMessage(
      c,
      { deviceId: m.teacher.deviceId, classId: m.teacher.classId, privateKey: keys.privateKey },
      p.to,
      Date.now() * 1000 + 5_000_000,
      Date.now(),
      { kind: 'lock', message: 'forged' },
    );
    return methods.post({ url: p.url, body: signed });
  },
  // student
  join: (p) => device.join(p.code, p.teacher ? { teacher: p.teacher } : { waitMs: p.waitMs ?? 30_000 }),
  teachersFound: () => device.teachersFound(),
  lessons: () => device.lessons(),
  receipts: () => device.receipts(),
  submit: (p) => device.submit(p.file, p.name),
  session: () => ({ locked: session.locked, calls: session.calls }),
  setActiveApp: (p) => {
    session.app = p.app;
    return true;
  },
  membership: () => device.membership ?? null,
  // hostile classmate
  /**
   * Plays teacher with the code from the projector and the class id from TXT: the real pairing on
   * `port`, its own key, announced over mDNS with its own valid signature and joining open.
   */
  fakeTeacher: async (p) => {
    const { JoinWindow, createNodeCrypto, deviceIdOf, signPresence } = await import('@koompi/core');
    const c = createNodeCrypto();
    const keys = c.generateSigningKey();
    const window = new JoinWindow(c, p.code, p.classId);
    const b64 = (bytes) => Buffer.from(bytes).toString('base64url');
    fake.hellos = 0;
    fake.server = http.createServer((req, res) => {
      let text = '';
      req.on('data', (d) => (text += d));
      req.on('end', () => {
        const body = JSON.parse(text || 'null');
        const r =
          req.url === '/pair/hello'
            ? (fake.hellos++, window.hello(body))
            : window.finish(
                body,
                () => ({
                  classId: p.classId,
                  className: 'fake',
                  deviceId: deviceIdOf(c, keys.publicKey),
                  name: 'Teacher',
                  publicKey: b64(keys.publicKey),
                  classKey: b64(c.randomBytes(32)),
                  syncthingId: '',
                  syncthingPort: 22000,
                  port: p.port,
                  now: Date.now(),
                }),
                (t) => c.sign(keys.privateKey, t),
              );
        res.writeHead(r.kind === 'ok' ? 200 : 403, { 'content-type': 'application/json' });
        res.end(JSON.stringify(r.kind === 'ok' ? r.reply : { reason: r.reason }));
      });
    });
    await new Promise((resolve) => fake.server.listen(p.port, '0.0.0.0', resolve));
    fake.discovery = createBonjourDiscovery({ hostLabel: `fake-${config.ip.replace(/\./g, '-')}` });
    const id = deviceIdOf(c, keys.publicKey);
    await fake.discovery.announce(
      signPresence(
        c,
        keys,
        {
          name: `KOOMPI teacher ${id}`,
          port: p.port,
          txt: { v: '1', role: 'teacher', id, st: '', cls: p.classId, join: '1' },
        },
        [config.ip],
        Date.now(),
      ),
    );
    return { deviceId: id };
  },
  fakeHellos: () => fake.hellos,
  /** Announces an unsigned record under the teacher's name and id, pointing at this device. */
  spoofTeacher: async (p) => {
    fake.discovery ??= createBonjourDiscovery({ hostLabel: `fake-${config.ip.replace(/\./g, '-')}` });
    await fake.discovery.announce({
      name: `KOOMPI teacher ${p.teacherId}`,
      port: p.port,
      txt: { v: '1', role: 'teacher', id: p.teacherId, st: '', cls: p.classId, join: '1', a: config.ip },
    });
    return true;
  },
  stopFake: async () => {
    await fake.discovery?.close();
    fake.discovery = undefined;
    await new Promise((resolve) => (fake.server ? fake.server.close(resolve) : resolve()));
    fake.server = undefined;
    return true;
  },
  dirs: () => ({ lessons: device.lessonsDir, submit: device.submitDir, returned: device.returnedDir }),
};

out({ event: 'ready', payload: methods.info() });
const rl = readline.createInterface({ input: process.stdin });
rl.on('line', (line) => {
  let msg;
  try {
    msg = JSON.parse(line);
  } catch {
    return;
  }
  const fn = methods[msg.method];
  Promise.resolve()
    .then(() => (fn ? fn(msg.params) : Promise.reject(new Error(`no method ${msg.method}`))))
    .then(
      (result) => out({ id: msg.id, result: result ?? null }),
      (error) => out({ id: msg.id, error: String(error?.stack ?? error) }),
    );
});
rl.on('close', () => void methods.close());
