import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { STATUS_CODES } from 'node:http';
import {
  BODY_TOO_LARGE_DETAIL,
  encodingProblem,
  isJsonMediaType,
  mediaTypeDetail,
  MESSAGE_BODY_LIMIT_BYTES,
  readJsonBody,
} from '../common/json-body';
import { ProblemType } from '../common/problem-details';
import {
  IngestMessageDto,
  validMessageOrUndefined,
} from './dto/ingest-message.dto';

/** The problem POST /messages would answer for the same body, as a dead letter carries it. */
export interface MessageProblem {
  type: string;
  title: string;
  status: number;
  detail: string;
}

/** An AMQP message's body as a message to count, or why it is not one. */
export type ParsedMessage =
  { message: IngestMessageDto } | { problem: MessageProblem };

/** What of an AMQP message's properties says how to read its body. */
export interface BodyProperties {
  contentType?: string;
  contentEncoding?: string;
}

/**
 * Reads one AMQP message by the rules of POST /messages: the same size
 * limit, the same JSON reading (readJsonBody: strict UTF-8, no prototype
 * poisoning, no inexact integers, bounded depth), the same refusal of a
 * body declared in another media type or coding (a message with no
 * content type is taken for JSON, as producers rarely set one), then the
 * DTO's validation. The problem is the one the HTTP answer would carry,
 * its detail one line naming each field and rule.
 */
export function parseMessageBody(
  body: Buffer,
  properties: BodyProperties = {},
): ParsedMessage {
  if (body.length > MESSAGE_BODY_LIMIT_BYTES) {
    return refused({ status: 413, detail: BODY_TOO_LARGE_DETAIL });
  }
  const { contentType, contentEncoding } = properties;
  if (contentType && !isJsonMediaType(contentType)) {
    return refused({ status: 415, detail: mediaTypeDetail(contentType) });
  }
  const encoding = encodingProblem(contentEncoding);
  if (encoding) return refused(encoding);
  const read = readJsonBody(body);
  if ('problem' in read) return refused(read.problem);
  const { value } = read;
  const fast = validMessageOrUndefined(value);
  if (fast) return { message: fast };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return invalid('The body must be one JSON object.');
  }
  const message = plainToInstance(IngestMessageDto, value);
  const errors = validateSync(message, {
    whitelist: true,
    forbidUnknownValues: true,
    stopAtFirstError: true,
  });
  if (errors.length === 0) return { message };
  return invalid(errors.map(describe).join(' '));
}

/** Refused before validation: Fastify's kind of problem, with no type of its own. */
function refused({
  status,
  detail,
}: {
  status: number;
  detail: string;
}): ParsedMessage {
  return {
    problem: {
      type: 'about:blank',
      title: STATUS_CODES[status] ?? 'Bad Request',
      status,
      detail,
    },
  };
}

function invalid(detail: string): ParsedMessage {
  return {
    problem: {
      type: ProblemType.validation,
      title: 'Invalid request',
      status: 400,
      detail,
    },
  };
}

function describe(error: ValidationError): string {
  return Object.values(error.constraints ?? {})
    .map((rule) => `${error.property}: ${rule}.`)
    .join(' ');
}
