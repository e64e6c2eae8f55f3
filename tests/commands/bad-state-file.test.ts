import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SCHEMA_VERSION } from '../../src/state';
import { testWorld, type TestWorld } from '../helpers/world-run';

/**
 * A state file that cannot be used: each case names the file and what is wrong with it, exits with
 * the documented code, leaves the file as it was, and sends nothing to either system.
 */
let w: TestWorld;
/** A sound state file from one real run, copied into each case's folder. */
let sound: Buffer;
beforeAll(async () => {
  w = await testWorld({ seed: 62, orders: 12 });
  expect((await w.run(['pull-orders'])).code).toBe(0);
  sound = fs.readFileSync(w.stateFile);
});
afterAll(() => w.close());

function folderWith(stateDb: string, bytes?: Buffer): { dir: string; config: string; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bad-state-'));
  const config = w.writeConfig(dir, (c) => (c.stateDb = stateDb));
  const file = path.resolve(dir, stateDb);
  if (bytes) fs.writeFileSync(file, bytes, { mode: 0o600 });
  return { dir, config, file };
}

const contents = (file: string): string | undefined =>
  fs.existsSync(file) && fs.statSync(file).isFile() ? fs.readFileSync(file).toString('base64') : undefined;

async function runs(config: string, argv: string[]): Promise<{ code: number; err: string; requests: number }> {
  const before = w.amazon.requests.length + w.allocadence.requests.length;
  const r = await w.run(['--config', config, ...argv]);
  return { code: r.code, err: r.err, requests: w.amazon.requests.length + w.allocadence.requests.length - before };
}

function futureSchema(): Buffer {
  const { file } = folderWith('./future.sqlite', sound);
  const db = new Database(file);
  db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
  db.close();
  return fs.readFileSync(file);
}

const randomBytes = (): Buffer => Buffer.from(Array.from({ length: 16_384 }, (_, i) => (i * 7919 + 13) % 251));

test.each<[string, () => { stateDb: string; bytes?: Buffer }, RegExp]>([
  [
    'random bytes',
    () => ({ stateDb: './alloc-amazon.sqlite', bytes: randomBytes() }),
    /state file .*alloc-amazon\.sqlite is damaged or not a SQLite database \(file is not a database\); restore it from a backup, or move it aside/,
  ],
  [
    'a truncated file',
    () => ({ stateDb: './alloc-amazon.sqlite', bytes: sound.subarray(0, Math.floor(sound.length / 3)) }),
    /state file .*alloc-amazon\.sqlite is damaged or not a SQLite database/,
  ],
  [
    'a newer schema version',
    () => ({ stateDb: './alloc-amazon.sqlite', bytes: futureSchema() }),
    new RegExp(`schema version ${SCHEMA_VERSION + 1}, newer than this program knows`),
  ],
  [
    'a folder that does not exist',
    () => ({ stateDb: './no-such-folder/state.sqlite' }),
    /state file .*no-such-folder\/state\.sqlite: the folder .*no-such-folder does not exist \(create it, or correct \\"stateDb\\" in the config\)/,
  ],
])('%s: exit 2, named, untouched, nothing sent', async (_name, make, message) => {
  const { stateDb, bytes } = make();
  const { dir, config, file } = folderWith(stateDb, bytes);
  const before = contents(file);
  for (const argv of [['pull-orders'], ['--dry-run', 'push-stock'], ['status']]) {
    const r = await runs(config, argv);
    expect({ argv, code: r.code, err: r.err, requests: r.requests }).toEqual({
      argv,
      code: 2,
      err: expect.stringMatching(message),
      requests: 0,
    });
    expect(r.err).not.toMatch(/unexpected error|SqliteError/);
  }
  expect(contents(file)).toEqual(before);
  // SQLite may leave an empty -wal and an -shm beside a WAL-mode file it only read.
  const left = fs.readdirSync(dir).filter((f) => !['.env', 'config.json', path.basename(file)].includes(f));
  for (const f of left)
    expect([f, f.endsWith('-wal') ? fs.statSync(path.join(dir, f)).size : 0]).toEqual([expect.stringMatching(/-(wal|shm)$/), 0]);
  expect(fs.existsSync(file)).toBe(Boolean(bytes));
});

test('a state path that is a directory: exit 2, named', async () => {
  const { config, file } = folderWith('./state-dir');
  fs.mkdirSync(file);
  const r = await runs(config, ['pull-items']);
  expect(r).toEqual({
    code: 2,
    err: expect.stringMatching(/state file .*state-dir is a directory \(correct \\"stateDb\\" in the config\)/),
    requests: 0,
  });
});

const root = process.getuid?.() === 0;
(root ? test.skip : test)('an unreadable state file (skipped as root: chmod 000 does not stop root reading)', async () => {
  const { config, file } = folderWith('./alloc-amazon.sqlite', sound);
  fs.chmodSync(file, 0o000);
  const r = await runs(config, ['pull-orders']);
  expect(r).toEqual({
    code: 2,
    err: expect.stringMatching(/state file .* cannot be opened .* readable and writable by the user cron runs as/),
    requests: 0,
  });
});

/** Another process opens the state file and keeps a write transaction open until killed. */
async function holdWriteTransaction(file: string): Promise<() => Promise<void>> {
  const script = `
    const db = new (require('better-sqlite3'))(process.argv[1]);
    db.exec('BEGIN IMMEDIATE');
    db.prepare("UPDATE checkpoints SET value = 'held by another process'").run();
    process.stdout.write('holding\\n');
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['-e', script, file], { cwd: path.join(__dirname, '../..'), stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => d.toString().includes('holding') && resolve());
    child.on('exit', (code) => reject(new Error(`the holder exited early (${code})`)));
  });
  return () =>
    new Promise<void>((resolve) => {
      child.removeAllListeners('exit');
      child.on('exit', () => resolve());
      child.kill('SIGKILL');
    });
}

test('busy: another process holds a write transaction: exit 75 after the busy wait, nothing sent; the next run goes ahead', async () => {
  const { config, file } = folderWith('./alloc-amazon.sqlite', sound);
  const release = await holdWriteTransaction(file);
  let held;
  try {
    held = await runs(config, ['pull-orders']);
  } finally {
    await release();
  }
  expect(held).toEqual({
    code: 75,
    err: expect.stringMatching(
      /state file .*alloc-amazon\.sqlite is busy: another process has held a write transaction on it for more than 5 s/,
    ),
    requests: 0,
  });
  const db = new Database(file, { readonly: true });
  expect(db.prepare('SELECT value FROM checkpoints').all()).not.toContainEqual({ value: 'held by another process' });
  db.close();
  expect((await runs(config, ['pull-orders'])).code).toBe(0);
}, 60_000);
