import type { z } from 'zod';
import type { ToolDefinition } from './tool.js';

/**
 * One configured assistant: its prompt, the tools it may call, the model and
 * budget it runs with, and the state keys the model itself may write.
 */
export type Assistant = Readonly<{
  id: string;
  /** Extra `assistant_id` values from the platform that pick this assistant. */
  aliases: readonly string[];
  isDefault: boolean;
  /** The static prompt, sent first and unchanged so provider caching applies. */
  prompt: string;
  model: string;
  budgetMs: number;
  maxSteps: number;
  tools: ReadonlyMap<string, ToolDefinition>;
  /** Tool definitions for the model, converted once at startup. */
  toolSpecs: readonly ToolSpec[];
  /** Validates the model's final answer: `{reply, state}`. */
  output: z.ZodType<ModelOutput>;
  /** The same answer as strict JSON Schema, for the provider. */
  outputJsonSchema: Record<string, unknown>;
}>;

export type ToolSpec = Readonly<{
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}>;

/** The model's final answer, once validated. Null state values mean "leave". */
export type ModelOutput = {
  reply: string | null;
  state: Record<string, unknown>;
};
