/**
 * Where JSON text first goes wrong, as line and column. Node 20's JSON.parse names no position,
 * and "Unexpected token }" alone does not find a trailing comma in a long config file.
 */
export interface JsonProblem {
  line: number;
  column: number;
  problem: string;
}

class Stop extends Error {
  constructor(
    readonly offset: number,
    readonly problem: string,
  ) {
    super(problem);
  }
}

function scan(text: string): void {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && ' \t\r\n'.includes(text[i] as string)) i++;
  };
  const what = (): string => (i >= text.length ? 'the end of the file' : `'${text[i]}'`);
  const expect = (wanted: string): never => {
    throw new Stop(i, `expected ${wanted}, found ${what()}`);
  };
  const literal = (word: string): void => {
    if (text.startsWith(word, i)) i += word.length;
    else expect('a value');
  };
  const string = (): void => {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text.charCodeAt(i) < 0x20) throw new Stop(i, 'a line break or control character inside a string');
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) i += 4;
        else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) throw new Stop(i - 1, 'a bad escape in a string');
      }
      i++;
    }
    if (i >= text.length) throw new Stop(i, 'a string that never ends');
    i++;
  };
  const number = (): void => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m) expect('a value');
    i += (m as RegExpExecArray)[0].length;
  };
  const list = (close: string, entry: () => void): void => {
    i++;
    ws();
    if (text[i] === close) {
      i++;
      return;
    }
    for (;;) {
      entry();
      ws();
      if (text[i] === ',') {
        const comma = i++;
        ws();
        // Trailing commas are the commonest slip in hand-edited JSON: name them.
        if (text[i] === close) throw new Stop(comma, `a comma before '${close}' (JSON allows no trailing comma)`);
        continue;
      }
      if (text[i] === close) {
        i++;
        return;
      }
      expect(`',' or '${close}'`);
    }
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      list('}', () => {
        if (text[i] !== '"') expect('a "quoted" key');
        string();
        ws();
        if (text[i] !== ':') expect("':'");
        i++;
        value();
      });
    } else if (c === '[') list(']', value);
    else if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else number();
  };
  value();
  ws();
  if (i < text.length) throw new Stop(i, `more after the value: ${what()}`);
}

/** The first problem in `text`, or undefined when it is valid JSON. */
export function findJsonProblem(text: string): JsonProblem | undefined {
  try {
    scan(text);
    return undefined;
  } catch (err) {
    if (!(err instanceof Stop)) throw err;
    const before = text.slice(0, err.offset);
    const line = before.split('\n').length;
    return { line, column: err.offset - before.lastIndexOf('\n'), problem: err.problem };
  }
}
