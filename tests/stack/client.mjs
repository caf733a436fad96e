// A small koompid client for the integration tests, bundled into the stack dir
// so it can run as any user: `node client.mjs <command> [args…]` prints JSON.
// It goes through core's typed clients, except `raw`, which sends whatever
// signature and body it is given (for hostile-input tests).
import {
  DbusConnection,
  KOOMPID_BUS_NAME,
  KOOMPID_PATH,
  KoompidConnection,
  PackagesClient,
  SnapshotsClient,
  SystemInfoClient,
} from '../../core/dist/index.js';

const [command = '', ...args] = process.argv.slice(2);

async function main() {
  if (command === 'raw') {
    const [iface, member, signature, bodyJson] = args;
    const conn = await DbusConnection.connect();
    try {
      const body = await conn.call(KOOMPID_BUS_NAME, KOOMPID_PATH, iface, member, signature, JSON.parse(bodyJson));
      return { ok: true, value: body };
    } catch (error) {
      return { ok: false, error: { name: error.errorName ?? error.name, message: error.text ?? error.message } };
    } finally {
      conn.close();
    }
  }
  if (command === 'hammer-search') return hammerSearch(Number(args[0]), Number(args[1]), args[2] ?? 'test');
  const conn = await KoompidConnection.connect();
  if (!conn.ok) return conn;
  const snapshots = new SnapshotsClient(conn.value);
  const packages = new PackagesClient(conn.value);
  const info = new SystemInfoClient(conn.value);
  try {
    switch (command) {
      case 'whoami':
        return { ok: true, value: { uid: process.getuid(), groups: process.getgroups() } };
      case 'create':
        return await snapshots.create(args[0] ?? '');
      case 'list':
        return await snapshots.list();
      case 'delete':
        return await snapshots.delete(args[0] ?? '');
      case 'rollback':
        return await snapshots.rollback(args[0] ?? '');
      case 'info':
        return await info.info();
      case 'health':
        return await info.health();
      case 'search':
        return await packages.search(args[0] ?? '');
      case 'install':
      case 'remove':
      case 'update': {
        const job = command === 'update' ? await packages.update() : await packages[command](args[0] ?? '');
        if (!job.ok) return job;
        const progress = [];
        for await (const p of job.value.progress()) progress.push(p);
        return { ok: true, value: { outcome: await job.value.outcome, progress } };
      }
      default:
        return { ok: false, error: { kind: 'usage', message: `unknown command ${command}` } };
    }
  } finally {
    conn.value.close();
  }
}

/** `count` Searches at once, spread over `connections` connections, then one more on a fresh connection. */
async function hammerSearch(count, connections, query) {
  const conns = [];
  for (let i = 0; i < connections; i++) {
    const c = await KoompidConnection.connect();
    if (!c.ok) return c;
    conns.push(c.value);
  }
  const kind = (r) => (r.ok ? 'ok' : r.error.kind);
  try {
    const kinds = await Promise.all(
      Array.from({ length: count }, (_, i) => new PackagesClient(conns[i % connections]).search(query).then(kind)),
    );
    const fresh = await KoompidConnection.connect();
    if (!fresh.ok) return fresh;
    try {
      return { ok: true, value: { kinds, fresh: kind(await new PackagesClient(fresh.value).search(query)) } };
    } finally {
      fresh.value.close();
    }
  } finally {
    for (const c of conns) c.close();
  }
}

main().then(
  (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
  (error) => {
    process.stderr.write(`${error?.stack ?? error}\n`);
    process.exitCode = 1;
  },
);
