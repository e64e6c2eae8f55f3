import { submitFeed } from '../../src/amazon/feeds-api';
import { HttpClient, newStats } from '../../src/http/client';
import { DEFAULT_RETRY } from '../../src/http/retry-policy';
import { json, startServer, type RunningServer, type SimRequest } from '../../src/simulator/server';
import { captureLogger } from '../helpers/capture-logger';
import { fakeTime } from '../helpers/fake-time';

let server: RunningServer;
let createFeedCalls: number;
let feedsOnAmazon: { feedId: string; feedType: string; createdTime: string; processingStatus: string }[];
let loseAnswer: boolean;
/** Whether a createFeed that lost its answer had taken effect on Amazon. */
let tookEffect: boolean;

function handle(req: SimRequest) {
  if (req.method === 'POST' && req.path === '/feeds/2021-06-30/documents')
    return json(201, { feedDocumentId: 'doc-1', url: `${server.origin}/upload/doc-1` });
  if (req.method === 'PUT' && req.path === '/upload/doc-1') return { status: 200 };
  if (req.method === 'POST' && req.path === '/feeds/2021-06-30/feeds') {
    createFeedCalls++;
    const feedId = `feed-${createFeedCalls}`;
    if (!loseAnswer || tookEffect)
      feedsOnAmazon.push({ feedId, feedType: 'JSON_LISTINGS_FEED', createdTime: new Date().toISOString(), processingStatus: 'IN_QUEUE' });
    // The feed exists now, but the answer is lost.
    return loseAnswer ? json(500, { errors: [{ code: 'InternalFailure', message: 'lost' }] }) : json(202, { feedId });
  }
  if (req.method === 'GET' && req.path === '/feeds/2021-06-30/feeds') return json(200, { feeds: feedsOnAmazon });
  return json(404, {});
}

beforeAll(async () => {
  server = await startServer((req) => handle(req));
});
afterAll(() => server.close());
beforeEach(() => {
  createFeedCalls = 0;
  feedsOnAmazon = [{ feedId: 'old-feed', feedType: 'JSON_LISTINGS_FEED', createdTime: new Date().toISOString(), processingStatus: 'DONE' }];
  loseAnswer = false;
  tookEffect = true;
});

function client(baseURL: string): HttpClient {
  return new HttpClient({
    system: 'amazon',
    baseURL,
    timeoutMs: 5000,
    retry: DEFAULT_RETRY,
    deps: { ...fakeTime(), random: () => 0, logger: captureLogger().logger },
    stats: newStats(),
    describeError: () => ({}),
  });
}

const input = {
  feedType: 'JSON_LISTINGS_FEED',
  marketplaceId: 'ATVPDKIKX0DER',
  contentType: 'application/json; charset=UTF-8',
  body: '{}',
  isKnown: (id: string) => id === 'old-feed',
  clock: Date.now,
};

test('a createFeed whose answer is lost is looked up, not sent twice', async () => {
  loseAnswer = true;
  const result = await submitFeed(client(server.origin), client(''), input);
  expect(result).toEqual({ feedId: 'feed-1', documentId: 'doc-1' });
  expect(createFeedCalls).toBe(1);
});

test('when Amazon has no such feed, it is sent again (once)', async () => {
  loseAnswer = true;
  tookEffect = false;
  // The second send loses its answer too; the tool then reports the uncertainty instead of looping.
  await expect(submitFeed(client(server.origin), client(''), input)).rejects.toMatchObject({ kind: 'uncertain' });
  expect(createFeedCalls).toBe(2);
});

test('a normal answer needs no look-up', async () => {
  expect(await submitFeed(client(server.origin), client(''), input)).toEqual({ feedId: 'feed-1', documentId: 'doc-1' });
  expect(createFeedCalls).toBe(1);
});
