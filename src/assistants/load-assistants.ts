import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config/config.js';
import type { Assistant, ToolSpec } from './assistant.js';
import { buildModelOutput } from './model-output.js';
import { readPromptFile, type PromptFile } from './prompt-file.js';
import { toStrictJsonSchema } from './strict-json-schema.js';
import type { ToolDefinition } from './tool.js';

/**
 * Builds every assistant from `prompts/*.md`, with the tools each one names.
 * Anything inconsistent (an unknown tool, a model-writable key that a tool
 * owns, two defaults) stops the start with a message naming the file.
 */
export async function loadAssistants(
  config: Config,
  tools: ReadonlyMap<string, ToolDefinition>,
): Promise<Assistant[]> {
  const names = (await readdir(config.promptsDir)).filter((name) =>
    name.endsWith('.md'),
  );
  const files = await Promise.all(
    names.sort().map((name) => readPromptFile(join(config.promptsDir, name))),
  );

  if (files.length === 0) {
    throw new Error(`${config.promptsDir}: no prompt files (*.md) found`);
  }

  const assistants = files.map((file) => buildAssistant(file, tools, config));
  assertOneDefault(assistants);
  return assistants;
}

/** One assistant from its prompt file and the tools available to it. */
export function buildAssistant(
  file: PromptFile,
  allTools: ReadonlyMap<string, ToolDefinition>,
  config: Config,
): Assistant {
  const { settings } = file;
  const tools = new Map(settings.tools.map((name) => [name, pick(name)]));

  function pick(name: string): ToolDefinition {
    const tool = allTools.get(name);
    if (tool) return tool;

    const known = [...allTools.keys()].join(', ') || 'none';
    throw new Error(`${file.path}: unknown tool "${name}" (known: ${known})`);
  }

  assertModelKeysFree(file, [...tools.values()]);

  return {
    id: file.id,
    aliases: settings.aliases,
    isDefault: settings.default,
    prompt: file.prompt,
    model: settings.model ?? config.openai.model,
    budgetMs: settings.budget_ms ?? config.turnBudgetMs,
    maxSteps: settings.max_steps,
    tools,
    toolSpecs: [...tools.values()].map((tool) => toToolSpec(tool)),
    ...buildModelOutput(settings.state, file.path),
  };
}

function toToolSpec(tool: ToolDefinition): ToolSpec {
  return {
    name: tool.name,
    description: tool.description,
    parameters: toStrictJsonSchema(tool.parameters, `tool ${tool.name}`),
  };
}

// A key a tool writes carries what the tool vouches for (a verified caller, a
// pending transfer); letting the model write it too would let it forge that.
function assertModelKeysFree(file: PromptFile, tools: ToolDefinition[]) {
  for (const tool of tools) {
    const clash = (tool.writes ?? []).find((key) => key in file.settings.state);
    if (clash === undefined) continue;

    throw new Error(
      `${file.path}: state key "${clash}" is written by tool "${tool.name}"; ` +
        'the model may not write it too',
    );
  }
}

function assertOneDefault(assistants: Assistant[]) {
  const defaults = assistants.filter((assistant) => assistant.isDefault);
  if (defaults.length <= 1) return;

  const ids = defaults.map((assistant) => assistant.id).join(', ');
  throw new Error(`more than one default assistant: ${ids}`);
}
