import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';

const START_HINT =
  "start one with `redis-server --port 6390 --save '' --daemonize yes` " +
  '(Debian: `apt-get install -y redis-server`), or point TEST_REDIS_URL at ' +
  'one; `.ci/run` installs and starts it';

/**
 * The Redis the replica tests share. `.ci/run` starts it and sets
 * `TEST_REDIS_URL`; locally the same port is the default.
 */
export const TEST_REDIS_URL =
  process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6390';

/** Fails with how to start Redis when nothing answers at `url`. */
export async function requireRedis(url: string = TEST_REDIS_URL) {
  if (await pings(url)) return;

  throw new Error(`no Redis answers at ${url}: ${START_HINT}`);
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
