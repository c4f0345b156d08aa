import type { TurnReport } from './turn-report.js';

/** One answer of the webhook, and the report of the turn when it is known. */
export type PostedTurn = Readonly<{
  status: number;
  body: unknown;
  elapsedMs: number;
  /** Only for a webhook in this process: a remote one shows its answer only. */
  report?: TurnReport;
}>;

/** A webhook to talk to: one started in this process, or one at a URL. */
export type WebhookTarget = Readonly<{
  post: (body: unknown) => Promise<PostedTurn>;
}>;
