/**
 * A one-line progress bar with rows per second, redrawn at most five times a second. It draws
 * only on a terminal: piped or redirected output stays clean for logs and scripts.
 */
import type { WriteStream } from 'node:tty';

export interface Progress {
  update(rows: number, bytes: number): void;
  done(): void;
}

const WIDTH = 28;

export function formatProgress(
  rows: number,
  bytes: number,
  totalBytes: number,
  seconds: number,
): string {
  const fraction = totalBytes > 0 ? Math.min(1, bytes / totalBytes) : 0;
  const filled = Math.round(fraction * WIDTH);
  const rate = seconds > 0 ? Math.round(rows / seconds) : 0;
  return `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ${rows.toLocaleString('en')} rows, ${rate.toLocaleString('en')} rows/s`;
}

export function createProgress(
  stream: NodeJS.WriteStream | WriteStream,
  totalBytes: number,
  clock: () => number = () => performance.now(),
): Progress {
  if (!stream.isTTY) return { update() {}, done() {} };
  const started = clock();
  let lastDraw = 0;
  let last = { rows: 0, bytes: 0 };
  const draw = () => {
    stream.write(
      `\r${formatProgress(last.rows, last.bytes, totalBytes, (clock() - started) / 1000)}`,
    );
  };
  return {
    update(rows, bytes) {
      last = { rows, bytes };
      const now = clock();
      if (now - lastDraw >= 200) {
        lastDraw = now;
        draw();
      }
    },
    done() {
      draw();
      stream.write('\n');
    },
  };
}
