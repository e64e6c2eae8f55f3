/**
 * A strict reader of Prometheus' text exposition format (version 0.0.4), enough to read back what
 * `status --format prometheus` writes: every line must be a HELP, a TYPE or a sample, a family's
 * HELP and TYPE come before its samples, names and label names follow the grammar, label values
 * use only the three escapes the format has. Throws on the first line that does not fit.
 */
export interface Family {
  help: string;
  type: string;
  samples: { labels: Record<string, string>; value: number }[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)"/y;

function labelsOf(text: string, line: string): Record<string, string> {
  const labels: Record<string, string> = {};
  let at = 0;
  while (at < text.length) {
    LABEL.lastIndex = at;
    const m = LABEL.exec(text);
    if (!m) throw new Error(`bad labels in: ${line}`);
    const [, key = '', raw = ''] = m;
    if (key in labels) throw new Error(`label ${key} twice in: ${line}`);
    labels[key] = raw.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    at = LABEL.lastIndex;
    if (at < text.length) {
      if (text[at] !== ',') throw new Error(`expected , in: ${line}`);
      at++;
    }
  }
  return labels;
}

export function parseExposition(text: string): Map<string, Family> {
  if (!text.endsWith('\n')) throw new Error('the text must end with a line feed');
  const families = new Map<string, Family>();
  for (const line of text.slice(0, -1).split('\n')) {
    const meta = /^# (HELP|TYPE) (\S+) (.*)$/.exec(line);
    if (meta) {
      const [, kind, name = '', rest = ''] = meta;
      if (!NAME.test(name)) throw new Error(`bad metric name: ${line}`);
      const f = families.get(name) ?? { help: '', type: '', samples: [] };
      if (f.samples.length) throw new Error(`${kind} after samples: ${line}`);
      if (kind === 'HELP') f.help = rest;
      else if (['counter', 'gauge', 'histogram', 'summary', 'untyped'].includes(rest)) f.type = rest;
      else throw new Error(`bad type: ${line}`);
      families.set(name, f);
      continue;
    }
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!sample) throw new Error(`not a sample: ${JSON.stringify(line)}`);
    const [, name = '', labels = '', value = ''] = sample;
    const f = families.get(name);
    if (!f?.type) throw new Error(`sample before its TYPE: ${line}`);
    const n = Number(value);
    if (Number.isNaN(n) && value !== 'NaN') throw new Error(`bad value: ${line}`);
    f.samples.push({ labels: labelsOf(labels, line), value: n });
  }
  return families;
}
