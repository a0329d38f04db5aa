import {
  Body,
  Controller,
  Get,
  HttpStatus,
  Param,
  Post,
  Res,
} from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblemResponse } from '../common/api-problem-response.decorator';
import { IngestMessageDto } from './dto/ingest-message.dto';
import { IngestResultDto } from './dto/ingest-result.dto';
import { MessageViewDto } from './dto/message-view.dto';
import { UuidParamDto } from './dto/uuid-param.dto';
import { IngestionService } from './ingestion.service';

@ApiTags('messages')
@Controller('messages')
export class IngestionController {
  constructor(private readonly ingestion: IngestionService) {}

  @Post()
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

  @Get(':uuid')
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
