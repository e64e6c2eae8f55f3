import fs from 'node:fs';
import path from 'node:path';
import { errorMessage, UsageError } from '../errors';
import type { Config } from './schema';
import { findJsonProblem } from './json-position';
import { unreadable } from './file-errors';
import { envFileWarning, environmentFor, readSecrets, type Secrets } from './secrets';
import { validateConfig } from './validate';

export { isPlainHttpOffHost, validateConfig, type ParseResult } from './validate';

export interface LoadedConfig {
  config: Config;
  secrets: Secrets;
  /** Things worth telling the operator that do not stop a run (e.g. a `.env` others can read). */
  warnings: string[];
  /** Absolute path of the state database. */
  stateDbPath: string;
  configPath: string;
}

/** The JSON of a config file, or a UsageError saying why not: missing, a directory, unreadable, or not JSON (with line and column). */
export function readConfigJson(absolute: string): unknown {
  if (!fs.existsSync(absolute)) {
    throw new UsageError(`config file not found: ${absolute} (copy config.example.json, or pass --config <file>)`);
  }
  let text: string;
  try {
    // Editors on Windows may start the file with a byte-order mark, which JSON.parse refuses.
    text = fs.readFileSync(absolute, 'utf8').replace(/^\uFEFF/, '');
  } catch (err) {
    throw unreadable('config file', absolute, err);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const at = findJsonProblem(text);
    throw new UsageError(
      `${absolute} is not valid JSON: ${at ? `line ${at.line}, column ${at.column}: ${at.problem}` : errorMessage(err)}`,
    );
  }
}

/** Reads and validates a config file; throws UsageError listing every problem. Needs no secrets. */
export function readConfig(configPath: string): { config: Config; absolute: string } {
  const absolute = path.resolve(configPath);
  const result = validateConfig(readConfigJson(absolute));
  if (!result.ok) {
    throw new UsageError(`${absolute} has ${result.errors.length} problem(s):\n  ${result.errors.join('\n  ')}`);
  }
  return { config: result.config, absolute };
}

/** Reads and validates the config file without touching secrets; throws UsageError listing every problem. */
export function readConfigFile(configPath: string): Omit<LoadedConfig, 'secrets' | 'warnings'> {
  const { config, absolute } = readConfig(configPath);
  return { config, stateDbPath: path.resolve(path.dirname(absolute), config.stateDb), configPath: absolute };
}

/** Reads, validates and resolves the config file and its secrets; throws UsageError listing every problem. */
export function loadConfig(configPath: string, env: NodeJS.ProcessEnv): LoadedConfig {
  const file = readConfigFile(configPath);
  const secrets = readSecrets(file.config, environmentFor(file.configPath, env), file.configPath);
  const warning = envFileWarning(file.configPath);
  return { ...file, secrets, warnings: warning ? [warning] : [] };
}
