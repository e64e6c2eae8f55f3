/** An instant as the state file, the logs and both remote systems write it: ISO-8601 in UTC. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
