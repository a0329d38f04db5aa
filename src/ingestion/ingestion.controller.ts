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
import { ApiSecuredResponses } from '../auth/api-secured-responses.decorator';
import { RequireScope } from '../auth/require-scope.decorator';
import { AddRouteConfig } from '../common/add-route-config.decorator';
import { ApiProblemResponse } from '../common/api-problem-response.decorator';
import { Workload } from '../common/workload.decorator';
import { BatchMessagesPipe } from './batch-messages.pipe';
import { BatchResultDto } from './dto/batch-result.dto';
import { IngestMessageDto } from './dto/ingest-message.dto';
import { IngestResultDto } from './dto/ingest-result.dto';
import { MessageViewDto } from './dto/message-view.dto';
import { UuidParamDto } from './dto/uuid-param.dto';
import { IngestionService } from './ingestion.service';

/** A batch of 1000 messages of the largest size fits with room to spare. */
const BATCH_BODY_LIMIT_BYTES = 1024 * 1024;

@ApiTags('messages')
@ApiSecuredResponses()
@Controller('messages')
export class IngestionController {
  constructor(private readonly ingestion: IngestionService) {}

  @Post()
  @RequireScope('ingest')
  @ApiOperation({
    summary: 'Count one processed message',
    description:
      'Records the message and adds it to its customer and type on the UTC day it arrives, in one transaction. ' +
      'The answer comes after commit. Sending the same uuid again is safe: it is never counted twice.',
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
      'The uuid was already counted with the same content: nothing changed.',
    type: IngestResultDto,
    example: {
      uuid: 'a596b362-08be-419f-8070-9c3055566e7c',
      status: 'duplicate',
    },
  })
  @ApiProblemResponse(
    HttpStatus.BAD_REQUEST,
    'Invalid message, malformed JSON or a body that is not an object; `errors` names every bad field.',
  )
  @ApiProblemResponse(
    HttpStatus.CONFLICT,
    'The uuid was already counted with different content: nothing changed.',
  )
  @ApiProblemResponse(
    HttpStatus.UNPROCESSABLE_ENTITY,
    'Counting the message would take its daily counter past the largest total it holds; `counters` names it. Nothing changed.',
  )
  @ApiProblemResponse(HttpStatus.PAYLOAD_TOO_LARGE, 'Body over 64 KiB.')
  @ApiProblemResponse(
    HttpStatus.SERVICE_UNAVAILABLE,
    'The database cannot be reached; retry after the Retry-After seconds.',
  )
  async ingest(
    @Body() message: IngestMessageDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<IngestResultDto> {
    const result = await this.ingestion.ingest(message);
    if (result.status === 'duplicate') void reply.status(HttpStatus.OK);
    return result;
  }

  @Post('batch')
  @RequireScope('ingest')
  @Workload('batch')
  @HttpCode(HttpStatus.OK)
  @AddRouteConfig({ bodyLimit: BATCH_BODY_LIMIT_BYTES })
  @ApiOperation({
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
  )
  @ApiProblemResponse(
    HttpStatus.UNPROCESSABLE_ENTITY,
    'The batch would take a daily counter past the largest total it holds; `counters` names each. Nothing was written.',
  )
  @ApiProblemResponse(
    HttpStatus.PAYLOAD_TOO_LARGE,
    'More than 1000 messages, or a body over 1 MiB.',
  )
  @ApiProblemResponse(
    HttpStatus.SERVICE_UNAVAILABLE,
    'The database cannot be reached; nothing was written.',
  )
  ingestBatch(
    @Body(BatchMessagesPipe) messages: IngestMessageDto[],
  ): Promise<BatchResultDto> {
    return this.ingestion.ingestBatch(messages);
  }

  @Get(':uuid')
  @RequireScope('read')
  @Workload('read')
  @ApiOperation({ summary: 'Look up a counted message by its uuid' })
  @ApiResponse({
    status: HttpStatus.OK,
    description: 'The message was counted.',
    type: MessageViewDto,
  })
  @ApiProblemResponse(HttpStatus.BAD_REQUEST, 'The path is not a UUID.')
  @ApiProblemResponse(
    HttpStatus.NOT_FOUND,
    'No message with this uuid was counted.',
  )
  @ApiProblemResponse(
    HttpStatus.SERVICE_UNAVAILABLE,
    'The database cannot be reached.',
  )
  find(@Param() { uuid }: UuidParamDto): Promise<MessageViewDto> {
    return this.ingestion.find(uuid);
  }
}
