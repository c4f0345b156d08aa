/**
 * Why a turn answered with the state alone. A small fixed set, so logs and
 * dashboards can count them.
 */
export type FallbackReason =
  | 'budget'
  | 'model_error'
  | 'refusal'
  | 'length'
  | 'content_filter'
  | 'bad_output'
  | 'step_limit'
  | 'overload'
  | 'internal';

/** A turn that cannot give a reply; the webhook answers with the state. */
export class TurnFailure extends Error {
  constructor(
    readonly reason: FallbackReason,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'TurnFailure';
  }
}

/** Anything thrown inside a turn, as a failure with a reason. */
export function toTurnFailure(error: unknown): TurnFailure {
  if (error instanceof TurnFailure) return error;

  const message = error instanceof Error ? error.message : String(error);
  return new TurnFailure('internal', message, { cause: error });
}
