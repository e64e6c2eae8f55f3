import fs from 'node:fs';
import path from 'node:path';
import { findJsonProblem } from '../../src/config/json-position';

test.each([
  fs.readFileSync(path.join(__dirname, '../../config.example.json'), 'utf8'),
  '{"a": [], "b": {}, "c": [{"d": null}], "e": -0.5e+10, "f": "\\u00e9\\n\\"", "g": true, "h": false}',
  '  \n[1, 2.25, -3, 4E2, "x"]\n',
  '"just a string"',
])('finds nothing wrong in valid JSON (%#)', (text) => {
  expect(() => JSON.parse(text) as unknown).not.toThrow();
  expect(findJsonProblem(text)).toBeUndefined();
});

test.each<[string, string, { line: number; column: number; problem: string }]>([
  [
    'a trailing comma in a list',
    '{\n  "a": [1, 2,]\n}',
    { line: 2, column: 13, problem: "a comma before ']' (JSON allows no trailing comma)" },
  ],
  ['a missing comma', '{\n  "a": 1\n  "b": 2\n}', { line: 3, column: 3, problem: "expected ',' or '}', found '\"'" }],
  ['a comment', '{\n  // the seller\n  "a": 1\n}', { line: 2, column: 3, problem: 'expected a "quoted" key, found \'/\'' }],
  ['single quotes', "{'a': 1}", { line: 1, column: 2, problem: "expected a \"quoted\" key, found '''" }],
  ['a line break in a string', '{"a": "x\ny"}', { line: 1, column: 9, problem: 'a line break or control character inside a string' }],
  ['a bad escape', '{"a": "C:\\temp\\x"}', { line: 1, column: 15, problem: 'a bad escape in a string' }],
  ['a string never closed', '{"a": "x', { line: 1, column: 9, problem: 'a string that never ends' }],
  ['a misspelt literal', '{"a": ture}', { line: 1, column: 7, problem: "expected a value, found 't'" }],
  ['two values', '{} {}', { line: 1, column: 4, problem: "more after the value: '{'" }],
])('%s', (_name, text, where) => {
  expect(() => JSON.parse(text) as unknown).toThrow();
  expect(findJsonProblem(text)).toEqual(where);
});
