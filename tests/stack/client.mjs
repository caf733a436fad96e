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

main().then(
  (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
  (error) => {
    process.stderr.write(`${error?.stack ?? error}\n`);
    process.exitCode = 1;
  },
);
