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
