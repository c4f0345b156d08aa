import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createAssistantRegistry } from '../../src/assistants/assistant-registry.js';
import { loadAssistants } from '../../src/assistants/load-assistants.js';
import { defineTool } from '../../src/assistants/tool.js';
import { loadConfig } from '../../src/config/config.js';

const verify = defineTool({
  name: 'verify',
  description: 'Verifies the caller.',
  parameters: z.object({ pin: z.string() }),
  effect: 'write',
  writes: ['authenticated'],
  async run() {
    return { result: 'ok', patch: { authenticated: true } };
  },
});
const tools = new Map([[verify.name, verify]]);

async function promptsDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'prompts-'));
  await Promise.all(
    Object.entries(files).map(([name, text]) =>
      writeFile(join(dir, name), text),
    ),
  );
  return dir;
}

async function load(files: Record<string, string>) {
  const config = loadConfig({
    PROMPTS_DIR: await promptsDir(files),
    TURN_BUDGET_MS: '5000',
  });
  return loadAssistants(config, tools);
}

describe('loadAssistants', () => {
  it('builds an assistant from front matter and prompt', async () => {
    const [assistant] = await load({
      'support.md':
        '---\ndefault: true\naliases: [asst_1]\nbudget_ms: 3000\ntools: [verify]\nstate:\n  topic: string\n---\nBe kind.\n',
    });

    expect(assistant).toMatchObject({
      id: 'support',
      aliases: ['asst_1'],
      isDefault: true,
      prompt: 'Be kind.',
      budgetMs: 3000,
      maxSteps: 4,
    });
    expect(assistant?.toolSpecs.map((spec) => spec.name)).toEqual(['verify']);
  });

  it('takes the budget and model from the configuration when the file is silent', async () => {
    const [assistant] = await load({ 'plain.md': 'Just a prompt.' });

    expect(assistant).toMatchObject({
      budgetMs: 5000,
      model: 'gpt-4o-mini',
      isDefault: false,
    });
  });

  it('refuses an unknown tool and names the known ones', async () => {
    await expect(
      load({ 'a.md': '---\ntools: [transfer]\n---\nHi' }),
    ).rejects.toThrow(/a\.md: unknown tool "transfer" \(known: verify\)/);
  });

  it('refuses a model-writable key that a tool writes', async () => {
    await expect(
      load({
        'a.md':
          '---\ntools: [verify]\nstate:\n  authenticated: boolean\n---\nHi',
      }),
    ).rejects.toThrow(/state key "authenticated" is written by tool "verify"/);
  });

  it('refuses a misspelt setting', async () => {
    await expect(
      load({ 'a.md': '---\ndefualt: true\n---\nHi' }),
    ).rejects.toThrow(/a\.md/);
  });

  it('refuses an empty prompt', async () => {
    await expect(
      load({ 'a.md': '---\ndefault: true\n---\n\n' }),
    ).rejects.toThrow(/the prompt is empty/);
  });

  it('refuses two default assistants', async () => {
    const both = '---\ndefault: true\n---\nHi';
    await expect(load({ 'a.md': both, 'b.md': both })).rejects.toThrow(
      /more than one default assistant: a, b/,
    );
  });

  it('keeps trust keys out of the output schema the model sees', async () => {
    const [assistant] = await load({
      'a.md': '---\ntools: [verify]\nstate:\n  topic: string\n---\nHi',
    });

    const stateSchema = (assistant?.outputJsonSchema.properties as any).state;
    expect(Object.keys(stateSchema.properties)).toEqual(['topic']);
    expect(stateSchema.additionalProperties).toBe(false);
  });
});

describe('createAssistantRegistry', () => {
  it('picks by file name, by alias, and falls back to the default', async () => {
    const registry = createAssistantRegistry(
      await load({
        'bank.md': '---\ndefault: true\n---\nBank',
        'shop.md': '---\naliases: [asst_shop]\n---\nShop',
      }),
    );

    expect(registry.pick('shop')?.id).toBe('shop');
    expect(registry.pick('asst_shop')?.id).toBe('shop');
    expect(registry.pick('asst_unknown')?.id).toBe('bank');
  });

  it('refuses one id naming two assistants', async () => {
    const assistants = await load({
      'a.md': '---\naliases: [b]\n---\nA',
      'b.md': 'B',
    });

    expect(() => createAssistantRegistry(assistants)).toThrow(
      /"b" names both a and b/,
    );
  });
});
