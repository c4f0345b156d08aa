import type { z } from 'zod';
import type { Config } from '../config/config.js';

/** Any value that survives a round trip through JSON. */
export type Json =
  string | number | boolean | null | Json[] | { [key: string]: Json };

/** The call's state as the platform persists it between turns. */
export type State = Record<string, Json>;

/** What a tool sees while it runs. */
export type ToolContext = Readonly<{
  /** The state as it stands when this call starts. */
  state: Readonly<State>;
  /** Aborted when the tool's own timeout or the turn's budget runs out. */
  signal: AbortSignal;
  callId: string;
  turn: Readonly<{ callId: string; assistantId: string; timestamp: string }>;
  /**
   * The same for this call however often the turn is delivered or retried;
   * a tool that changes something passes it on so the change happens once.
   */
  idempotencyKey: string;
}>;

/**
 * What a tool gives back. `result` goes to the model; `patch` and `remove`
 * change the call's state, and only for keys the tool declares in `writes`.
 */
export type ToolOutcome = Readonly<{
  result: Json;
  patch?: State;
  remove?: readonly string[];
}>;

/**
 * Whether a tool only reads or may change something. Reads of one step run in
 * parallel; changes run one at a time, in the order the model asked for them.
 */
export type ToolEffect = 'read' | 'write';

export type ToolDefinition<Args extends z.ZodObject = z.ZodObject> = Readonly<{
  name: string;
  description: string;
  parameters: Args;
  effect: ToolEffect;
  /** State keys this tool may set or remove; the model can never write them. */
  writes?: readonly string[];
  /** Returns why the tool may not run on this state, or nothing when it may. */
  requires?(state: Readonly<State>): string | undefined;
  timeoutMs?: number;
  run(args: z.output<Args>, context: ToolContext): Promise<ToolOutcome>;
}>;

/** Declares one tool; the identity function that keeps its types together. */
export function defineTool<Args extends z.ZodObject>(
  tool: ToolDefinition<Args>,
): ToolDefinition<Args> {
  return tool;
}

/** What a toolkit's `open` receives: the configuration, read once. */
export type ToolkitContext = Readonly<{ config: Config }>;

/**
 * A group of tools sharing one backend (the example bank, say). `open` runs
 * once at startup; `close` when the process stops. `ready`, when given, says
 * what is wrong with the backend (`undefined` when nothing is), for `/readyz`.
 */
export type Toolkit<Backend = unknown> = Readonly<{
  name: string;
  open: (context: ToolkitContext) => Backend | Promise<Backend>;
  tools: (backend: Backend) => readonly ToolDefinition[];
  ready?: (backend: Backend) => string | undefined;
  close?: (backend: Backend) => void | Promise<void>;
}>;

export function defineToolkit<Backend>(
  toolkit: Toolkit<Backend>,
): Toolkit<Backend> {
  return toolkit;
}
