import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { signWebhook } from '../src/server/webhook-signature.js';

// Prints the three Standard Webhooks headers for one body, ready for curl:
//   npm run sign -- --secret whsec_... --body request.json
// The body file is sent as it is (curl --data-binary @request.json): the
// signature covers its exact bytes, so any reformatting breaks it.
const { values } = parseArgs({
  options: {
    secret: { type: 'string' },
    body: { type: 'string' },
    id: { type: 'string' },
    timestamp: { type: 'string' },
  },
});

if (!values.secret || !values.body) {
  process.stderr.write(
    'usage: npm run sign -- --secret whsec_... --body request.json ' +
      '[--id msg_1] [--timestamp 1700000000]\n',
  );
  process.exit(2);
}

const body = readFileSync(values.body);
const id = values.id ?? `msg_${randomUUID()}`;
const timestamp = values.timestamp ?? String(Math.floor(Date.now() / 1000));
const signature = signWebhook(values.secret, id, timestamp, body);

process.stdout.write(
  [
    `-H 'webhook-id: ${id}'`,
    `-H 'webhook-timestamp: ${timestamp}'`,
    `-H 'webhook-signature: ${signature}'`,
  ].join(' ') + '\n',
);
