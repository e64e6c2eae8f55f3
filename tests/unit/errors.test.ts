import vm from 'node:vm';
import { errorMessage } from '../../src/errors';

test('the message of an error made in another realm (as native modules make theirs) is read, not its String()', () => {
  const foreign: unknown = vm.runInNewContext('const e = new Error("file is not a database"); e.name = "SqliteError"; e');
  expect(foreign instanceof Error).toBe(false);
  expect(errorMessage(foreign)).toBe('file is not a database');
  expect(errorMessage(new Error('plain'))).toBe('plain');
  expect(errorMessage('a string')).toBe('a string');
  expect(errorMessage({ message: 42 })).toBe('[object Object]');
});
