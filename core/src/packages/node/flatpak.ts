import { CommandError, run } from '../../process/node/run.js';
import type { ChangeOutcome, JobProgress, PackageBackend, PackageHit } from '../packages.js';

export interface FlatpakOptions {
  /** The remote apps come from (a school mirror, Flathub, or a file:// repository). */
  readonly remote: string;
  /** Environment for flatpak (FLATPAK_SYSTEM_DIR in tests). */
  readonly env?: NodeJS.ProcessEnv;
  readonly flatpak?: string;
}

/**
 * Apps through the `flatpak` command on the system installation. Flatpak's
 * library has no D-Bus API of its own for root, and its CLI takes argument
 * arrays: ids are validated before they get here and passed after `--`.
 */
export class FlatpakBackend implements PackageBackend {
  readonly source = 'app' as const;
  private readonly flatpak: string;

  constructor(private readonly options: FlatpakOptions) {
    this.flatpak = options.flatpak ?? 'flatpak';
  }

  async search(query: string): Promise<PackageHit[]> {
    const needle = query.toLowerCase();
    const installed = await this.inventory();
    const out = await this.flatpakRun([
      'remote-ls',
      '--system',
      '--app',
      '--columns=application,name,version,description',
      '--',
      this.options.remote,
    ]);
    const hits: PackageHit[] = [];
    for (const line of out.split('\n')) {
      const [id, name = '', version = '', summary = ''] = line.split('\t');
      if (!id) continue;
      if (![id, name, summary].some((text) => text.toLowerCase().includes(needle))) continue;
      const installedRef = [...installed.keys()].some((ref) => ref.startsWith(`app/${id}/`));
      hits.push({ id, name: name || id, summary, version, source: 'app', installed: installedRef });
    }
    return hits;
  }

  async install(name: string, progress: (p: JobProgress) => void): Promise<ChangeOutcome> {
    progress({ percentage: 0, stage: 'download' });
    try {
      await this.flatpakRun(['install', '--system', '--noninteractive', '-y', '--', this.options.remote, name]);
    } catch (error) {
      return outcomeOf(error);
    }
    progress({ percentage: 100, stage: 'install' });
    return { kind: 'done' };
  }

  async remove(name: string, progress: (p: JobProgress) => void): Promise<ChangeOutcome> {
    progress({ percentage: 0, stage: 'remove' });
    try {
      await this.flatpakRun(['uninstall', '--system', '--noninteractive', '-y', '--', name]);
    } catch (error) {
      return outcomeOf(error);
    }
    progress({ percentage: 100, stage: 'remove' });
    return { kind: 'done' };
  }

  async update(progress: (p: JobProgress) => void): Promise<ChangeOutcome> {
    progress({ percentage: 0, stage: 'update' });
    try {
      await this.flatpakRun(['update', '--system', '--noninteractive', '-y']);
    } catch (error) {
      return outcomeOf(error);
    }
    progress({ percentage: 100, stage: 'update' });
    return { kind: 'done' };
  }

  /** Installed refs, as `app/<id>/<arch>/<branch>` or `runtime/…`, → version. */
  async inventory(): Promise<Map<string, string>> {
    const out = await this.flatpakRun(['list', '--system', '--columns=ref,version,options']);
    const refs = new Map<string, string>();
    for (const line of out.split('\n')) {
      const [ref, version = '', options = ''] = line.split('\t');
      if (!ref || !/^[A-Za-z0-9._-]+\/[A-Za-z0-9_]+\/[A-Za-z0-9._-]+$/.test(ref)) continue;
      refs.set(`${options.split(',').includes('runtime') ? 'runtime' : 'app'}/${ref}`, version);
    }
    return refs;
  }

  /** Takes away what a failed change left behind: refs installed since `before`. */
  async undo(before: ReadonlyMap<string, string>): Promise<string[]> {
    const added = [...(await this.inventory()).keys()].filter((ref) => !before.has(ref));
    // Apps before the runtimes they use.
    added.sort((a, b) => Number(a.startsWith('runtime/')) - Number(b.startsWith('runtime/')));
    for (const ref of added) {
      await this.flatpakRun(['uninstall', '--system', '--noninteractive', '-y', '--', ref.slice(ref.indexOf('/') + 1)]);
    }
    return added;
  }

  async check(): Promise<string[]> {
    try {
      const out = await this.flatpakRun(['remotes', '--system', '--columns=name']);
      return out.split('\n').includes(this.options.remote) ? [] : [`flatpak remote ${this.options.remote} missing`];
    } catch (error) {
      return [`flatpak: ${error instanceof Error ? error.message.slice(0, 200) : String(error)}`];
    }
  }

  private flatpakRun(args: string[]): Promise<string> {
    return run(this.flatpak, args, { env: { ...process.env, ...this.options.env }, timeoutMs: 30 * 60_000 });
  }
}

function outcomeOf(error: unknown): ChangeOutcome {
  if (error instanceof CommandError) {
    if (/Nothing matches|not installed|No such ref|not found/i.test(error.stderr)) return { kind: 'not-found' };
    if (/already installed/i.test(error.stderr)) return { kind: 'nothing-to-do' };
    return { kind: 'failed', message: error.stderr.trim().split('\n').slice(-3).join(' ').slice(0, 500) };
  }
  return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
}
