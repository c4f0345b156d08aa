/** A check that passes with `undefined`, or says what is wrong. */
export type ReadinessCheck = () => string | undefined;

export type ReadinessReport = Readonly<{
  ready: boolean;
  checks: Readonly<Record<string, string>>;
}>;

/**
 * Whether this process should get traffic: every check passes and it is not
 * shutting down. A load balancer reads it through `GET /readyz`.
 */
export class Readiness {
  private stopping = false;

  constructor(
    private readonly checks: Readonly<Record<string, ReadinessCheck>> = {},
  ) {}

  /** From now on the process is not ready: it is draining its turns. */
  markStopping(): void {
    this.stopping = true;
  }

  get isStopping(): boolean {
    return this.stopping;
  }

  report(): ReadinessReport {
    const checks: Record<string, string> = {};
    let ready = true;

    for (const [name, check] of Object.entries(this.checks)) {
      const problem = safely(check);
      checks[name] = problem ?? 'ok';
      if (problem !== undefined) ready = false;
    }
    checks.shutdown = this.stopping ? 'shutting down' : 'ok';

    return { ready: ready && !this.stopping, checks };
  }
}

function safely(check: ReadinessCheck): string | undefined {
  try {
    return check();
  } catch (error: unknown) {
    return error instanceof Error ? error.message : String(error);
  }
}
