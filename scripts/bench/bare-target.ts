import express from 'express';
import type OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import {
  runBankTool,
  turnMessages,
  type Banking,
  type TurnBody,
} from './banking-turn.js';

/**
 * The baseline: an Express handler making the same SDK calls as the engine
 * (a model call, the tool, a second model call) with none of its checks,
 * budget, retries, state rules or logs.
 */
export function bareApp(banking: Banking, client: OpenAI): express.Express {
  const { assistant } = banking;
  const fixed = {
    model: assistant.model,
    response_format: {
      type: 'json_schema' as const,
      json_schema: {
        name: 'turn_output',
        strict: true,
        schema: assistant.outputJsonSchema,
      },
    },
    tools: assistant.toolSpecs.map((spec) => ({
      type: 'function' as const,
      function: { ...spec, strict: true },
    })),
  };

  const app = express();
  app.use(express.json());
  app.post('/webhook', async (req, res) => {
    const body = req.body as TurnBody;
    const state = body.state ?? {};
    const messages = turnMessages(assistant.prompt, body);

    const first = await client.chat.completions.create({ ...fixed, messages });
    const calls = first.choices[0]?.message.tool_calls ?? [];
    const results: ChatCompletionMessageParam[] = [];
    for (const call of calls) {
      if (call.type !== 'function') continue;
      const result = await runBankTool(
        banking,
        call.function.name,
        JSON.parse(call.function.arguments),
        state,
      );
      results.push({
        role: 'tool',
        tool_call_id: call.id,
        content: JSON.stringify(result),
      });
    }

    const second = await client.chat.completions.create({
      ...fixed,
      messages: [
        ...messages,
        { role: 'assistant', content: null, tool_calls: calls },
        ...results,
      ],
    });
    const answer = JSON.parse(second.choices[0]?.message.content ?? '{}');
    res.json({ reply: answer.reply, state: { ...state, ...answer.state } });
  });
  return app;
}
