/** One invalid input field: `field` names it as the client sent it. */
export interface FieldError {
  field: string;
  message: string;
}

/** An RFC 9457 problem details body: the one error shape of this service. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  /** The request's id (X-Request-Id), as in the logs. */
  requestId?: string;
  /** Extension members a problem type defines (RFC 9457, section 3.2). */
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Problem types beyond the plain HTTP status ("about:blank"), stable for clients to match on. */
export const ProblemType = {
  validation: 'urn:message-stats:problem:validation-error',
  uuidConflict: 'urn:message-stats:problem:uuid-conflict',
  databaseUnavailable: 'urn:message-stats:problem:database-unavailable',
  counterOverflow: 'urn:message-stats:problem:counter-overflow',
  timestampOutsideWindow: 'urn:message-stats:problem:timestamp-outside-window',
  messageSettled: 'urn:message-stats:problem:message-settled',
  beforeQuarterHours: 'urn:message-stats:problem:before-quarter-hours',
  rateLimited: 'urn:message-stats:problem:rate-limited',
  busy: 'urn:message-stats:problem:busy',
} as const;
