import { createOpenAI } from '@ai-sdk/openai';
import { generateText, Output, stepCountIs, tool } from 'ai';
import express from 'express';
import { z } from 'zod';
import type { State } from '../../src/assistants/tool.js';
import {
  runBankTool,
  stateMessage,
  turnOutput,
  type Banking,
  type TurnBody,
} from './banking-turn.js';

/** The banking balance turn built with the `ai` SDK's tool loop. */
export function aiSdkApp(banking: Banking, baseURL: string): express.Express {
  const provider = createOpenAI({ baseURL, apiKey: 'not-needed' });
  const model = provider.chat(banking.assistant.model);
  const tools = {
    get_balance: tool({
      description: banking.tools.get('get_balance')?.description ?? '',
      inputSchema: z.object({ account_type: z.enum(['checking', 'savings']) }),
      execute: (args, { experimental_context }) =>
        runBankTool(
          banking,
          'get_balance',
          args,
          experimental_context as State,
        ),
    }),
  };

  const app = express();
  app.use(express.json());
  app.post('/webhook', async (req, res) => {
    const body = req.body as TurnBody;
    const state = body.state ?? {};

    const result = await generateText({
      model,
      system: banking.assistant.prompt,
      allowSystemInMessages: true,
      messages: [
        { role: 'system', content: stateMessage(state) },
        ...(body.context ?? []),
        { role: 'user', content: body.utterance },
      ],
      tools,
      experimental_context: state,
      output: Output.object({ schema: turnOutput }),
      stopWhen: stepCountIs(banking.assistant.maxSteps),
      maxRetries: 0,
    });
    const answer = result.output;
    res.json({ reply: answer.reply, state: { ...state, ...answer.state } });
  });
  return app;
}
