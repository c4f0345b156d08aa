import type { TurnObserver } from '../turn/turn-observer.js';

type Interval = Readonly<{ start: number; end: number }>;

/**
 * Collects where a turn's time went, for the `Server-Timing` header: time in
 * model calls, time in tools, and the total. Tools that ran side by side
 * count once, so the parts never add up to more than the wall clock.
 */
export class ServerTiming {
  private readonly model: Interval[] = [];
  private readonly tools: Interval[] = [];

  readonly observer: TurnObserver = {
    modelCall: ({ record }) => this.model.push(endingNow(record.durationMs)),
    toolCall: ({ record }) => this.tools.push(endingNow(record.durationMs)),
  };

  header(totalMs: number): string {
    return [
      metric('model', 'model calls', covered(this.model)),
      metric('tools', 'tool calls', covered(this.tools)),
      metric('total', 'whole turn', totalMs),
    ].join(', ');
  }
}

/** `total` alone, for an answer that ran no turn (a refused request). */
export function totalOnly(startedAt: number): string {
  return metric('total', 'whole request', performance.now() - startedAt);
}

function endingNow(durationMs: number): Interval {
  const end = performance.now();
  return { start: end - durationMs, end };
}

// The length of the union of the intervals.
function covered(intervals: readonly Interval[]): number {
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  let total = 0;
  let reach = -Infinity;

  for (const { start, end } of sorted) {
    if (end <= reach) continue;
    total += end - Math.max(start, reach);
    reach = end;
  }
  return total;
}

function metric(name: string, description: string, ms: number): string {
  return `${name};desc="${description}";dur=${Math.round(ms * 10) / 10}`;
}
