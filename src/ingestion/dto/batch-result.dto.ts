import { BatchItemResultDto } from './batch-item-result.dto';

/** One result per message of the batch, in the order sent. */
export class BatchResultDto {
  results: BatchItemResultDto[];
}
