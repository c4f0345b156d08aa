// `npm run chat`: talk to an assistant as the platform would.
import { parseArgs } from 'node:util';
import { loadAssistants } from '../src/assistants/load-assistants.js';
import { loadToolkits } from '../src/assistants/load-toolkits.js';
import { runChatSession } from '../src/chat/chat-session.js';
import { assertModelReachable, loadConfig } from '../src/config/config.js';
import { remoteWebhook } from '../src/testing/remote-webhook.js';
import { startTestWebhook } from '../src/testing/test-webhook.js';
import { createModel } from '../src/turn/call-model.js';

const USAGE = `usage: npm run chat -- [--url URL [--token T | --secret S]] [--assistant ID]

  --url URL        talk to a running webhook (e.g. http://localhost:3000/webhook)
                   instead of starting one here with the configured model
  --token T        with --url: send Authorization: Bearer T (WEBHOOK_TOKEN)
  --secret S       with --url: sign each request with S (one of WEBHOOK_SECRETS)
  --assistant ID   the assistant_id to send (default: asst_chat, which the
                   default assistant answers)`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      token: { type: 'string' },
      secret: { type: 'string' },
      assistant: { type: 'string', default: 'asst_chat' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return void console.log(USAGE);

  const session = {
    input: process.stdin,
    output: process.stdout,
    assistantId: values.assistant,
  };
  if (values.url) {
    await runChatSession({
      ...session,
      target: remoteWebhook(values.url, {
        token: values.token,
        secret: values.secret,
      }),
      remote: true,
    });
    return;
  }

  // In this process: the assistants, tools and model `npm start` would use.
  const config = loadConfig();
  assertModelReachable(config);
  const loaded = await loadToolkits(config);
  const webhook = await startTestWebhook({
    assistants: await loadAssistants(config, loaded.tools),
    model: createModel(config.openai),
    contextMaxMessages: config.contextMaxMessages,
  });
  try {
    await runChatSession({ ...session, target: webhook });
  } finally {
    await webhook.close();
    await loaded.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  console.error(USAGE);
  process.exitCode = 1;
});
