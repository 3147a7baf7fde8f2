/** Errors the domain and persistence raise; the HTTP layer maps each to its status code. */
export type FieldIssue = { field: string; message: string };

export class DomainError extends Error {
  readonly status: number;
  readonly errors?: FieldIssue[];
  constructor(status: number, message: string, errors?: FieldIssue[]) {
    super(message);
    this.name = new.target.name;
    this.status = status;
    this.errors = errors;
  }
}

export class ValidationFailed extends DomainError {
  constructor(errors: FieldIssue[], message = 'The request is not valid.') {
    super(400, message, errors);
  }
}

/**
 * For `.catch`: something a request's body names that does not exist is the body's mistake — 400 on its field, not
 * a 404 of the route.
 */
export const namedInBody = (field: string, what: string) => (error: unknown) => {
  throw error instanceof NotFound ? new ValidationFailed([{ field, message: `is not ${what}` }]) : error;
};

export class NotFound extends DomainError {
  constructor(message: string) {
    super(404, message);
  }
}

export class Forbidden extends DomainError {
  constructor(message: string) {
    super(403, message);
  }
}

export class Conflict extends DomainError {
  constructor(message: string, errors?: FieldIssue[]) {
    super(409, message, errors);
  }
}

/** A body beyond its route's byte budget, or what it would store beyond an item's (docs/architecture.md, "Limits"). */
export class ContentTooLarge extends DomainError {
  constructor(message: string, errors?: FieldIssue[]) {
    super(413, message, errors);
  }
}

export class PreconditionRequired extends DomainError {
  constructor(message: string) {
    super(428, message);
  }
}

export class UnprocessableRequest extends DomainError {
  constructor(message: string) {
    super(422, message);
  }
}

/**
 * Errors worth another try (a throttled or briefly unavailable service, a function that died mid-step, a version
 * conflict): the workflows' retry policy (state-machines/kit) and callers that must tell a refusal from a hiccup.
 */
export const transientErrorNames = [
  // Lambda's own service errors, a throttled invoke, a function that died or timed out mid-step.
  'Lambda.ClientExecutionTimeoutException',
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
  'Lambda.Unknown',
  'Sandbox.Timedout',
  // Throttling and transient faults of the table and of SES, raised from inside a step.
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'ThrottlingException',
  'Throttling',
  'TransactionConflictException',
  'InternalServerError',
  'InternalFailure',
  'ServiceUnavailable',
  'TimeoutError',
  // A version conflict: the step read the subject, someone wrote it meanwhile; it reads it again.
  'Conflict',
] as const;

export const isTransient = (error: unknown) =>
  error instanceof Error && (transientErrorNames as readonly string[]).includes(error.name);
