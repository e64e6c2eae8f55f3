import fs from 'node:fs';
import { runFromProcess } from '../src/index';

/**
 * The peak resident memory of this process image alone. On Linux, getrusage's maxRSS after exec
 * keeps the high-water mark of the image it replaced: a child of the bench, forked from a process
 * holding the simulators' memory, would report that memory as its own. VmHWM is the new image's.
 */
function ownPeakKiB(): number | undefined {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    return hwm?.[1] === undefined ? undefined : Number(hwm[1]);
  } catch {
    return undefined;
  }
}

/** The CLI as cron runs it, plus its own CPU time and peak memory, written where the bench asks. */
const out = process.env.BENCH_USAGE_FILE;
process.on('exit', () => {
  if (out) fs.writeFileSync(out, JSON.stringify({ ...process.resourceUsage(), ownPeakKiB: ownPeakKiB() }));
});
runFromProcess();
