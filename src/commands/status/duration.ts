import { InvalidArgumentError } from 'commander';

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000 };

/** `--max-age`: a number and a unit, as systemd and Prometheus write durations: 90s, 30m, 2h, 1d, 1h30m. */
export function durationMs(text: string): number {
  const parts = [...text.trim().matchAll(/(\d+(?:\.\d+)?)\s*(min|s|m|h|d)/g)];
  const whole = parts.map((p) => p[0]).join('');
  if (parts.length === 0 || whole.replace(/\s/g, '') !== text.replace(/\s/g, '')) {
    throw new InvalidArgumentError('expected a duration such as 90m, 2h, 1d or 1h30m');
  }
  const ms = parts.reduce((sum, p) => sum + Number(p[1]) * (UNIT_MS[p[2] ?? ''] ?? 0), 0);
  if (ms <= 0) throw new InvalidArgumentError('expected a duration longer than zero');
  return ms;
}

/** A duration as an operator reads it: 45 s, 30 min, 3 h 5 min, 2 days 4 h. */
export function durationText(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 90) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 120) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return min % 60 ? `${h} h ${min % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} days ${h % 24} h` : `${d} days`;
}
