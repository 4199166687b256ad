import fs from 'node:fs';

/** The few file operations the intent journal needs; tests swap in failing ones. */
export interface JournalIo {
  /** Appends text and waits until it is on disk (fdatasync). */
  appendDurably(fd: number, text: string): void;
  /** Replaces `path` with `text` atomically: temp file, fsync, rename. */
  replaceDurably(path: string, text: string): void;
}

export const nodeJournalIo: JournalIo = {
  appendDurably(fd, text) {
    const bytes = Buffer.from(text);
    let written = 0;
    while (written < bytes.length) written += fs.writeSync(fd, bytes, written);
    fs.fdatasyncSync(fd);
  },
  replaceDurably(path, text) {
    const temp = `${path}.${process.pid}.tmp`;
    const fd = fs.openSync(temp, 'w', 0o600);
    try {
      fs.writeSync(fd, text);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, path);
  },
};
