/**
 * Characters that must not reach a terminal or a line-oriented log as themselves: C0 controls
 * (line breaks, ESC), DEL, C1 controls (NEL, CSI), the Unicode line and paragraph separators, and
 * the bidirectional marks, embeddings, overrides and isolates that reorder what a reader sees
 * ("Trojan Source", CVE-2021-42574). SKUs, order ids, titles and error texts come from the remote
 * systems, so any of them may carry one.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function hex(c: string, width: number): string {
  return c.charCodeAt(0).toString(16).padStart(width, '0');
}

/**
 * Text shown as text: every unsafe character becomes a visible escape (`\n`, `\x1b`, `\u202e`), so
 * one log record stays one line and nothing acts on the terminal.
 */
export function safeText(text: string): string {
  return text.replace(UNSAFE, (c) => NAMED[c] ?? (c.charCodeAt(0) <= 0xff ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`));
}

/**
 * A JSON text with the same characters as `\uXXXX` escapes: still the same JSON value (they can
 * only occur inside strings), but JSON.stringify leaves DEL, C1, U+2028/2029 and the bidi controls
 * raw, and readers that split lines on U+2028 or show the text on a terminal would act on them.
 */
export function safeJson(json: string): string {
  return json.replace(UNSAFE, (c) => `\\u${hex(c, 4)}`);
}
