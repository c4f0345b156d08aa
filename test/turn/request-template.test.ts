import { describe, expect, it } from 'vitest';
import { RequestTemplate } from '../../src/turn/request-template.js';
import { echoTool, testAssistant } from '../support/test-assistant.js';

const assistant = testAssistant({ tools: [echoTool()] });
const system = { role: 'system' as const, content: 'You are a test.' };

describe('the request template', () => {
  it('builds the tools and the answer schema once per assistant', () => {
    const template = new RequestTemplate();

    const first = template.params(assistant, [system], 'auto');
    const second = template.params(assistant, [system], 'none');

    expect(second.tools).toBe(first.tools);
    expect(second.response_format).toBe(first.response_format);
  });

  it('puts the fixed parts before the messages and the tool choice last', () => {
    const params = new RequestTemplate().params(assistant, [system], 'none');

    expect(Object.keys(params)).toEqual([
      'model',
      'response_format',
      'tools',
      'messages',
      'tool_choice',
    ]);
    expect(params.tool_choice).toBe('none');
  });

  it('serializes two turns with different state to the same leading bytes', () => {
    const template = new RequestTemplate();
    const turn = (state: string) =>
      JSON.stringify(
        template.params(
          assistant,
          [system, { role: 'system', content: state }],
          'auto',
        ),
      );

    const a = turn('{"topic":"balance"}');
    const b = turn('{}');
    const prefix = a.slice(
      0,
      a.indexOf(system.content) + system.content.length,
    );

    expect(b.startsWith(prefix)).toBe(true);
    expect(prefix).toContain('"tools"');
  });

  it('sends no tool choice to an assistant without tools', () => {
    const bare = testAssistant({ tools: [] });

    const params = new RequestTemplate().params(bare, [system], 'auto');

    expect(params).not.toHaveProperty('tool_choice');
    expect(params).not.toHaveProperty('tools');
  });
});
