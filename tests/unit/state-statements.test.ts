import { openState } from '../../src/state';
import { atomically, statement } from '../../src/state/statements';

describe('statements prepared once per connection', () => {
  it('gives the same statement for the same text on one connection, and its own to another', () => {
    const a = openState(':memory:');
    const b = openState(':memory:');
    try {
      const sql = 'SELECT ? + 1 AS n';
      expect(statement(a, sql)).toBe(statement(a, sql));
      expect(statement(b, sql)).not.toBe(statement(a, sql));
      expect(statement(a, sql).get(1)).toEqual({ n: 2 });
      expect(statement(a, sql).get(41)).toEqual({ n: 42 });
    } finally {
      a.close();
      b.close();
    }
  });

  it('sees the schema as it is now: a table made after a statement was kept is read by the next one', () => {
    const db = openState(':memory:');
    try {
      db.exec('CREATE TABLE t (v TEXT)');
      statement(db, 'INSERT INTO t (v) VALUES (?)').run('x');
      db.exec('ALTER TABLE t ADD COLUMN w TEXT');
      statement(db, 'INSERT INTO t (v) VALUES (?)').run('y');
      expect(statement(db, 'SELECT v, w FROM t ORDER BY v').all()).toEqual([
        { v: 'x', w: null },
        { v: 'y', w: null },
      ]);
    } finally {
      db.close();
    }
  });
});

describe('atomically', () => {
  it('commits the whole body, or none of it when it throws; nested, the inner part is undone alone', () => {
    const db = openState(':memory:');
    try {
      db.exec('CREATE TABLE t (v TEXT)');
      const put = (v: string): void => void statement(db, 'INSERT INTO t (v) VALUES (?)').run(v);
      atomically(db, () => {
        put('a');
        put('b');
      });
      expect(() =>
        atomically(db, () => {
          put('c');
          throw new Error('stop');
        }),
      ).toThrow('stop');
      atomically(db, () => {
        put('d');
        try {
          atomically(db, () => {
            put('e');
            throw new Error('inner');
          });
        } catch {
          // the outer transaction goes on without the inner part
        }
      });
      expect(statement(db, 'SELECT v FROM t ORDER BY v').all()).toEqual([{ v: 'a' }, { v: 'b' }, { v: 'd' }]);
      expect(db.inTransaction).toBe(false);
    } finally {
      db.close();
    }
  });
});
