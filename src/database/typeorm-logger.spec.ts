import { Logger } from '@nestjs/common';
import { TypeOrmLogger } from './typeorm-logger';

describe('TypeOrmLogger', () => {
  const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation();
  const log = jest.spyOn(Logger.prototype, 'log').mockImplementation();
  const logger = new TypeOrmLogger();

  beforeEach(() => {
    warn.mockClear();
    log.mockClear();
  });

  it('warns of a slow query with its time and statement, never its parameters', () => {
    logger.logQuerySlow(1509, 'SELECT uuid\n  FROM messages WHERE uuid = ?');
    expect(warn).toHaveBeenCalledWith(
      'query took 1509 ms: SELECT uuid FROM messages WHERE uuid = ?',
    );
  });

  it('cuts a long statement short', () => {
    logger.logQuerySlow(
      2000,
      `INSERT INTO messages VALUES ${'(?), '.repeat(500)}`,
    );
    const [message] = warn.mock.calls[0] as [string];
    expect(message.length).toBeLessThan(240);
    expect(message.endsWith('…')).toBe(true);
  });

  it('logs migrations and warnings, and leaves queries and their errors alone', () => {
    logger.logMigration('Migration X has been executed successfully.');
    logger.log('warn', 'something odd');
    logger.log('info', 'chatter');
    logger.logQuery();
    logger.logQueryError();
    expect(log).toHaveBeenCalledWith(
      'Migration X has been executed successfully.',
    );
    expect(warn).toHaveBeenCalledWith('something odd');
    expect(warn).toHaveBeenCalledTimes(1);
  });
});
