import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { stateFieldSpec } from './model-output.js';

const frontMatterSchema = z.strictObject({
  default: z.boolean().default(false),
  aliases: z.array(z.string().min(1)).default([]),
  model: z.string().min(1).optional(),
  budget_ms: z.int().min(100).max(9500).optional(),
  max_steps: z.int().min(1).max(16).default(4),
  tools: z.array(z.string().min(1)).default([]),
  state: z.record(z.string().min(1), stateFieldSpec).default({}),
});

export type PromptFile = Readonly<{
  id: string;
  path: string;
  settings: z.infer<typeof frontMatterSchema>;
  prompt: string;
}>;

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

/**
 * Reads one prompt file: YAML front matter with the assistant's settings,
 * then the prompt itself. The file name (without `.md`) is the assistant id.
 */
export async function readPromptFile(path: string): Promise<PromptFile> {
  const text = await readFile(path, 'utf8');
  const match = FRONT_MATTER.exec(text);
  const yaml = match?.[1] ?? '';
  const prompt = (match ? text.slice(match[0].length) : text).trim();

  if (!prompt) throw new Error(`${path}: the prompt is empty`);

  const parsed = frontMatterSchema.safeParse(parseYaml(yaml) ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || 'front matter';
    throw new Error(`${path}: ${where}: ${issue?.message}`);
  }

  const id = basename(path, extname(path));
  return { id, path, settings: parsed.data, prompt };
}
