import fs from 'node:fs';
import path from 'node:path';

/**
 * SQLite's locks are only as good as the filesystem's: on NFS, SMB/CIFS, 9p or a FUSE
 * network mount a lock can be ignored or lost, and then two instances on two machines both
 * "hold" a claim. The ledger therefore lives on a local disk only. Linux's statfs f_type
 * names the filesystem (the magic numbers of linux/magic.h); FUSE's one number covers
 * sshfs as well as local ntfs-3g, so for FUSE the mount table's subtype decides.
 */
const NETWORK_FILESYSTEMS = new Map<number, string>([
  [0x6969, 'NFS'],
  [0x517b, 'SMB'],
  [0xff534d42, 'CIFS'],
  [0xfe534d42, 'SMB2'],
  [0x01021997, '9p (v9fs)'],
  [0x5346414f, 'AFS'],
  [0x6b414653, 'AFS (kAFS)'],
  [0x00c36400, 'Ceph'],
  [0x73757245, 'Coda'],
  [0x564c, 'NCP'],
  [0x0bd00bd0, 'Lustre'],
  [0x013111a8, 'IBRIX'],
  [0x47504653, 'GPFS'],
  [0x7461636f, 'OCFS2'],
  [0x01161970, 'GFS2'],
]);
const FUSE_SUPER_MAGIC = 0x65735546;
/** FUSE filesystems that reach over a network (the mount table says `fuse.<name>`). */
const NETWORK_FUSE = /^(sshfs|s3fs|rclone|gcsfuse|goofys|davfs|webdav|smbnetfs|glusterfs|ceph|moosefs|mfs|juicefs|lizardfs|beegfs|curlftpfs|afpfs|cifs|nfs|blobfuse2?|gvfsd-fuse|seaweedfs|objectivefs|sftp)/i;

export class NetworkFilesystemError extends Error {
  override name = 'NetworkFilesystemError';
  constructor(
    readonly dataDir: string,
    readonly filesystem: string,
  ) {
    super(
      `the data dir ${dataDir} is on a network filesystem (${filesystem}). The ledger's locks, which keep two ` +
        'instances from buying the same token, are not safe there. Choose a data dir on a local disk ' +
        '(--data-dir); to trade from several machines, each needs a data dir of its own',
    );
  }
}

export interface FilesystemProbe {
  platform: NodeJS.Platform;
  statfsType(dir: string): number;
  /** /proc/self/mountinfo, or undefined where there is none. */
  mountinfo(): string | undefined;
}

export const nodeFilesystemProbe: FilesystemProbe = {
  platform: process.platform,
  statfsType: (dir) => fs.statfsSync(dir).type,
  mountinfo: () => {
    try {
      return fs.readFileSync('/proc/self/mountinfo', 'utf8');
    } catch {
      return undefined;
    }
  },
};

/**
 * The network filesystem the directory is on, or undefined for a local one (or where it
 * cannot be told: outside Linux the f_type numbers mean other things and are not read).
 */
export function networkFilesystemOf(dir: string, probe: FilesystemProbe = nodeFilesystemProbe): string | undefined {
  if (probe.platform !== 'linux') return undefined;
  const type = probe.statfsType(dir) >>> 0;
  const known = NETWORK_FILESYSTEMS.get(type);
  if (known) return known;
  if (type !== FUSE_SUPER_MAGIC) return undefined;
  const fstype = mountTypeOf(dir, probe.mountinfo());
  const sub = fstype?.startsWith('fuse.') ? fstype.slice('fuse.'.length) : undefined;
  if (sub !== undefined && NETWORK_FUSE.test(sub)) return fstype;
  return undefined;
}

/** Throws NetworkFilesystemError when the data dir is on a network filesystem. */
export function assertLocalDataDir(dataDir: string, probe: FilesystemProbe = nodeFilesystemProbe): void {
  fs.mkdirSync(dataDir, { recursive: true });
  const network = networkFilesystemOf(dataDir, probe);
  if (network) throw new NetworkFilesystemError(dataDir, network);
}

/**
 * The filesystem type of the mount holding `dir`, from mountinfo: the longest mount point
 * that is a prefix of the real path. Fields: `id parent major:minor root mountpoint opts
 * [optional...] - fstype source superopts`; spaces in paths are written as \040.
 */
export function mountTypeOf(dir: string, mountinfo: string | undefined): string | undefined {
  if (!mountinfo) return undefined;
  let real: string;
  try {
    real = fs.realpathSync(dir);
  } catch {
    real = path.resolve(dir);
  }
  let best: { point: string; type: string } | undefined;
  for (const line of mountinfo.split('\n')) {
    const [left, right] = line.split(' - ');
    if (!left || !right) continue;
    const point = unescapeMount(left.split(' ')[4] ?? '');
    const type = right.split(' ')[0] ?? '';
    const inside = point === '/' || real === point || real.startsWith(point.endsWith('/') ? point : `${point}/`);
    if (inside && (!best || point.length >= best.point.length)) best = { point, type };
  }
  return best?.type;
}

function unescapeMount(text: string): string {
  return text.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}
