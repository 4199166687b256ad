import os from 'node:os';
import { describe, expect, it } from 'vitest';
import {
  assertLocalDataDir,
  mountTypeOf,
  NetworkFilesystemError,
  networkFilesystemOf,
  nodeFilesystemProbe,
  type FilesystemProbe,
} from '../../../../electron/core/ledger/data-dir-filesystem.js';
import { tempDataDir } from '../../../support/engine-fixture.js';

const mountinfo = (point: string, type: string) =>
  [
    '22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw',
    `41 22 0:40 / ${point} rw,nosuid,nodev,relatime shared:20 - ${type} user@host:/srv rw,user_id=0`,
  ].join('\n');

const probe = (type: number, info?: string, platform: NodeJS.Platform = 'linux'): FilesystemProbe => ({
  platform,
  statfsType: () => type,
  mountinfo: () => info,
});

describe('the data dir must be on a local disk', () => {
  it.each([
    [0x6969, 'NFS'],
    [0xff534d42, 'CIFS'],
    [0xfe534d42, 'SMB2'],
    [0x517b, 'SMB'],
    [0x01021997, '9p (v9fs)'],
    [0x00c36400, 'Ceph'],
  ])('statfs type %s is refused as %s, with a message that says what to do', (type, name) => {
    const dir = tempDataDir('fs');
    expect(networkFilesystemOf(dir, probe(type))).toBe(name);
    expect(() => assertLocalDataDir(dir, probe(type))).toThrow(NetworkFilesystemError);
    expect(() => assertLocalDataDir(dir, probe(type))).toThrow(new RegExp(`network filesystem \\(${name.replace(/[()]/g, '\\$&')}\\).*local disk`));
  });

  it('FUSE: sshfs and other network FUSE mounts are refused, a local FUSE filesystem is not', () => {
    const dir = tempDataDir('fuse');
    const FUSE = 0x65735546;
    expect(networkFilesystemOf(dir, probe(FUSE, mountinfo('/', 'fuse.sshfs')))).toBe('fuse.sshfs');
    expect(networkFilesystemOf(dir, probe(FUSE, mountinfo('/', 'fuse.rclone')))).toBe('fuse.rclone');
    expect(networkFilesystemOf(dir, probe(FUSE, mountinfo('/', 'fuseblk')))).toBeUndefined();
    expect(networkFilesystemOf(dir, probe(FUSE, mountinfo('/', 'fuse.ntfs-3g')))).toBeUndefined();
  });

  it('ext4, tmpfs, btrfs, xfs are local; outside Linux the f_type numbers are not read', () => {
    const dir = tempDataDir('local');
    for (const type of [0xef53, 0x01021994, 0x9123683e, 0x58465342]) expect(networkFilesystemOf(dir, probe(type))).toBeUndefined();
    expect(networkFilesystemOf(dir, probe(0x6969, undefined, 'darwin'))).toBeUndefined();
  });

  it('the mount holding a path is the longest mount point above it; escaped spaces are read', () => {
    const info = ['22 1 8:1 / / rw - ext4 /dev/sda1 rw', '41 22 0:40 / /mnt/remote\\040box rw - fuse.sshfs u@h:/ rw', '42 22 0:41 / /mnt rw - tmpfs tmpfs rw'].join('\n');
    expect(mountTypeOf('/mnt/remote box/data', info)).toBe('fuse.sshfs');
    expect(mountTypeOf('/mnt/remote boxes', info)).toBe('tmpfs');
    expect(mountTypeOf('/home/u', info)).toBe('ext4');
    expect(mountTypeOf('/home/u', undefined)).toBeUndefined();
  });

  it('this machine\'s temp dir passes the real check', () => {
    expect(() => assertLocalDataDir(tempDataDir('real'), nodeFilesystemProbe)).not.toThrow();
    expect(networkFilesystemOf(os.tmpdir())).toBeUndefined();
  });
});
