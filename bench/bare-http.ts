/**
 * The least CPU an HTTP exchange costs on this machine: Node's own client on kept-alive
 * connections, `concurrency` GETs in flight, each answer parsed as JSON, nothing else. Run in a
 * process of its own against the same slowed warehouse as pull-items' first run, it is the floor
 * that run's CPU per request can be held against. Prints its CPU time (user + system) as JSON.
 *
 * Usage: node bare-http.js <url> <requests> <concurrency>, with BARE_HTTP_AUTH the Authorization value.
 */
import http from 'node:http';

async function main(): Promise<void> {
  const [url, count, concurrency] = process.argv.slice(2);
  const target = new URL(url ?? '');
  const total = Number(count);
  const agent = new http.Agent({ keepAlive: true });
  const headers = { authorization: process.env.BARE_HTTP_AUTH ?? '', accept: 'application/json' };
  const one = (): Promise<void> =>
    new Promise((resolve, reject) => {
      http
        .get(target, { agent, headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            JSON.parse(Buffer.concat(chunks).toString('utf8'));
            resolve();
          });
          res.on('error', reject);
        })
        .on('error', reject);
    });
  let started = 0;
  const worker = async (): Promise<void> => {
    while (started < total) {
      started++;
      await one();
    }
  };
  const before = process.cpuUsage();
  await Promise.all(Array.from({ length: Number(concurrency) }, worker));
  const used = process.cpuUsage(before);
  process.stdout.write(`${JSON.stringify({ requests: total, cpuS: (used.user + used.system) / 1e6 })}\n`);
  agent.destroy();
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
