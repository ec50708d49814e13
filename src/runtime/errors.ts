/**
 * Errors the runtime raises, each carrying the HTTP status Kafka Connect's REST layer answers with
 * (ConnectExceptionMapper): the REST error handler turns them into {"error_code", "message"}.
 */
export class ConnectError extends Error {
  constructor(
    message: string,
    readonly status = 500,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ConnectException';
  }
}

/** 404: unknown connector, task, plugin or logger. */
export class NotFoundError extends ConnectError {
  constructor(message: string) {
    super(message, 404);
    this.name = 'NotFoundException';
  }
}

/** 409: a connector with that name exists already. */
export class AlreadyExistsError extends ConnectError {
  constructor(message: string) {
    super(message, 409);
    this.name = 'AlreadyExistsException';
  }
}

/** 400: the request itself is wrong (bad config, name mismatch, state precondition). */
export class BadRequestError extends ConnectError {
  constructor(message: string) {
    super(message, 400);
    this.name = 'BadRequestException';
  }
}

/** 403: an operation disabled by worker configuration. */
export class ForbiddenError extends ConnectError {
  constructor(message: string) {
    super(message, 403);
    this.name = 'ForbiddenException';
  }
}

/** A plugin does not support an optional operation (Java's UnsupportedOperationException). */
export class UnsupportedOperationError extends ConnectError {
  constructor(message: string) {
    super(message, 500);
    this.name = 'UnsupportedOperationException';
  }
}

/** Thrown by tasks for failures that may succeed when retried (Kafka's RetriableException). */
export class RetriableError extends ConnectError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 500, options);
    this.name = 'RetriableException';
  }
}

/** Java class names of our error types, as Kafka Connect writes them into DLQ headers and logs. */
const JAVA_ERROR_CLASSES: Record<string, string> = {
  DataException: 'org.apache.kafka.connect.errors.DataException',
  ConnectException: 'org.apache.kafka.connect.errors.ConnectException',
  RetriableException: 'org.apache.kafka.connect.errors.RetriableException',
  ConfigException: 'org.apache.kafka.common.config.ConfigException',
  TransformationError: 'org.apache.kafka.connect.errors.ConnectException',
  SchemaBuilderException: 'org.apache.kafka.connect.errors.SchemaBuilderException',
  TypeError: 'java.lang.IllegalArgumentException',
  RangeError: 'java.lang.IllegalArgumentException',
  SyntaxError: 'org.apache.kafka.connect.errors.DataException',
};

export function javaErrorClass(error: unknown): string {
  const name = error instanceof Error ? error.name : 'Error';
  return JAVA_ERROR_CLASSES[name] ?? (name.includes('.') ? name : 'java.lang.RuntimeException');
}

/**
 * The stack-trace text shown in connector/task status `trace`: exception class and message,
 * frames, and "Caused by:" chains, as Java prints them.
 */
export function traceOf(err: unknown): string {
  const lines: string[] = [];
  let current: unknown = err;
  let first = true;
  const seen = new Set<unknown>();
  while (current !== undefined && current !== null && !seen.has(current)) {
    seen.add(current);
    const e = current instanceof Error ? current : new Error(String(current));
    const frames = (e.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)).map((l) => `\tat ${l.trim().slice(3)}`);
    lines.push(`${first ? '' : 'Caused by: '}${javaErrorClass(e)}: ${e.message}`, ...frames);
    first = false;
    current = (e as { cause?: unknown }).cause;
  }
  return lines.join('\n');
}
