import fs from 'node:fs/promises';
import path from 'node:path';
import {
  Authority,
  BootStager,
  BtrfsSnapshotStore,
  DbusConnection,
  DbusServer,
  FlatpakBackend,
  KOOMPID_BUS_NAME,
  KOOMPID_INTERFACES as I,
  KOOMPID_JOB_PATH_PREFIX,
  KOOMPID_PATH,
  DAEMON_ERRORS,
  PackageKitBackend,
  RunningRoot,
  parseIntrospection,
  variant,
  type Translator,
} from '@koompi/core';
import { readConfig } from './config.js';
import { jobHandlers, jobProperties, systemHandlers, type ApiParts } from './dbus-api.js';
import { JobRegistry, type Job } from './jobs.js';
import { FileJobJournal } from './journal.js';
import { Koompid } from './koompid.js';
import { Replies } from './replies.js';
import { ReadThrottle } from './throttle.js';

const log = (line: string): void => {
  process.stderr.write(`koompid: ${line}\n`);
};

/** Builds koompid from its parts and serves org.koompi.System1 until killed. */
export async function serve(version: string, t: Translator): Promise<void> {
  const config = readConfig(process.env);
  const interfaces = parseIntrospection(await fs.readFile(config.introspectionXml, 'utf8'));
  const connection = await DbusConnection.connect();
  const server = new DbusServer(
    connection,
    interfaces,
    (error, member) => log(`${member}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
    DAEMON_ERRORS.failed,
  );
  const checkpoint = (point: string): void => {
    if (config.fault === point) {
      log(`fault injection: killed at ${point}`);
      process.kill(process.pid, 'SIGKILL');
    }
  };
  const replies = new Replies(t);
  const jobs = new JobRegistry(
    KOOMPID_JOB_PATH_PREFIX,
    {
      progress: (job) => {
        server.emitSignal(job.path, I.job, 'Progress', [job.percentage, job.stage]);
        server.emitPropertiesChanged(job.path, I.job, jobProperties(job));
      },
      finished: (job) => {
        server.emitPropertiesChanged(job.path, I.job, jobProperties(job));
        server.emitSignal(job.path, I.job, 'Finished', [job.state === 'succeeded', job.error, job.errorMessage]);
        log(`job ${job.id} ${job.state}${job.errorMessage ? `: ${job.errorMessage}` : ''}`);
      },
      removed: (job) => server.unexport(job.path),
    },
    new FileJobJournal(path.join(config.stateDir, 'jobs'), log),
    log,
  );
  // The root actually running, from the mount table: snapshots, previews and restores follow it.
  const runningRoot = new RunningRoot({ top: config.btrfsTop, mountinfo: config.mountinfo });
  const running = (): Promise<string> => runningRoot.subvolume();
  const koompid = new Koompid({
    store: new BtrfsSnapshotStore({ top: config.btrfsTop, running, checkpoint }),
    stager: new BootStager({ top: config.btrfsTop, esp: config.esp, running }),
    apps: new FlatpakBackend({ remote: config.flatpakRemote }),
    system: config.usePackageKit ? new PackageKitBackend(connection) : undefined,
    jobs,
    t,
    keep: config.keep,
    log,
    onSnapshotCreated: (id) => server.emitSignal(KOOMPID_PATH, I.snapshots, 'SnapshotCreated', [id]),
    onSnapshotDeleted: (id) => server.emitSignal(KOOMPID_PATH, I.snapshots, 'SnapshotDeleted', [id]),
    onRollbackStaged: (id) => server.emitSignal(KOOMPID_PATH, I.snapshots, 'RollbackStaged', [id]),
  });
  const { interrupted } = await koompid.start();
  const parts: ApiParts = {
    koompid,
    authority: new Authority(connection),
    replies,
    throttle: new ReadThrottle({ burst: config.readBurst, perMinute: config.readPerMinute }),
    version,
    root: () => runningRoot.path().catch(() => '/'),
    exportJob: (job: Job) =>
      server.export(job.path, [I.job], {
        methods: jobHandlers(parts, job),
        properties: () => jobProperties(job),
      }),
    log,
  };
  // Jobs from before a crash keep their objects for a while, so a client holding a path can read how they ended.
  for (const job of interrupted) parts.exportJob(job);
  server.export(KOOMPID_PATH, [I.snapshots, I.packages, I.sysinfo], {
    methods: systemHandlers(parts),
    properties: (iface) => (iface === I.sysinfo ? { Version: variant('s', version) } : {}),
  });
  await server.requestName(KOOMPID_BUS_NAME);
  log(`${t('cli.started', { version })} (${config.btrfsTop})`);
  const stop = (): void => {
    log('stopping');
    connection.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
