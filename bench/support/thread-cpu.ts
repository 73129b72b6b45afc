// CPU time the main thread has used (Linux, /proc): unlike wall-clock timings, barely moved by other work on the machine.
import { readFileSync } from 'node:fs';

/** Milliseconds of CPU (user + system) the main thread has used so far; undefined where /proc is missing. */
export function mainThreadCpuMs(): number | undefined {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    // fields after the command name, which may hold spaces: utime and stime are the 14th and 15th fields
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}
