import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Config } from '../config/config.js';
import type { Toolkit, ToolDefinition } from './tool.js';

/** The tools of every toolkit, by name, and a way to close their backends. */
export type LoadedTools = Readonly<{
  tools: ReadonlyMap<string, ToolDefinition>;
  /** What is wrong with the toolkits' backends, or `undefined`. */
  problems: () => string | undefined;
  close: () => Promise<void>;
}>;

// Beside `src/` when run from source, beside `dist/src/` when built, so the
// same relative step finds the tools in both.
const TOOLS_DIR = fileURLToPath(new URL('../../tools/', import.meta.url));
const ENTRY = import.meta.url.endsWith('.ts') ? 'index.ts' : 'index.js';

/** Imports each `tools/<group>/index` module, opens its backend once. */
export async function loadToolkits(
  config: Config,
  toolsDir = TOOLS_DIR,
): Promise<LoadedTools> {
  const toolkits = await importToolkits(toolsDir);
  const tools = new Map<string, ToolDefinition>();
  const closers: Array<() => void | Promise<void>> = [];
  const checks: Array<() => string | undefined> = [];

  for (const toolkit of toolkits) {
    const backend = await toolkit.open({ config });
    closers.push(() => toolkit.close?.(backend));
    checks.push(() => {
      const problem = toolkit.ready?.(backend);
      return problem && `${toolkit.name}: ${problem}`;
    });

    for (const tool of toolkit.tools(backend)) {
      if (tools.has(tool.name)) {
        throw new Error(
          `tool "${tool.name}" is defined twice (${toolkit.name})`,
        );
      }
      tools.set(tool.name, tool);
    }
  }

  const close = async () => {
    for (const closeOne of closers.reverse()) await closeOne();
  };
  const problems = () =>
    checks
      .map((check) => check())
      .filter(Boolean)
      .join('; ') || undefined;
  return { tools, problems, close };
}

async function importToolkits(toolsDir: string): Promise<Toolkit[]> {
  const entries = await readdir(toolsDir, { withFileTypes: true });
  const groups = entries.filter((entry) => entry.isDirectory());
  const toolkits: Toolkit[] = [];

  for (const group of groups) {
    const file = join(toolsDir, group.name, ENTRY);
    const module = (await import(pathToFileURL(file).href)) as {
      default?: Toolkit;
    };

    if (!module.default?.open || !module.default.tools) {
      throw new Error(`${file}: expected a default export from defineToolkit`);
    }
    toolkits.push(module.default);
  }

  return toolkits;
}
