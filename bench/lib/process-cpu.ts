/**
 * CPU time of a process from /proc (Linux): what a run cost the database, which other work on a
 * shared machine does not inflate the way it inflates wall time.
 */
import { readdirSync, readFileSync } from 'node:fs';

// USER_HZ: the kernel reports utime and stime in these ticks; 100 on every common Linux.
const TICKS_PER_SECOND = 100;

/** The id of the running process whose command line holds `argument` (e.g. a data directory). */
export function pidWithArgument(argument: string): number | null {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (args.includes(argument)) return Number(entry);
    } catch {
      // The process ended while we looked.
    }
  }
  return null;
}

/** User plus system CPU seconds the process has used so far. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at index 2 of the split.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}
