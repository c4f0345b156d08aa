import { describe, expect, it } from 'vitest';
import { TurnBudget, workDeadline } from '../../src/turn/turn-budget.js';

describe('workDeadline', () => {
  it('keeps 100 ms of a long budget for writing the answer', () => {
    expect(workDeadline(1000, 8000)).toBe(1000 + 7900);
  });

  it('keeps a tenth of a short budget', () => {
    expect(workDeadline(0, 400)).toBe(360);
  });
});

describe('TurnBudget', () => {
  it('counts what is left up to the work deadline, not the budget', () => {
    const budget = new TurnBudget(1500, performance.now());

    expect(budget.remainingMs()).toBeLessThanOrEqual(1400);
    expect(budget.remainingMs()).toBeGreaterThan(1300);
  });

  it('aborts its signal once, with the first reason', () => {
    const budget = new TurnBudget(1000);
    const first = new Error('first');

    budget.release(first);
    budget.release(new Error('second'));

    expect(budget.signal.aborted).toBe(true);
    expect(budget.signal.reason).toBe(first);
  });
});
