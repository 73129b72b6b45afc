// Optional CPU profile of the main thread during one bench phase (BENCH_CPU_PROFILE=<dir>): where a message's time
// goes, counted in samples rather than read off timings that move with the machine's load.
import { mkdir, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import path from 'node:path';

/** Runs `task`; when BENCH_CPU_PROFILE names a directory, writes `<dir>/<name>.cpuprofile` of the main thread meanwhile. */
export async function profiled<T>(name: string, task: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_CPU_PROFILE;
  if (!dir) return task();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  try {
    return await task();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
  }
}
