import { randomBytes } from 'node:crypto';
import { link, mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/**
 * Writes a file only its owner can read, whole or not at all: the bytes go to a temporary
 * 0600 file in the same folder, are flushed to disk, then take the name in one step. A
 * crash leaves the old file or the new one, never half of one.
 *
 * `replace: false` takes the name with link(2), which fails if the name exists: two
 * windows importing at once cannot overwrite each other's key. `replace: true` renames over.
 * Returns false when `replace` is false and the file already existed (nothing was written).
 */
export async function writePrivateFile(file: string, data: Uint8Array | string, replace: boolean): Promise<boolean> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', PRIVATE_FILE_MODE);
  try {
    try {
      // The umask can only narrow 0600; chmod anyway in case the process runs with an odd one.
      await handle.chmod(PRIVATE_FILE_MODE);
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (replace) {
      await rename(temp, file);
    } else {
      try {
        await link(temp, file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw error;
      }
    }
    await syncDir(dir);
    return true;
  } finally {
    await rm(temp, { force: true });
  }
}

/** Makes the rename itself durable. Windows cannot open a folder for this; NTFS journals it. */
async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
