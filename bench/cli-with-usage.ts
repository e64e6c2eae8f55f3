import fs from 'node:fs';
import { runFromProcess } from '../src/index';

/** The CLI as cron runs it, plus its own CPU time and peak memory, written where the bench asks. */
const out = process.env.BENCH_USAGE_FILE;
process.on('exit', () => {
  if (out) fs.writeFileSync(out, JSON.stringify(process.resourceUsage()));
});
runFromProcess();
