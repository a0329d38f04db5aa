import { Amount } from '../common/amount';
import { CounterOverflowError } from '../database/counter-overflow.error';
import { ingestionProblemOf } from './ingestion-problems';
import { MessageNotFoundError } from './message-not-found.error';
import { UuidConflictError } from './uuid-conflict.error';

describe('ingestionProblemOf', () => {
  const uuid = 'a596b362-08be-419f-8070-9c3055566e7c';

  it('answers a uuid conflict with a 409 naming the uuid', () => {
    expect(ingestionProblemOf(new UuidConflictError(uuid))).toEqual({
      type: 'urn:message-stats:problem:uuid-conflict',
      title: 'uuid already used',
      status: 409,
      detail: `Message ${uuid} was already counted with different content; nothing was changed.`,
    });
  });

  it('answers a counter overflow with a 422 naming the counter and the limit', () => {
    const counter = { customerId: 1, type: 'A', date: '2026-11-25' };
    const error = new CounterOverflowError(
      [counter],
      Amount.fromMilli(2n ** 64n - 1n),
    );
    expect(ingestionProblemOf(error)).toEqual({
      type: 'urn:message-stats:problem:counter-overflow',
      title: 'Counter would overflow',
      status: 422,
      detail:
        'Counting would take the total of customer 1, type "A" on 2026-11-25 past 18446744073709551.615, the most one counter holds; nothing was changed.',
      counters: [counter],
    });
  });

  it('answers an unknown uuid with a 404', () => {
    expect(ingestionProblemOf(new MessageNotFoundError(uuid))).toMatchObject({
      status: 404,
      detail: `No message with uuid ${uuid} was counted.`,
    });
  });

  it('knows nothing of other errors', () => {
    expect(ingestionProblemOf(new Error('database gone'))).toBeUndefined();
  });
});
