import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export type ServerProcess = Readonly<{
  child: ChildProcess;
  /** Sends a signal to the whole process group (npm and the server alike). */
  signal: (name: NodeJS.Signals) => void;
  output: () => string;
  /** The exit code, once every process holding the pipes has exited. */
  exited: Promise<number | null>;
}>;

const children: ChildProcess[] = [];

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Starts a command with only PATH, HOME and `env`, in its own group. */
export function runProcess(
  command: string,
  args: string[],
  env: Record<string, string>,
  cwd?: string,
): ServerProcess {
  const child = spawn(command, args, {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so a signal reaches npm and the server alike.
    detached: true,
  });
  children.push(child);

  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  // 'close' waits for every process holding the pipes, the server included.
  const exited = new Promise<number | null>((resolve) =>
    child.once('close', resolve),
  );
  const signal = (name: NodeJS.Signals) =>
    process.kill(-(child.pid ?? 0), name);
  return { child, signal, output: () => output, exited };
}

/** Kills whatever a test left running, for `afterAll`. */
export function killProcesses() {
  for (const child of children.splice(0)) {
    try {
      process.kill(-(child.pid ?? 0), 'SIGKILL');
    } catch {
      // The whole group has exited already.
    }
  }
}

/** Waits until the server logs that it listens; fails if it exits first. */
export async function waitForListening(server: ServerProcess) {
  const deadline = Date.now() + 60_000;
  let done = false;
  void server.exited.then(() => (done = true));

  while (!server.output().includes('webhook listening')) {
    if (done) throw new Error(`server exited early:\n${server.output()}`);
    if (Date.now() > deadline)
      throw new Error(`server did not start:\n${server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
