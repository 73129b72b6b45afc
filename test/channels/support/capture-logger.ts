// A real pino logger whose lines are kept in memory, so tests can check what was (not) logged.
import { Writable } from 'node:stream';
import { type Logger, pino } from 'pino';

export function captureLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: pino({ level: 'debug', base: undefined }, stream), lines };
}
