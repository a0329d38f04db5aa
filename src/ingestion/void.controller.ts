import {
  Body,
  Controller,
  HttpCode,
  HttpStatus,
  Param,
  Post,
} from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RequireScope } from '../auth/require-scope.decorator';
import { ProblemType } from '../common/problem-details';
import { ApiProblemResponse } from '../http/api-problem-response.decorator';
import { DATABASE_UNAVAILABLE } from '../http/problem-examples';
import { MessageViewDto } from './dto/message-view.dto';
import { UuidParamDto } from './dto/uuid-param.dto';
import { VOID_REASON_RULE, VoidMessageDto } from './dto/void-message.dto';
import { IngestionService } from './ingestion.service';
import { MESSAGE_SETTLED } from './problem-examples';

/** Taking counted messages back. */
@ApiTags('messages')
@Controller('messages')
export class VoidController {
  constructor(private readonly ingestion: IngestionService) {}

  @Post(':uuid/void')
  @RequireScope('ingest')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    operationId: 'voidMessage',
    summary: 'Take a counted message back',
    description:
      "Marks the message voided and takes it out of its day's, month's and year's counters, in one transaction. " +
      'The ledger keeps the message, the time of the void and its reason, and the uuid is never counted again: sent ' +
      'again, it answers `voided`. Voiding again changes nothing and answers the first void. A message counted on a ' +
      'settled day (`settledThrough` in GET /stats) cannot be voided. The body is optional.',
  })
  @ApiBody({ type: VoidMessageDto, required: false })
  @ApiResponse({
    status: HttpStatus.OK,
    description:
      'Voided, now or before: the message as the ledger keeps it, with `voidedAt`.',
    type: MessageViewDto,
    example: {
      uuid: 'a596b362-08be-419f-8070-9c3055566e7c',
      customerId: 1,
      type: 'A',
      amount: '0.012',
      date: '2026-11-25',
      receivedAt: '2026-11-25T19:00:00.000Z',
      voidedAt: '2026-11-25T19:20:00.000Z',
      voidReason: 'sent to the wrong customer',
    },
  })
  @ApiProblemResponse(
    HttpStatus.BAD_REQUEST,
    'The path is not a UUID, or the body is not a JSON object with at most a valid `reason`.',
    {
      type: ProblemType.validation,
      title: 'Invalid request',
      detail: 'Invalid reason.',
      errors: [{ field: 'reason', message: VOID_REASON_RULE }],
    },
  )
  @ApiProblemResponse(
    HttpStatus.NOT_FOUND,
    'No message with this uuid was counted: nothing is voided, and the uuid can still be counted.',
    {
      title: 'Not Found',
      detail:
        'No message with uuid a596b362-08be-419f-8070-9c3055566e7c was counted.',
    },
  )
  @ApiProblemResponse(
    HttpStatus.CONFLICT,
    'The message counted on a settled day: it stays counted.',
    MESSAGE_SETTLED,
  )
  @ApiProblemResponse(
    HttpStatus.SERVICE_UNAVAILABLE,
    'The database cannot be reached, or stays busy; nothing was changed. Retry after the Retry-After seconds.',
    DATABASE_UNAVAILABLE,
  )
  void(
    @Param() { uuid }: UuidParamDto,
    @Body() { reason }: VoidMessageDto,
  ): Promise<MessageViewDto> {
    return this.ingestion.void(uuid, reason);
  }
}
