/**
 * The part of systemd's calendar event syntax (systemd.time(7), "Calendar Events") that a daily
 * schedule needs: `*-*-* HH:MM[:SS]`, each time field a comma list of `*`, `N`, `N..M` and a
 * `/R` repetition. Anything else (weekdays, dates, time zones) is refused rather than misread;
 * the systemd test checks this reading against `systemd-analyze calendar` where it is installed.
 */
function field(text: string, max: number, what: string, expr: string): number[] {
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const m = /^(\*|\d+)(?:\.\.(\d+))?(?:\/(\d+))?$/.exec(part);
    if (!m) throw new Error(`unsupported ${what} "${part}" in OnCalendar=${expr}`);
    const from = m[1] === '*' ? 0 : Number(m[1]);
    const to = m[2] !== undefined ? Number(m[2]) : m[1] === '*' || m[3] !== undefined ? max : from;
    const step = m[3] !== undefined ? Number(m[3]) : 1;
    if (from > max || to > max || step < 1) throw new Error(`${what} out of range in OnCalendar=${expr}`);
    for (let v = from; v <= to; v += step) out.add(v);
  }
  return [...out].sort((a, b) => a - b);
}

/** The next `count` elapses strictly after `from`, in UTC. */
export function onCalendarTimes(expr: string, from: Date, count: number): number[] {
  const m = /^(?:\*-\*-\*\s+)?([^:\s]+):([^:\s]+)(?::([^:\s]+))?$/.exec(expr.trim());
  if (!m) throw new Error(`unsupported OnCalendar=${expr}: only *-*-* HH:MM[:SS] is read here`);
  const hours = field(m[1] ?? '', 23, 'hour', expr);
  const minutes = field(m[2] ?? '', 59, 'minute', expr);
  const seconds = field(m[3] ?? '00', 59, 'second', expr);
  const out: number[] = [];
  const day0 = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate());
  for (let day = day0; out.length < count; day += 86_400_000) {
    for (const h of hours)
      for (const mi of minutes)
        for (const s of seconds) {
          const t = day + ((h * 60 + mi) * 60 + s) * 1000;
          if (t > from.getTime() && out.length < count) out.push(t);
        }
  }
  return out;
}
