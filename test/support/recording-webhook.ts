import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../src/log/logger.js';
import { createTurnRecorder } from '../../src/record/turn-recorder.js';
import { startProjectWebhook } from '../../src/testing/project-webhook.js';
import {
  SCRIPTED_MODEL_URL,
  type TestWebhook,
} from '../../src/testing/test-webhook.js';
import { createModel } from '../../src/turn/call-model.js';

export const RECORDED_KEY = 'sk-recorded-secret-key';

export type RecordingWebhook = TestWebhook &
  Readonly<{
    dir: string;
    /** The recordings written so far, as text, oldest first. */
    files: () => Promise<string[]>;
  }>;

/** The banking webhook with RECORD_DIR set to a fresh temporary folder. */
export async function startRecordingWebhook(options: {
  content: boolean;
  dir?: string;
  env?: Record<string, string>;
}): Promise<RecordingWebhook> {
  const tmp = await mkdtemp(join(tmpdir(), 'recordings-'));
  const dir = options.dir ?? tmp;
  const logs: Array<Record<string, unknown>> = [];
  const recorder = createTurnRecorder({
    dir,
    content: options.content,
    log: createLogger(
      { level: 'debug' },
      {
        write: (line: string) => logs.push(JSON.parse(line)),
      },
    ),
  });
  const webhook = await startProjectWebhook({
    env: options.env,
    model: createModel({
      apiKey: RECORDED_KEY,
      baseURL: SCRIPTED_MODEL_URL,
      fetch: recorder.fetch,
    }),
    watchTurn: recorder.watchTurn,
  });

  return {
    ...webhook,
    dir,
    logs,
    async files() {
      await recorder.flush();
      const names = (await readdir(dir)).sort();
      return Promise.all(
        names.map((name) => readFile(join(dir, name), 'utf8')),
      );
    },
    async close() {
      await webhook.close();
      await rm(tmp, { recursive: true, force: true });
    },
  };
}
