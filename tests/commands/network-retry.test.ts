import net from 'node:net';
import { allocadenceOrderNumbers, eligibleOrderIds, worldsClosedAfterEach } from '../helpers/world-run';

const world = worldsClosedAfterEach();

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

test('Allocadence refusing connections (restarting) is retried with back-off; once it is up the run completes, exit 0, no wall time', async () => {
  const port = await freePort();
  let target = '';
  const w = await world({ seed: 97, orders: 8, fakeClock: true }, (c) => {
    const a = c.allocadence as { baseUrl: string; legacyBaseUrl: string };
    target = new URL(a.baseUrl).port;
    // The tool talks to a port where nothing listens yet: a relay to the simulator opens there after the second retry.
    a.baseUrl = a.baseUrl.replace(`:${target}/`, `:${port}/`);
    a.legacyBaseUrl = a.legacyBaseUrl.replace(`:${target}/`, `:${port}/`);
  });
  const relay = net.createServer((socket) => {
    const up = net.connect(Number(target), '127.0.0.1');
    socket.pipe(up).pipe(socket);
    socket.on('error', () => up.destroy());
    up.on('error', () => socket.destroy());
  });
  let sleeps = 0;
  const sleep = async (ms: number): Promise<void> => {
    await w.time?.sleep(ms);
    if (++sleeps === 2) await new Promise<void>((resolve) => relay.listen(port, '127.0.0.1', resolve));
  };
  try {
    const started = Date.now();
    const r = await w.run(['--json', 'pull-orders'], { sleep });
    expect(r.code).toBe(0);
    const retries = r.logs.filter((l) => l.msg === 'retrying' && l.status === 'ECONNREFUSED');
    expect(retries.length).toBeGreaterThanOrEqual(2);
    expect(allocadenceOrderNumbers(w)).toEqual(eligibleOrderIds(w));
    expect(Date.now() - started).toBeLessThan(10_000);
  } finally {
    await new Promise<void>((resolve) => relay.close(() => resolve()));
  }
});

test('Allocadence never coming up: exit 3 after the retries, naming the system and the attempts', async () => {
  const port = await freePort();
  const w = await world({ seed: 98, orders: 3, fakeClock: true }, (c) => {
    const a = c.allocadence as { baseUrl: string; legacyBaseUrl: string };
    a.baseUrl = `http://127.0.0.1:${port}/rest`;
    a.legacyBaseUrl = `http://127.0.0.1:${port}/services/rest`;
  });
  const r = await w.run(['pull-orders']);
  expect(r.code).toBe(3);
  expect(r.err).toMatch(/allocadence .*ECONNREFUSED.*gave up after 6 attempts/);
});
