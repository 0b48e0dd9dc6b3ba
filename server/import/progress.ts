/**
 * A one-line progress bar with bytes read and rows per second, redrawn at most five times a
 * second; without a known size (a download without Content-Length) it shows the bytes only. It
 * draws only on a terminal: piped or redirected output stays clean for logs and scripts.
 */
import type { WriteStream } from 'node:tty';

export interface Progress {
  update(rows: number, bytes: number, totalBytes: number | null): void;
  done(): void;
}

/** 1,536 → "1.5 KB"; decimal units, as downloads are usually shown. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(1)} ${units[unit]}`;
}

const WIDTH = 28;

export function formatProgress(
  rows: number,
  bytes: number,
  totalBytes: number | null,
  seconds: number,
): string {
  const rate = seconds > 0 ? Math.round(rows / seconds) : 0;
  const counts = `${rows.toLocaleString('en')} rows, ${rate.toLocaleString('en')} rows/s`;
  if (!totalBytes) return `${formatBytes(bytes)} read, ${counts}`;
  const fraction = Math.min(1, bytes / totalBytes);
  const filled = Math.round(fraction * WIDTH);
  return `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% of ${formatBytes(totalBytes)}, ${counts}`;
}

export function createProgress(
  stream: NodeJS.WriteStream | WriteStream,
  clock: () => number = () => performance.now(),
): Progress {
  if (!stream.isTTY) return { update() {}, done() {} };
  const started = clock();
  let lastDraw = 0;
  let last = { rows: 0, bytes: 0, total: null as number | null };
  const draw = () => {
    stream.write(
      `\r${formatProgress(last.rows, last.bytes, last.total, (clock() - started) / 1000)}\u001b[K`,
    );
  };
  return {
    update(rows, bytes, total) {
      last = { rows, bytes, total };
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
