/** The value, or a failed test saying what was missing: a checked stand-in for a non-null assertion. */
export function defined<T>(value: T | null | undefined, what = 'value'): T {
  if (value === undefined || value === null) throw new Error(`expected a ${what}, found none`);
  return value;
}
