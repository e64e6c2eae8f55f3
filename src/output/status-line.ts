/**
 * One line at the bottom of a terminal that progress rewrites in place. Log lines clear it first,
 * so it never mixes with them. Cron and pipes never get one: it exists only on a terminal.
 */
export interface StatusLine {
  show(text: string): void;
  clear(): void;
}

/** Redraws at most every `everyMs`: a page or batch can finish thousands of times a second. */
export function createStatusLine(write: (s: string) => void, clock: () => number, width = 100, everyMs = 100): StatusLine {
  let shown = false;
  let lastAt = -Infinity;
  return {
    show(text) {
      const now = clock();
      if (now - lastAt < everyMs) return;
      lastAt = now;
      const line = text.length > width ? `${text.slice(0, width - 1)}…` : text;
      write(`\r\x1b[2K${line}`);
      shown = true;
    },
    clear() {
      if (!shown) return;
      write('\r\x1b[2K');
      shown = false;
      // The next progress after a log line is drawn at once, not a tick later.
      lastAt = -Infinity;
    },
  };
}
