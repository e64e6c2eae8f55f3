import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors';

/** Where an installed service keeps its config (README, Installing). */
export const SYSTEM_CONFIG = '/etc/alloc-amazon/config.json';

/** The variable that names the config file when --config is not given. */
export const CONFIG_ENV = 'ALLOC_AMAZON_CONFIG';

/** Where the lookup starts: the working folder and the system-wide file (tests pass their own). */
export interface ConfigSearch {
  cwd: string;
  systemPath: string;
}

/**
 * The config file a command reads, absolute, as Linux services look theirs up: `--config`, else
 * `$ALLOC_AMAZON_CONFIG`, else `./config.json`, else `/etc/alloc-amazon/config.json`. A file named
 * by the option or the variable must exist (a typo there must not quietly pick up another file);
 * the last two are tried in turn, and when neither exists the error says every place looked at.
 */
export function locateConfig(flag: string | undefined, env: NodeJS.ProcessEnv, search: ConfigSearch): string {
  if (flag !== undefined && flag !== '') return path.resolve(search.cwd, flag);
  const named = env[CONFIG_ENV]?.trim();
  if (named) {
    const file = path.resolve(search.cwd, named);
    if (!fs.existsSync(file))
      throw new UsageError(`config file not found: ${file} (named by ${CONFIG_ENV}; pass --config <file> to use another)`);
    return file;
  }
  const tried = [path.resolve(search.cwd, 'config.json'), search.systemPath];
  const found = tried.find((f) => fs.existsSync(f));
  if (found) return found;
  throw new UsageError(
    `no config file found; looked for --config <file>, ${CONFIG_ENV} (not set), ${tried.join(', ')}. ` +
      `Copy config.example.json to one of them, or pass --config <file>`,
  );
}
