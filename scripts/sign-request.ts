import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { signingSecret } from '../src/config/config.js';
import { signWebhook } from '../src/server/webhook-signature.js';

// Prints the three Standard Webhooks headers for one body, one a line, as
// curl reads them from standard input with `-H @-`:
//   npm run -s sign -- --secret whsec_... --body request.json |
//     curl -s localhost:3000/webhook -H 'content-type: application/json' \
//       -H @- --data-binary @request.json
// The body file is sent as it is (curl --data-binary @request.json): the
// signature covers its exact bytes, so any reformatting breaks it.
const USAGE =
  'usage: npm run -s sign -- --secret whsec_... --body request.json ' +
  '[--id msg_1] [--timestamp 1700000000]\n';

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}`);
  process.exit(2);
}

function readOptions() {
  try {
    return parseArgs({
      options: {
        secret: { type: 'string' },
        body: { type: 'string' },
        id: { type: 'string' },
        timestamp: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error: unknown) {
    return fail(error instanceof Error ? error.message : String(error));
  }
}

const options = readOptions();
if (options.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
if (!options.secret || !options.body) fail('--secret and --body are needed');
// The server refuses such a secret at startup; a signature made with it
// would only be refused later, with less said.
if (!signingSecret.safeParse(options.secret).success) {
  fail('--secret must be whsec_ followed by base64, as WEBHOOK_SECRETS holds');
}

let body: Buffer;
try {
  body = readFileSync(options.body);
} catch {
  fail(`cannot read the body file ${options.body}`);
}
const id = options.id ?? `msg_${randomUUID()}`;
const timestamp = options.timestamp ?? String(Math.floor(Date.now() / 1000));
const signature = signWebhook(options.secret, id, timestamp, body);

process.stdout.write(
  [
    `webhook-id: ${id}`,
    `webhook-timestamp: ${timestamp}`,
    `webhook-signature: ${signature}`,
  ].join('\n') + '\n',
);
