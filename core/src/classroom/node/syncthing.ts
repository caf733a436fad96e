/**
 * Syncthing under KOOMPI's control: one instance per device, configured so it
 * never contacts the internet (global discovery, relays, NAT traversal, usage
 * and crash reports, upgrades all off; set in config.xml before the first
 * start), driven through its REST API with the API key in its config.xml (0600,
 * never on argv or in the environment). The GUI and REST API listen on a Unix
 * socket in Syncthing's private home (0700), not on a loopback port: Syncthing's
 * web GUI has no password, and any local user could otherwise open it and
 * take its CSRF token.
 * Devices find each other by the addresses pairing gave them, not by
 * Syncthing's own discovery.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { EngineError, sleep, startProcess, type RunningProcess } from './process.js';

export interface SyncthingOptions {
  /** Syncthing's home (config, keys, database). */
  readonly home: string;
  /** Where it accepts peers, e.g. `tcp://0.0.0.0:22000`. */
  readonly listen: string;
  readonly binary?: string;
  readonly name?: string;
}

export type FolderType = 'sendonly' | 'receiveonly' | 'sendreceive';

export interface FolderSpec {
  readonly id: string;
  readonly label: string;
  readonly path: string;
  readonly type: FolderType;
  readonly devices: readonly string[];
  /** Seconds between full rescans; the file watcher catches most changes sooner. */
  readonly rescanIntervalS?: number;
}

export interface GlobalFile {
  readonly path: string;
  readonly size: number;
}

export interface FolderStatus {
  readonly state: string;
  readonly needFiles: number;
  readonly needBytes: number;
  readonly globalFiles: number;
  readonly localFiles: number;
  readonly inSyncFiles: number;
}

export interface Syncthing {
  readonly deviceId: string;
  readonly pid: number;
  /** The Unix socket of its GUI and REST API (in a 0700 folder). */
  readonly apiSocket: string;
  addDevice(id: string, name: string, addresses: readonly string[]): Promise<void>;
  removeDevice(id: string): Promise<void>;
  putFolder(folder: FolderSpec): Promise<void>;
  folderIds(): Promise<string[]>;
  setIgnores(folder: string, text: string): Promise<void>;
  /** Every file in the folder's global index (what peers announced), including ones our ignores keep out. */
  globalFiles(folder: string): Promise<GlobalFile[]>;
  status(folder: string): Promise<FolderStatus>;
  scan(folder: string): Promise<void>;
  connected(): Promise<Set<string>>;
  stop(): Promise<void>;
}

function setOption(xml: string, name: string, value: string): string {
  const re = new RegExp(`<${name}>[^<]*</${name}>`);
  if (re.test(xml)) return xml.replace(re, `<${name}>${value}</${name}>`);
  return xml.replace('</options>', `    <${name}>${value}</${name}>\n    </options>`);
}

/** Creates keys and a private configuration once; returns the device id. */
/** Syncthing's major version (`syncthing --version`: `syncthing v1.19.2 …`, `syncthing v2.0.0 …`); 1 when unclear. */
export async function syncthingMajor(binary: string): Promise<number> {
  const p = startProcess(binary, ['--version']);
  await p.exited;
  const m = /\bv(\d+)\.\d+/.exec(p.output());
  return m ? Number(m[1]) : 1;
}

/**
 * `generate`'s arguments. 1.x takes `--no-default-folder --skip-port-probing`;
 * 2.x (Arch's) rejects both: there a default folder, if one is made, is taken
 * out of the fresh config.xml, and the GUI address is replaced by ours anyway.
 */
export function generateArgs(major: number, home: string): string[] {
  return major >= 2
    ? ['generate', `--home=${home}`]
    : ['generate', `--home=${home}`, '--no-default-folder', '--skip-port-probing'];
}

/** `serve`'s arguments (2.x dropped `--logflags`). */
export function serveArgs(major: number, home: string): string[] {
  const args = ['serve', `--home=${home}`, '--no-browser', '--no-restart', '--no-upgrade'];
  return major >= 2 ? args : [...args, '--logflags=0'];
}

/** Longest Unix socket path Linux takes (sun_path is 108 bytes with its NUL). */
const SOCKET_PATH_MAX = 107;

/** `<home>/gui.sock`, or a private folder under the temporary folder when that path is too long for a socket. */
function apiSocketFor(home: string): string {
  const inHome = path.join(home, 'gui.sock');
  if (Buffer.byteLength(inHome) <= SOCKET_PATH_MAX) return inHome;
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-st-')), 'gui.sock'); // mode 0700
}

export async function prepareSyncthingHome(
  options: SyncthingOptions,
): Promise<{ deviceId: string; apiKey: string; apiSocket: string }> {
  const configFile = path.join(options.home, 'config.xml');
  if (!fs.existsSync(configFile)) {
    fs.mkdirSync(options.home, { recursive: true, mode: 0o700 });
    const gen = startProcess(
      options.binary ?? 'syncthing',
      generateArgs(await syncthingMajor(options.binary ?? 'syncthing'), options.home),
      {
        ...process.env,
        STNOUPGRADE: '1',
        STNODEFAULTFOLDER: '1',
      },
    );
    const code = await gen.exited;
    if (code !== 0) throw new EngineError(`syncthing generate failed (${code}): ${gen.output().slice(-500)}`);
    // Top-level folders only: the template under <defaults> stays.
    const fresh = fs.readFileSync(configFile, 'utf8');
    const cut = fresh.includes('<defaults>') ? fresh.indexOf('<defaults>') : fresh.length;
    const head = fresh.slice(0, cut).replace(/[ \t]*<folder\b[\s\S]*?<\/folder>[ \t]*\n?/g, '');
    if (head.length !== cut) fs.writeFileSync(configFile, head + fresh.slice(cut), { mode: 0o600 });
  }
  fs.chmodSync(options.home, 0o700);
  const apiSocket = apiSocketFor(options.home);
  let xml = fs.readFileSync(configFile, 'utf8');
  const deviceId = /<device id="([A-Z2-7-]{63})"/.exec(xml)?.[1];
  if (!deviceId) throw new EngineError(`no device id in ${configFile}`);
  const apiKey = /<apikey>([^<]+)<\/apikey>/.exec(xml)?.[1] ?? crypto.randomBytes(24).toString('base64url');
  xml = xml.replace(
    /<gui enabled="true"[^>]*>[\s\S]*?<\/gui>/,
    `<gui enabled="true" tls="false" debugging="false">\n        <address>${apiSocket}</address>\n        <unixSocketPermissions>0600</unixSocketPermissions>\n        <apikey>${apiKey}</apikey>\n        <theme>default</theme>\n    </gui>`,
  );
  const off: Record<string, string> = {
    listenAddress: options.listen,
    globalAnnounceEnabled: 'false',
    localAnnounceEnabled: 'false',
    relaysEnabled: 'false',
    natEnabled: 'false',
    startBrowser: 'false',
    urAccepted: '-1',
    crashReportingEnabled: 'false',
    autoUpgradeIntervalH: '0',
    stunServer: '',
    announceLANAddresses: 'false',
    reconnectionIntervalS: '5',
    setLowPriority: 'false',
  };
  for (const [k, v] of Object.entries(off)) xml = setOption(xml, k, v);
  if (options.name)
    xml = xml.replace(/(<device id="[A-Z2-7-]{63}" name=")[^"]*"/, `$1${options.name.replace(/[<>&"]/g, '')}"`);
  fs.writeFileSync(configFile, xml, { mode: 0o600 });
  return { deviceId, apiKey, apiSocket };
}

export async function startSyncthing(options: SyncthingOptions): Promise<Syncthing> {
  const { deviceId, apiKey, apiSocket } = await prepareSyncthingHome(options);
  fs.rmSync(apiSocket, { force: true }); // a stale socket from a killed run
  const proc: RunningProcess = startProcess(
    options.binary ?? 'syncthing',
    serveArgs(await syncthingMajor(options.binary ?? 'syncthing'), options.home),
    {
      ...process.env,
      STNOUPGRADE: '1',
      STHASHING: 'minio',
      STNODEFAULTFOLDER: '1',
    },
  );
  const request = async (method: string, route: string, body?: unknown): Promise<unknown> => {
    const { status, text } = await overSocket(apiSocket, method, route, apiKey, body);
    if (status < 200 || status > 299)
      throw new EngineError(`syncthing ${method} ${route}: ${status} ${text.slice(0, 200)}`);
    return text ? (JSON.parse(text) as unknown) : undefined;
  };
  let exited = false;
  void proc.exited.then(() => {
    exited = true;
  });
  for (let i = 0; ; i++) {
    try {
      await request('GET', '/rest/system/ping');
      break;
    } catch (error) {
      if (exited || i > 300) {
        await proc.stop();
        throw new EngineError(`syncthing did not start: ${proc.output().slice(-800)}`, { cause: error });
      }
      await sleep(100);
    }
  }
  const q = encodeURIComponent;
  return {
    deviceId,
    pid: proc.pid,
    apiSocket,
    async addDevice(id, name, addresses) {
      await request('PUT', `/rest/config/devices/${q(id)}`, {
        deviceID: id,
        name,
        addresses: addresses.length ? addresses : ['dynamic'],
        compression: 'metadata',
        introducer: false,
        autoAcceptFolders: false,
        paused: false,
      });
    },
    async removeDevice(id) {
      await request('DELETE', `/rest/config/devices/${q(id)}`);
    },
    async putFolder(folder) {
      await request('PUT', `/rest/config/folders/${q(folder.id)}`, {
        id: folder.id,
        label: folder.label,
        path: folder.path,
        type: folder.type,
        devices: [deviceId, ...folder.devices].map((d) => ({ deviceID: d })),
        rescanIntervalS: folder.rescanIntervalS ?? 60,
        fsWatcherEnabled: true,
        fsWatcherDelayS: 1,
        ignorePerms: true,
        autoNormalize: true,
        maxConflicts: 0,
        paused: false,
      });
    },
    async folderIds() {
      const folders = (await request('GET', '/rest/config/folders')) as Array<{ id: string }>;
      return folders.map((f) => f.id);
    },
    async setIgnores(folder, text) {
      await request('POST', `/rest/db/ignores?folder=${q(folder)}`, {
        ignore: text.split('\n').filter((l) => l.length),
      });
    },
    async globalFiles(folder) {
      const out: GlobalFile[] = [];
      // `browse` gives names only; `file` gives the global size of one name.
      const tree = (await request('GET', `/rest/db/browse?folder=${q(folder)}`)) as unknown;
      const walk = async (node: unknown, prefix: string): Promise<void> => {
        if (Array.isArray(node)) {
          for (const entry of node as Array<{ name: string; type: string; size?: number; children?: unknown }>) {
            const p = prefix ? `${prefix}/${entry.name}` : entry.name;
            if (entry.type === 'FILE_INFO_TYPE_DIRECTORY') await walk(entry.children ?? [], p);
            else if (entry.type === 'FILE_INFO_TYPE_FILE') out.push({ path: p, size: entry.size ?? 0 });
          }
        }
      };
      await walk(tree, '');
      return out;
    },
    async status(folder) {
      return (await request('GET', `/rest/db/status?folder=${q(folder)}`)) as FolderStatus;
    },
    async scan(folder) {
      await request('POST', `/rest/db/scan?folder=${q(folder)}`);
    },
    async connected() {
      const c = (await request('GET', '/rest/system/connections')) as {
        connections: Record<string, { connected: boolean }>;
      };
      return new Set(
        Object.entries(c.connections)
          .filter(([, v]) => v.connected)
          .map(([k]) => k),
      );
    },
    async stop() {
      try {
        await request('POST', '/rest/system/shutdown');
      } catch {
        // Already going: stop by PID below.
      }
      const timer = setTimeout(() => void proc.stop(1000), 5000);
      await proc.exited;
      clearTimeout(timer);
    },
  };
}

/** One REST call over the Unix socket, 15 s at most. */
function overSocket(
  socketPath: string,
  method: string,
  route: string,
  apiKey: string,
  body?: unknown,
): Promise<{ status: number; text: string }> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        socketPath,
        method,
        path: route,
        headers: {
          host: 'localhost',
          'X-API-Key': apiKey,
          ...(payload === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
        },
        timeout: 15_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new EngineError(`syncthing ${method} ${route}: no answer in 15 s`)));
    req.on('error', reject);
    req.end(payload);
  });
}
