/**
 * The one atomic file write: readers, and the disk after a crash or a power
 * cut, see the old content or the new, never half of it. The bytes go to a
 * temporary file in the same folder (a rename never crosses file systems),
 * are fsynced, and the temporary file is renamed over the name; then the
 * folder is fsynced so the new name is durable too. On any failure the
 * temporary file is removed and the error is thrown.
 *
 * The temporary name is short (`.koompi-<pid>-<random>.tmp`), so a long name
 * (Khmer: 3 bytes a letter) that fits still has a temporary name that fits.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface AtomicWriteOptions {
  /**
   * Permission bits of the written file, less the umask (as in `fs.open`).
   * Without it the file keeps the mode of the file it replaces, and a new file
   * gets `0o666` less the umask (as `fs.writeFile` does).
   */
  readonly mode?: number;
  /**
   * `false`: never replace a file. The final step is then a hard link, which
   * fails with `EEXIST` if the name was taken meanwhile (a rename would
   * silently replace it); on file systems without hard links (FAT USB sticks)
   * it checks, then renames. Default `true`.
   */
  readonly overwrite?: boolean;
}

/** What link() says on file systems that have no hard links. */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EXDEV']);
/**
 * What opening or fsyncing a folder says where that is refused (some file
 * systems; a folder one may write to but not list): the rename is atomic all
 * the same, only its durability is left to the kernel.
 */
const NO_DIR_SYNC = new Set(['EINVAL', 'ENOTSUP', 'EOPNOTSUPP', 'EISDIR', 'EACCES', 'EPERM']);

const codeOf = (error: unknown): string | undefined => (error as NodeJS.ErrnoException | undefined)?.code;

function tempBeside(file: string): string {
  return path.join(path.dirname(file), `.koompi-${process.pid}-${crypto.randomBytes(4).toString('hex')}.tmp`);
}

function existsError(file: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`EEXIST: file already exists, '${file}'`), {
    code: 'EEXIST',
    errno: -17,
    syscall: 'link',
    path: file,
  });
}

/** The mode to give the temporary file explicitly (fchmod), or undefined to let open's mode and the umask decide. */
function keptMode(file: string, options: AtomicWriteOptions): number | undefined {
  if (options.mode !== undefined || options.overwrite === false) return undefined;
  try {
    return fs.statSync(file).mode & 0o7777;
  } catch {
    return undefined;
  }
}

async function keptModeAsync(file: string, options: AtomicWriteOptions): Promise<number | undefined> {
  if (options.mode !== undefined || options.overwrite === false) return undefined;
  try {
    return (await fs.promises.stat(file)).mode & 0o7777;
  } catch {
    return undefined;
  }
}

/** Writes `data` to `file` atomically and durably (see the module comment). */
export function writeAtomicSync(file: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): void {
  const tmp = tempBeside(file);
  const kept = keptMode(file, options);
  try {
    const fd = fs.openSync(tmp, 'wx', options.mode ?? 0o666);
    try {
      if (kept !== undefined) fs.fchmodSync(fd, kept);
      fs.writeFileSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    if (options.overwrite === false) linkIntoPlaceSync(tmp, file);
    else fs.renameSync(tmp, file);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw error;
  }
  syncDirSync(path.dirname(file));
}

/** Writes `data` to `file` atomically and durably (see the module comment). */
export async function writeAtomic(
  file: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const tmp = tempBeside(file);
  const kept = await keptModeAsync(file, options);
  try {
    const handle = await fs.promises.open(tmp, 'wx', options.mode ?? 0o666);
    try {
      if (kept !== undefined) await handle.chmod(kept);
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.overwrite === false) await linkIntoPlace(tmp, file);
    else await fs.promises.rename(tmp, file);
  } catch (error) {
    await fs.promises.rm(tmp, { force: true });
    throw error;
  }
  await syncDir(path.dirname(file));
}

function linkIntoPlaceSync(tmp: string, file: string): void {
  try {
    fs.linkSync(tmp, file);
  } catch (error) {
    if (!NO_LINKS.has(codeOf(error) ?? '')) throw error;
    if (fs.existsSync(file)) throw existsError(file);
    fs.renameSync(tmp, file);
    return;
  }
  fs.rmSync(tmp, { force: true });
}

async function linkIntoPlace(tmp: string, file: string): Promise<void> {
  try {
    await fs.promises.link(tmp, file);
  } catch (error) {
    if (!NO_LINKS.has(codeOf(error) ?? '')) throw error;
    if (fs.existsSync(file)) throw existsError(file);
    await fs.promises.rename(tmp, file);
    return;
  }
  await fs.promises.rm(tmp, { force: true });
}

/** Makes the names in a folder durable (after a rename or a link into it). */
export function syncDirSync(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch (error) {
    if (!NO_DIR_SYNC.has(codeOf(error) ?? '')) throw error;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Makes the names in a folder durable (after a rename or a link into it). */
export async function syncDir(dir: string): Promise<void> {
  let handle: fs.promises.FileHandle | undefined;
  try {
    handle = await fs.promises.open(dir, 'r');
    await handle.sync();
  } catch (error) {
    if (!NO_DIR_SYNC.has(codeOf(error) ?? '')) throw error;
  } finally {
    await handle?.close();
  }
}
