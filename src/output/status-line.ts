/**
 * One line at the bottom of a terminal that progress rewrites in place. Log lines clear it first,
 * so it never mixes with them. Cron and pipes never get one: it exists only on a terminal.
 */
export interface StatusLine {
  show(text: string): void;
  clear(): void;
}

/** Back to the start of the line and erase it: the terminal's line is free for what comes next. */
export const CLEAR_LINE = '\r\x1b[2K';

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
      write(`${CLEAR_LINE}${line}`);
      shown = true;
    },
    clear() {
      if (!shown) return;
      write(CLEAR_LINE);
      shown = false;
      // The next progress after a log line is drawn at once, not a tick later.
      lastAt = -Infinity;
    },
  };
}
