import { errorMessage, UsageError } from '../errors';

/** Why a file cannot be read, in the operator's terms rather than an errno. */
export function unreadable(what: string, file: string, err: unknown): UsageError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new UsageError(`${what} not found: ${file}`);
  if (code === 'EISDIR') return new UsageError(`${what} ${file} is a directory, not a file`);
  if (code === 'EACCES' || code === 'EPERM')
    return new UsageError(`${what} ${file} cannot be read: permission denied (it must be readable by the user cron runs as)`);
  return new UsageError(`${what} ${file} cannot be read: ${errorMessage(err)}`);
}
