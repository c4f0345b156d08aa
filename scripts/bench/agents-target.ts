import {
  Agent,
  OpenAIChatCompletionsModel,
  run,
  setTracingDisabled,
  tool,
} from '@openai/agents';
import express from 'express';
import type OpenAI from 'openai';
import { z } from 'zod';
import type { State } from '../../src/assistants/tool.js';
import {
  runBankTool,
  stateMessage,
  turnOutput,
  type Banking,
  type TurnBody,
} from './banking-turn.js';

type RunContext = { state: State };

/** The banking balance turn built with `@openai/agents` over Chat Completions. */
export function agentsApp(banking: Banking, client: OpenAI): express.Express {
  // Tracing would export every run to OpenAI's servers.
  setTracingDisabled(true);
  const getBalance = tool({
    name: 'get_balance',
    description: banking.tools.get('get_balance')?.description ?? '',
    parameters: z.object({ account_type: z.enum(['checking', 'savings']) }),
    execute: async (args, context) => {
      const { state } = context?.context as RunContext;
      return runBankTool(banking, 'get_balance', args, state);
    },
  });
  const agent = new Agent<RunContext, typeof turnOutput>({
    name: 'banking',
    instructions: banking.assistant.prompt,
    model: new OpenAIChatCompletionsModel(client, banking.assistant.model),
    tools: [getBalance],
    outputType: turnOutput,
  });

  const app = express();
  app.use(express.json());
  app.post('/webhook', async (req, res) => {
    const body = req.body as TurnBody;
    const state = body.state ?? {};

    const result = await run(
      agent,
      [
        { role: 'system', content: stateMessage(state) },
        ...(body.context ?? []).map((line) =>
          line.role === 'user'
            ? { role: 'user' as const, content: line.content }
            : {
                role: 'assistant' as const,
                status: 'completed' as const,
                content: [{ type: 'output_text' as const, text: line.content }],
              },
        ),
        { role: 'user', content: body.utterance },
      ],
      { context: { state }, maxTurns: banking.assistant.maxSteps },
    );
    const answer = result.finalOutput;
    res.json({ reply: answer?.reply, state: { ...state, ...answer?.state } });
  });
  return app;
}
