import { assertBuilt, spawnCli } from '../helpers/cli-process';

beforeAll(assertBuilt);

describe('a reader that goes away', () => {
  test('--help into a closed pipe (as into `head`) exits 0 without an EPIPE trace', async () => {
    const { proc, done } = spawnCli(['--help']);
    // Closed before the child writes: its first write meets a pipe with no reader.
    proc.stdout?.destroy();
    const r = await done;
    expect(r.stderr).not.toMatch(/EPIPE|Unhandled 'error' event/);
    expect(r.code).toBe(0);
  });
});
