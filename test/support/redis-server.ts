import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';

const START_HINT =
  'install redis-server (Debian: `apt-get install -y redis-server`), or ' +
  'point TEST_REDIS_URL at a running Redis; `.ci/run` installs it';

/**
 * A Redis for tests that share one: the one `TEST_REDIS_URL` names, else a
 * `redis-server` of the test's own, so `npm test` needs only the binary.
 */
export async function redisForTests(): Promise<
  Readonly<{ url: string; stop: () => Promise<void> }>
> {
  const given = process.env.TEST_REDIS_URL;
  if (given) {
    if (!(await pings(given))) {
      throw new Error(`no Redis answers at ${given}: ${START_HINT}`);
    }
    return { url: given, stop: async () => {} };
  }

  const own = await startRedisServer();
  return { url: own.url, stop: own.kill };
}

export type RedisProcess = Readonly<{
  url: string;
  /** Kills the server at once, as a crash would. */
  kill: () => Promise<void>;
  /** Starts it again on the same port, empty. */
  restart: () => Promise<void>;
}>;

/** A `redis-server` of the test's own, on a free port, that it may kill. */
export async function startRedisServer(): Promise<RedisProcess> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child = await launch(port, url);

  return {
    url,
    kill: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
    restart: async () => {
      child = await launch(port, url);
    },
  };
}

async function launch(port: number, url: string): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const failed = new Promise<Error>((resolve) =>
    child.once('error', (err) =>
      resolve(
        new Error(`could not run redis-server (${err.message}): ${START_HINT}`),
      ),
    ),
  );

  for (let attempt = 0; attempt < 100; attempt++) {
    const outcome = await Promise.race([failed, sleep(50)]);
    if (outcome instanceof Error) throw outcome;
    if (await pings(url)) return child;
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server on port ${port} did not answer within 5 s`);
}

async function pings(url: string): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 500,
    retryStrategy: () => null,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
