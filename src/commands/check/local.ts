import fs from 'node:fs';
import path from 'node:path';
import { envFileWarning, environmentFor, secretsFrom, secretsSource, type Secrets } from '../../config/secrets';
import { readConfigFile } from '../../config/load';
import { type Config } from '../../config/schema';
import type { Shard } from '../../config/shard';
import { errorMessage } from '../../errors';
import { checkStateFolder, openState, SCHEMA_VERSION } from '../../state';
import type { CheckRow } from './types';

export interface LocalResult {
  rows: CheckRow[];
  config?: Config;
  /** Present only when every secret is there. */
  secrets?: Secrets;
}

function stateRow(file: string): CheckRow {
  const base = { area: 'local', check: `state file ${file}` };
  try {
    checkStateFolder(file);
  } catch (err) {
    return { ...base, result: 'fail', detail: errorMessage(err), blocks: ['every command'] };
  }
  if (!fs.existsSync(file)) {
    try {
      fs.accessSync(path.dirname(file), fs.constants.W_OK);
      return { ...base, result: 'ok', detail: 'not there yet; the first run creates it (owner-only)' };
    } catch {
      return {
        ...base,
        result: 'fail',
        detail: `cannot be created: ${path.dirname(file)} is not writable for this user`,
        blocks: ['every command'],
      };
    }
  }
  try {
    openState(file, { readonly: true }).close();
    fs.accessSync(file, fs.constants.W_OK);
  } catch (err) {
    return { ...base, result: 'fail', detail: errorMessage(err), blocks: ['every command'] };
  }
  const mode = fs.statSync(file).mode & 0o777;
  if (mode & 0o077)
    return { ...base, result: 'warn', detail: `readable by others (mode ${mode.toString(8)}); the next run makes it owner-only` };
  return { ...base, result: 'ok', detail: `schema ${SCHEMA_VERSION}, owner-only` };
}

/**
 * What can be checked without the network: config, secrets, `.env` permissions, the state file.
 * `configPath` finds the file (it throws when none is found, which is reported like a bad one).
 */
export function checkLocal(configPath: () => string, env: NodeJS.ProcessEnv, shard?: Shard): LocalResult {
  let file: ReturnType<typeof readConfigFile>;
  try {
    file = readConfigFile(configPath(), shard);
  } catch (err) {
    return { rows: [{ area: 'local', check: 'config', result: 'fail', detail: errorMessage(err), blocks: ['every command'] }] };
  }
  const { config } = file;
  const rows: CheckRow[] = [
    {
      area: 'local',
      check: `config ${file.configPath}`,
      result: 'ok',
      detail: `${config.sellers.length} seller(s): ${config.sellers.map((s) => s.name).join(', ')}`,
    },
  ];
  const { secrets, missing } = secretsFrom(config, environmentFor(file.configPath, env));
  rows.push(
    missing.length
      ? {
          area: 'local',
          check: 'secrets',
          result: 'fail',
          detail: `missing (set them in ${secretsSource(file.configPath)}):\n${missing.map((m) => `  ${m}`).join('\n')}`,
          blocks: ['every sync command'],
        }
      : { area: 'local', check: 'secrets', result: 'ok', detail: 'all present' },
  );
  const envWarning = envFileWarning(file.configPath);
  if (envWarning) rows.push({ area: 'local', check: '.env permissions', result: 'warn', detail: envWarning });
  rows.push(stateRow(file.stateDbPath));
  return { rows, config, ...(missing.length ? {} : { secrets }) };
}
