import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Json } from '../assistants/tool.js';
import { Conversation } from '../testing/conversation.js';
import type { WebhookTarget } from '../testing/webhook-target.js';
import { formatTurn } from './format-turn.js';

export type ChatOptions = Readonly<{
  input: Readable;
  output: Writable;
  target: WebhookTarget;
  assistantId: string;
  /** Say that tool calls are not visible (a webhook reached by URL). */
  remote?: boolean;
}>;

const HELP = [
  'Type what the caller says. Commands:',
  '  /reset                  start a new call (new call id, empty state)',
  '  /state                  show the state',
  '  /state set KEY VALUE    set a key (VALUE is JSON, or else text)',
  '  /state unset KEY        remove a key',
  '  /assistant ID           send turns as this assistant_id',
  '  /help                   this list',
  '  /quit                   leave (Ctrl-D too)',
];

/**
 * A terminal session that plays the platform: each line the developer types
 * is a caller's utterance sent with the call's state and context; the answer
 * is shown with its state change, tool calls and time. Ends at /quit or
 * at the end of the input.
 */
export async function runChatSession(options: ChatOptions): Promise<void> {
  const print = (...lines: string[]) =>
    options.output.write(lines.map((line) => `${line}\n`).join(''));
  const conversation = new Conversation(options.target, {
    assistantId: options.assistantId,
    startedAt: new Date().toISOString(),
  });
  // In a terminal, readline gives line editing and history; piped, plain lines.
  const lines = createInterface({
    input: options.input,
    output: options.output,
    terminal: (options.output as { isTTY?: boolean }).isTTY === true,
  });
  lines.setPrompt('caller> ');

  print(
    `Chatting as ${options.assistantId}, call ${conversation.callId}. /help for commands.`,
  );
  if (options.remote)
    print(
      '(a webhook reached by URL shows no tool calls; start one here to see them)',
    );
  lines.prompt();

  for await (const line of lines) {
    const text = line.trim();
    if (text === '/quit' || text === '/exit') break;

    if (text.startsWith('/')) print(...runCommand(text, conversation));
    else if (text !== '') print(...(await sayLine(conversation, text)));
    lines.prompt();
  }
  lines.close();
  print('');
}

async function sayLine(conversation: Conversation, text: string) {
  try {
    return formatTurn(await conversation.say(text));
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message : String(error);
    return [`  could not reach the webhook: ${reason}`];
  }
}

function runCommand(text: string, conversation: Conversation): string[] {
  const [command, ...args] = text.split(/\s+/);

  switch (command) {
    case '/help':
      return HELP;
    case '/reset':
      conversation.reset();
      return [`  new call ${conversation.callId}, empty state`];
    case '/state':
      return stateCommand(args, conversation);
    case '/assistant': {
      if (!args[0]) return ['  usage: /assistant ID'];
      conversation.assistantId = args[0];
      return [`  turns now go to assistant_id ${args[0]}`];
    }
    default:
      return [`  unknown command ${command}; /help lists them`];
  }
}

function stateCommand(args: string[], conversation: Conversation): string[] {
  const [action, key, ...rest] = args;

  if (action === undefined)
    return [`  state: ${JSON.stringify(conversation.state)}`];
  if (action === 'set' && key && rest.length > 0) {
    conversation.state = {
      ...conversation.state,
      [key]: readValue(rest.join(' ')),
    };
    return edited(conversation);
  }
  if (action === 'unset' && key) {
    const { [key]: _gone, ...kept } = conversation.state;
    conversation.state = kept;
    return edited(conversation);
  }
  return ['  usage: /state, /state set KEY VALUE, /state unset KEY'];
}

// The webhook remembers the keys it wrote during a call and trusts them over
// the state a request carries; a hand edit goes on as a new call so it holds.
function edited(conversation: Conversation): string[] {
  if (conversation.turns > 0) conversation.newCallId();
  return [
    `  state: ${JSON.stringify(conversation.state)}`,
    ...(conversation.turns > 0
      ? [`  (continues as call ${conversation.callId}, so the edit holds)`]
      : []),
  ];
}

function readValue(text: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch {
    return text;
  }
}
