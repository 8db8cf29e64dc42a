/** HTTP errors with stable codes: clients switch on `code`, people read `message`. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new HttpError(404, 'NOT_FOUND', `${what} not found`);
export const badRequest = (message: string) => new HttpError(400, 'BAD_REQUEST', message);
