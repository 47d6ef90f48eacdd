import { readdirSync, readFileSync } from 'node:fs';

/** Resident set size of a process, from /proc. */
export function rssMiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
}

/** `/proc/<pid>/stat` fields after the command name (field 3 onwards), or undefined once the process is gone. */
function statFields(pid: number): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  } catch {
    return undefined;
  }
}

/** CPU seconds (user + system) the process has used, from /proc (clock ticks at 100 Hz). */
export function cpuSeconds(pid: number): number {
  const fields = statFields(pid);
  return fields ? (Number(fields[11]) + Number(fields[12])) / 100 : 0;
}

/** CPU seconds of the process plus those of its children it already waited for (`cutime` + `cstime`). */
function cpuSecondsWithReaped(pid: number): number {
  const fields = statFields(pid);
  return fields ? (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / 100 : 0;
}

/**
 * CPU seconds of a process and all its descendants (PostgreSQL's backends under the postmaster, say): live ones from
 * their own counters, exited ones through their parent's `cutime`/`cstime` once it waited for them, so the total
 * does not drop when a backend exits.
 */
export function treeCpuSeconds(rootPid: number): number {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const fields = statFields(pid);
    if (fields) parents.set(pid, Number(fields[1]));
  }
  const inTree = (pid: number): boolean => {
    for (let at: number | undefined = pid; at !== undefined && at > 1; at = parents.get(at)) if (at === rootPid) return true;
    return false;
  };
  let total = 0;
  for (const pid of parents.keys()) if (inTree(pid)) total += cpuSecondsWithReaped(pid);
  return total;
}
