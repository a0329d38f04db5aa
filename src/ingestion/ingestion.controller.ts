import { UUID_RULE } from '../common/message-rules';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Res,
} from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { RequireScope } from '../auth/require-scope.decorator';
import { AddRouteConfig } from '../http/add-route-config.decorator';
import { ApiProblemResponse } from '../http/api-problem-response.decorator';
import { ProblemType } from '../common/problem-details';
import { DATABASE_UNAVAILABLE, tooBusy } from '../http/problem-examples';
import { Workload } from '../http/workload.decorator';
import { BatchMessagesPipe } from './batch-messages.pipe';
import { BatchResultDto } from './dto/batch-result.dto';
import { AMOUNT_MESSAGE, IngestMessageDto } from './dto/ingest-message.dto';
import { IngestResultDto } from './dto/ingest-result.dto';
import { MessageViewDto } from './dto/message-view.dto';
import { UuidParamDto } from './dto/uuid-param.dto';
import { IngestionService } from './ingestion.service';
import {
  BODY_TOO_LARGE,
  BATCH_TIMESTAMP_OUTSIDE_WINDOW,
  COUNTER_OVERFLOW,
  TIMESTAMP_OUTSIDE_WINDOW,
  INVALID_AMOUNT,
} from './problem-examples';
import { CountsRefusedMessages } from '../metrics/counts-refused-messages.decorator';

/** A batch of 1000 messages of the largest size fits with room to spare. */
const BATCH_BODY_LIMIT_BYTES = 1024 * 1024;

@ApiTags('messages')
@Controller('messages')
export class IngestionController {
  constructor(private readonly ingestion: IngestionService) {}

  @Post()
  @RequireScope('ingest')
  @CountsRefusedMessages()
  @ApiOperation({
    operationId: 'ingestMessage',
    summary: 'Count one processed message',
    description:
      'Records the message and adds it to its customer and type on the UTC day of its `timestamp` (or of its arrival), ' +
      'in one transaction. The answer comes after commit. Sending the same uuid again is safe: it is never counted ' +
      'twice, and a voided uuid is never counted again.',
  })
  @ApiResponse({
    status: HttpStatus.CREATED,
    description: 'New message: recorded and counted.',
    type: IngestResultDto,
    example: {
      uuid: 'a596b362-08be-419f-8070-9c3055566e7c',
      status: 'counted',
    },
  })
  @ApiResponse({
    status: HttpStatus.OK,
    description:
      'The uuid was already counted with the same content (`duplicate`), or counted and since voided (`voided`): nothing changed.',
    type: IngestResultDto,
    example: {
      uuid: 'a596b362-08be-419f-8070-9c3055566e7c',
      status: 'duplicate',
    },
  })
  @ApiProblemResponse(
    HttpStatus.BAD_REQUEST,
    'Invalid message, malformed JSON or a body that is not an object; `errors` names every bad field.',
    INVALID_AMOUNT,
  )
  @ApiProblemResponse(
    HttpStatus.CONFLICT,
    'The uuid was already counted with different content: nothing changed.',
    {
      type: ProblemType.uuidConflict,
      title: 'uuid already used',
      detail:
        'Message a596b362-08be-419f-8070-9c3055566e7c was already counted with different content; nothing was changed.',
    },
  )
  @ApiProblemResponse(
    HttpStatus.PAYLOAD_TOO_LARGE,
    'Body over 64 KiB.',
    BODY_TOO_LARGE,
  )
  @ApiProblemResponse(
    HttpStatus.UNPROCESSABLE_ENTITY,
    'Its `timestamp` lies outside the accepted window (at most MAX_EVENT_AGE_DAYS old, MAX_EVENT_SKEW_S ahead), or counting it would take its daily counter past the largest total it holds (`counters` names it). Nothing changed.',
    TIMESTAMP_OUTSIDE_WINDOW,
    COUNTER_OVERFLOW,
  )
  @ApiProblemResponse(
    HttpStatus.SERVICE_UNAVAILABLE,
    'The database cannot be reached, or stays busy; nothing was written. Retry after the Retry-After seconds.',
    DATABASE_UNAVAILABLE,
  )
  async ingest(
    @Body() message: IngestMessageDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<IngestResultDto> {
    const result = await this.ingestion.ingest(message);
    if (result.status !== 'counted') void reply.status(HttpStatus.OK);
    return result;
  }

  @Post('batch')
  @RequireScope('ingest')
  @CountsRefusedMessages()
  @Workload('batch')
  @HttpCode(HttpStatus.OK)
  @AddRouteConfig({ bodyLimit: BATCH_BODY_LIMIT_BYTES })
  @ApiOperation({
    operationId: 'ingestBatch',
    summary: 'Count up to 1000 messages in one transaction',
    description:
      'Every message is validated first: if any is invalid, nothing is written and the 400 names each bad ' +
      'message by index and field. Otherwise all are recorded in one transaction and each gets its own result, ' +
      'in order. A uuid repeated within the batch counts once.',
  })
  @ApiBody({
    type: [IngestMessageDto],
    examples: {
      batch: {
        value: [
          {
            customerId: 1,
            type: 'A',
            amount: '0.012',
            uuid: 'a596b362-08be-419f-8070-9c3055566e7c',
          },
          {
            customerId: 2,
            type: '',
            amount: '7',
            uuid: '0f8d2c1a-9b7e-4c3d-8a6f-1e2d3c4b5a69',
          },
        ],
      },
    },
  })
  @ApiResponse({
    status: HttpStatus.OK,
    description: 'Committed: one result per message, in the order sent.',
    type: BatchResultDto,
    example: {
      results: [
        { uuid: 'a596b362-08be-419f-8070-9c3055566e7c', status: 'counted' },
        { uuid: '0f8d2c1a-9b7e-4c3d-8a6f-1e2d3c4b5a69', status: 'duplicate' },
      ],
    },
  })
  @ApiProblemResponse(
    HttpStatus.BAD_REQUEST,
    'Not a JSON array of 1 to 1000 messages, or an invalid message; `errors` names each as `[index].field`. Nothing was written.',
    {
      type: ProblemType.validation,
      title: 'Invalid request',
      detail: 'Invalid [1].amount.',
      errors: [
        {
          field: '[1].amount',
          message: AMOUNT_MESSAGE,
        },
      ],
    },
  )
  @ApiProblemResponse(
    HttpStatus.PAYLOAD_TOO_LARGE,
    'More than 1000 messages, or a body over 1 MiB.',
    {
      title: 'Payload Too Large',
      detail: 'A batch holds at most 1000 messages; this one has 1001.',
    },
  )
  @ApiProblemResponse(
    HttpStatus.UNPROCESSABLE_ENTITY,
    "A message's `timestamp` lies outside the accepted window (`errors` names each as `[index].timestamp`), or the batch would take a daily counter past the largest total it holds (`counters` names each). Nothing was written.",
    BATCH_TIMESTAMP_OUTSIDE_WINDOW,
    COUNTER_OVERFLOW,
  )
  @ApiProblemResponse(
    HttpStatus.SERVICE_UNAVAILABLE,
    'Too many batches are in progress (BATCH_CONCURRENCY, WORKLOAD_QUEUE_LIMIT), or the database cannot be reached or stays busy; nothing was written. Retry after the Retry-After seconds.',
    tooBusy('POST /messages/batch'),
    DATABASE_UNAVAILABLE,
  )
  ingestBatch(
    @Body(BatchMessagesPipe) messages: IngestMessageDto[],
  ): Promise<BatchResultDto> {
    return this.ingestion.ingestBatch(messages);
  }

  @Get(':uuid')
  @RequireScope('read')
  @Workload('read')
  @ApiOperation({
    operationId: 'getMessage',
    summary: 'Look up a counted message by its uuid',
    description:
      'The message as the ledger recorded it, with the UTC day it counted on. The uuid matches in any case.',
  })
  @ApiResponse({
    status: HttpStatus.OK,
    description: 'The message was counted.',
    type: MessageViewDto,
  })
  @ApiProblemResponse(HttpStatus.BAD_REQUEST, 'The path is not a UUID.', {
    type: ProblemType.validation,
    title: 'Invalid request',
    detail: 'Invalid uuid.',
    errors: [{ field: 'uuid', message: UUID_RULE }],
    instance: '/messages/not-a-uuid',
  })
  @ApiProblemResponse(
    HttpStatus.NOT_FOUND,
    'No message with this uuid was counted.',
    {
      title: 'Not Found',
      detail:
        'No message with uuid a596b362-08be-419f-8070-9c3055566e7c was counted.',
    },
  )
  @ApiProblemResponse(
    HttpStatus.SERVICE_UNAVAILABLE,
    'Too many reads are in progress (READ_CONCURRENCY, WORKLOAD_QUEUE_LIMIT), or the database cannot be reached. Retry after the Retry-After seconds.',
    tooBusy('GET /messages/:uuid'),
    DATABASE_UNAVAILABLE,
  )
  find(@Param() { uuid }: UuidParamDto): Promise<MessageViewDto> {
    return this.ingestion.find(uuid);
  }
}
