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

/** A recursive-descent reader that only checks: it stops at the first thing JSON does not allow. */
class Scanner {
  private i = 0;

  constructor(private readonly text: string) {}

  all(): void {
    this.value();
    this.ws();
    if (this.i < this.text.length) throw new Stop(this.i, `more after the value: ${this.what()}`);
  }

  private ws(): void {
    while (this.i < this.text.length && ' \t\r\n'.includes(this.text[this.i] as string)) this.i++;
  }

  private what(): string {
    return this.i >= this.text.length ? 'the end of the file' : `'${this.text[this.i]}'`;
  }

  private expect(wanted: string): never {
    throw new Stop(this.i, `expected ${wanted}, found ${this.what()}`);
  }

  private literal(word: string): void {
    if (this.text.startsWith(word, this.i)) this.i += word.length;
    else this.expect('a value');
  }

  private string(): void {
    const { text } = this;
    this.i++;
    while (this.i < text.length && text[this.i] !== '"') {
      if (text.charCodeAt(this.i) < 0x20) throw new Stop(this.i, 'a line break or control character inside a string');
      if (text[this.i] === '\\') {
        this.i++;
        if (text[this.i] === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(this.i + 1, this.i + 5))) this.i += 4;
        else if (!'"\\/bfnrt'.includes(text[this.i] ?? 'x')) throw new Stop(this.i - 1, 'a bad escape in a string');
      }
      this.i++;
    }
    if (this.i >= text.length) throw new Stop(this.i, 'a string that never ends');
    this.i++;
  }

  private number(): void {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.i));
    if (!m) this.expect('a value');
    this.i += m[0].length;
  }

  private list(close: string, entry: () => void): void {
    this.i++;
    this.ws();
    if (this.text[this.i] === close) {
      this.i++;
      return;
    }
    for (;;) {
      entry();
      this.ws();
      if (this.text[this.i] === ',') {
        const comma = this.i++;
        this.ws();
        // Trailing commas are the commonest slip in hand-edited JSON: name them.
        if (this.text[this.i] === close) throw new Stop(comma, `a comma before '${close}' (JSON allows no trailing comma)`);
        continue;
      }
      if (this.text[this.i] === close) {
        this.i++;
        return;
      }
      this.expect(`',' or '${close}'`);
    }
  }

  private member(): void {
    if (this.text[this.i] !== '"') this.expect('a "quoted" key');
    this.string();
    this.ws();
    if (this.text[this.i] !== ':') this.expect("':'");
    this.i++;
    this.value();
  }

  private value(): void {
    this.ws();
    const c = this.text[this.i];
    if (c === '{') this.list('}', () => this.member());
    else if (c === '[') this.list(']', () => this.value());
    else if (c === '"') this.string();
    else if (c === 't') this.literal('true');
    else if (c === 'f') this.literal('false');
    else if (c === 'n') this.literal('null');
    else this.number();
  }
}

/** The first problem in `text`, or undefined when it is valid JSON. */
export function findJsonProblem(text: string): JsonProblem | undefined {
  try {
    new Scanner(text).all();
    return undefined;
  } catch (err) {
    if (!(err instanceof Stop)) throw err;
    const before = text.slice(0, err.offset);
    const line = before.split('\n').length;
    return { line, column: err.offset - before.lastIndexOf('\n'), problem: err.problem };
  }
}
