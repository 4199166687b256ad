import { InstanceLock } from '../../electron/core/ledger/instance-lock.js';

/** A process that takes an instance lock, says so, and lives until it is killed. */
const [dataDir, instanceId] = process.argv.slice(2);
if (!dataDir || !instanceId) throw new Error('usage: instance-lock-holder.ts DATA_DIR INSTANCE_ID');
InstanceLock.acquire(dataDir, instanceId);
process.stdout.write('held\n');
setInterval(() => undefined, 60_000);
