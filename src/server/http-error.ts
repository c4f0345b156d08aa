/**
 * A request the webhook refuses, with the status, a stable code and a plain
 * message; `field` names the part of the body that is wrong.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }

  toBody() {
    const { code, message, field } = this;
    return {
      error: field === undefined ? { code, message } : { code, message, field },
    };
  }
}

type BodyParserError = Error & {
  type?: string;
  status?: number;
  limit?: number;
  expose?: boolean;
};

/**
 * Turns what Express's body parser throws into the webhook's own errors, so
 * every refusal has the same shape whichever layer noticed it.
 */
export function fromBodyParser(error: unknown): HttpError | undefined {
  if (!(error instanceof Error) || !('type' in error || 'expose' in error)) {
    return undefined;
  }
  const { type, limit, status, expose } = error as BodyParserError;

  if (type === 'entity.parse.failed') {
    return new HttpError(400, 'invalid_json', 'the body is not valid JSON');
  }
  if (type === 'entity.too.large') {
    return new HttpError(
      413,
      'payload_too_large',
      `the body is larger than ${limit} bytes`,
    );
  }
  if (type === 'charset.unsupported' || type === 'encoding.unsupported') {
    return new HttpError(
      415,
      'unsupported_media_type',
      `the body's ${type.split('.')[0]} is not supported: send UTF-8 JSON`,
    );
  }
  if (type === 'request.aborted' || type === 'request.size.invalid') {
    return new HttpError(
      400,
      'incomplete_body',
      'the body ended before its declared length',
    );
  }
  // Any other client error the parser meets, a gzip body that is not gzip
  // say, is still the client's: a 4xx, never a 500.
  if (expose && status !== undefined && status >= 400 && status < 500) {
    return new HttpError(
      400,
      'unreadable_body',
      'the body could not be read as its headers describe it ' +
        `(Content-Encoding, Content-Length): ${error.message}`,
    );
  }
  return undefined;
}
