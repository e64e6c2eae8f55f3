import { InvalidArgumentError } from 'commander';

/** `--format`: what status writes. */
export function statusFormat(value: string): 'text' | 'json' | 'prometheus' {
  if (value === 'text' || value === 'json' || value === 'prometheus') return value;
  throw new InvalidArgumentError('expected text, json or prometheus');
}

export const STATUS_HELP = `
With --check (Nagios, Icinga, Sensu, Zabbix): CRITICAL when a direction's last success is older than its
max age (twice its cron interval, or --max-age) or its last run failed fatally; WARNING when items wait
for retry, a run never finished, or a lock is held longer than the cron interval; UNKNOWN when the config
or state file cannot be read.

Exit codes: 0 shown (with --check: OK); 2 usage or configuration error, or a state file that cannot be
read; 74 the --output file could not be written.
With --check: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.`;
