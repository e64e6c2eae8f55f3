import { startAllocadenceSimulator, type AllocadenceSimOptions, type AllocadenceSimulator } from '../../src/simulator/allocadence';

export const CREDS = { apiKey: 'key-1', apiSecret: 'secret-1', secureKey: 'secure-1' };
export const BASIC = `Basic ${Buffer.from('key-1:secret-1').toString('base64')}`;
// 2026-11-27T10:15:00-07:00, the account's local time in the default offset.
export const T0 = Date.parse('2026-11-27T17:15:00Z');

export interface AllocadenceHarness {
  sim: AllocadenceSimulator;
  /** Starts at T0; a test moves it by changing `ms`. */
  clock: { ms: number };
}

/**
 * Registers the afterEach that closes every simulator a test started; call it at the top of a test
 * file. The returned function starts a simulator with CREDS and its own clock.
 */
export function useAllocadenceSims(): (extra?: Partial<AllocadenceSimOptions>) => Promise<AllocadenceHarness> {
  const open: AllocadenceSimulator[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });
  return async (extra = {}) => {
    const clock = { ms: T0 };
    const sim = await startAllocadenceSimulator({ ...CREDS, now: () => clock.ms, ...extra });
    open.push(sim);
    return { sim, clock };
  };
}

export interface AllocadenceAnswer<Body> {
  status: number;
  headers: Headers;
  text: string;
  json: () => Body;
}

export type AllocadenceCall<Body> = (
  sim: AllocadenceSimulator,
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<AllocadenceAnswer<Body>>;

/**
 * A request function whose answers parse as `Body`: each test file names every field its answers
 * may carry, so it can read bodies without casts. Sends BASIC unless `headers` say otherwise.
 */
export function allocadenceCall<Body>(): AllocadenceCall<Body> {
  return async (sim, method, path, body, headers = { authorization: BASIC }) => {
    const res = await fetch(sim.origin + path, {
      method,
      headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) as Body };
  };
}
