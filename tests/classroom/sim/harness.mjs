// Drives a simulated classroom: the namespaces (net.mjs) and one device.mjs
// process per device. Used by tests/classroom/*.test.ts and the benchmark.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createClassroomNet } from './net.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..', '..');

class Device {
  constructor(net, node, child, name, dataDir) {
    this.net = net;
    this.node = node;
    this.child = child;
    this.name = name;
    this.dataDir = dataDir;
    this.pending = new Map();
    this.nextId = 1;
    this.events = [];
    this.listeners = new Set();
    this.stderr = '';
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
    child.stderr.on('data', (d) => {
      this.stderr = (this.stderr + d.toString()).slice(-20000);
    });
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      let msg;
      try {
        msg = JSON.parse(line);
      } catch {
        return;
      }
      if (msg.event) {
        this.events.push(msg);
        for (const l of this.listeners) l(msg);
      } else if (msg.id !== undefined) {
        const p = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        if (!p) return;
        if (msg.error) p.reject(new Error(`${this.name}: ${msg.error}`));
        else p.resolve(msg.result);
      }
    });
    void this.exited.then(() => {
      for (const p of this.pending.values()) p.reject(new Error(`${this.name} exited: ${this.stderr.slice(-2000)}`));
      this.pending.clear();
    });
  }

  get pid() {
    return this.child.pid;
  }

  call(method, params) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.stdin.write(`${JSON.stringify({ id, method, params })}\n`);
    });
  }

  /** Resolves with the first event (past or future) that matches. */
  waitEvent(match, timeoutMs = 120_000) {
    const found = this.events.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`${this.name}: no matching event in ${timeoutMs} ms`));
      }, timeoutMs);
      const listener = (msg) => {
        if (!match(msg)) return;
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve(msg);
      };
      this.listeners.add(listener);
    });
  }

  async stop() {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.call('close').catch(() => undefined);
    const t = setTimeout(() => this.child.kill('SIGKILL'), 8000);
    await this.exited;
    clearTimeout(t);
  }

  /** Kills the device's process tree at once (a machine that loses power). */
  async crash() {
    const pids = treeOf(this.child.pid);
    killTree(this.child.pid, 'SIGKILL');
    await this.exited;
    // As after a power cut: none of its processes (Syncthing's database lock) outlive it.
    for (let i = 0; i < 200 && pids.some(alive); i++) await new Promise((r) => setTimeout(r, 25));
  }
}

/** Children of every thread of a process (Go programs such as Syncthing fork from any thread). */
function childrenOf(pid) {
  let tasks;
  try {
    tasks = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  return tasks.flatMap((task) => {
    try {
      return fs
        .readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8')
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .map(Number);
    } catch {
      return [];
    }
  });
}

function treeOf(pid) {
  return [pid, ...childrenOf(pid).flatMap(treeOf)];
}

/** Whether a process is still running (gone, or a zombie that has let go of its files, is not). */
function alive(pid) {
  try {
    return !/\) Z /.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** Signals a process and all its descendants, by PID. */
export function killTree(pid, signal) {
  for (const c of childrenOf(pid)) killTree(c, signal);
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

/**
 * Builds the network and starts the devices.
 * @param {{students:number, linkMbit?:number, sharedMedium?:boolean, syncthing?:boolean, multicast?:boolean, limits?:object, root?:string}} options
 */
export async function startClassroom(options) {
  const root = options.root ?? fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-classsim-'));
  const net = createClassroomNet(options);
  const devices = [];
  const classroom = {
    root,
    net,
    teacher: undefined,
    students: [],
    async startDevice(node, name, role) {
      const dataDir = path.join(root, name);
      const config = {
        role,
        dataDir,
        name,
        ip: node.ip,
        syncthing: Boolean(options.syncthing),
        multicast: Boolean(options.multicast),
        linkMbit: options.linkMbit ?? 100,
        sharedMedium: Boolean(options.sharedMedium),
        ...(options.limits ? { limits: options.limits } : {}),
      };
      const child = net.spawnIn(
        node,
        process.execPath,
        [path.join(repoRoot, 'tests/classroom/sim/device.mjs'), JSON.stringify(config)],
        {
          cwd: repoRoot,
          stdio: ['pipe', 'pipe', 'pipe'],
          env: { ...process.env, STNOUPGRADE: '1' },
        },
      );
      const device = new Device(net, node, child, name, dataDir);
      devices.push(device);
      await device
        .waitEvent((m) => m.event === 'ready', 60_000)
        .catch((e) => {
          throw new Error(`${e.message}\n${device.stderr.slice(-3000)}`);
        });
      return device;
    },
    async stop() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await Promise.allSettled(devices.map((d) => d.stop()));
      for (const d of devices) killTree(d.pid, 'SIGKILL');
      net.destroy();
      if (!options.keep) fs.rmSync(root, { recursive: true, force: true });
    },
  };
  // Interrupted (Ctrl+C, a timeout): still remove the namespaces and stop every device.
  const onSignal = (signal) => {
    void classroom.stop().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    classroom.teacher = await classroom.startDevice(net.teacher, 'teacher', 'teacher');
    classroom.students = await Promise.all(
      net.students.map((node, i) => classroom.startDevice(node, `student-${i + 1}`, 'student')),
    );
  } catch (error) {
    await classroom.stop();
    throw error;
  }
  return classroom;
}

/** Joins every student with the class code, over mDNS (or directly when `direct`). */
export async function joinAll(classroom, { direct = false } = {}) {
  const { code, fingerprint, display, classId } = await classroom.teacher.call('startClass');
  const teacher = direct ? { host: classroom.net.teacher.ip, port: 7740, classId } : undefined;
  // What the projector shows: the code and the teacher's fingerprint.
  const results = await Promise.all(
    classroom.students.map((s) => s.call('join', { code: display, teacher, waitMs: 30_000 })),
  );
  return { code, fingerprint, display, classId, results };
}
