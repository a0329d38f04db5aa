import {
  BadRequestException,
  Injectable,
  UnprocessableEntityException,
} from '@nestjs/common';
import { localInterval } from '../common/local-calendar';
import { dayStart, utcDateOf } from '../common/utc-date';
import { Clock } from '../common/clock';
import { ProblemType } from '../common/problem-details';
import { lastSettledDay } from '../common/settled-days';
import { AppConfig } from '../config/app-config';
import { StatisticsRepository } from '../database/repositories/statistics.repository';
import { StatsPageDto } from './dto/stats-page.dto';
import { StatsQueryDto } from './dto/stats-query.dto';
import { decodeCursor, encodeCursor } from './stats-cursor';

@Injectable()
export class StatisticsService {
  constructor(
    private readonly statistics: StatisticsRepository,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async page(query: StatsQueryDto): Promise<StatsPageDto> {
    const after =
      query.cursor === undefined
        ? undefined
        : decodeCursor(query.cursor, query.groupBy);
    if (query.cursor !== undefined && after === undefined) {
      throw new BadRequestException({
        type: ProblemType.validation,
        title: 'Invalid request',
        detail: 'Invalid cursor.',
        errors: [
          {
            field: 'cursor',
            message: 'cursor must be a nextCursor of this query',
          },
        ],
      });
    }
    const zone = await this.zoneOf(query);
    // Said before the read: a day settled now was settled while it ran.
    const settledThrough = lastSettledDay(
      this.clock.now(),
      this.config.eventWindow.maxAgeDays,
    );
    // One row more than asked says whether another page follows.
    const rows = await this.statistics.sum({
      from: query.from,
      to: query.to,
      customerId: query.customerId,
      type: query.type,
      groupBy: query.groupBy,
      timeZone: zone,
      after,
      limit: query.limit + 1,
    });
    const items = rows.slice(0, query.limit);
    const last = items.at(-1);
    return {
      from: query.from,
      to: query.to,
      timeZone: query.timeZone ?? 'UTC',
      items: items.map((row) => ({
        ...row,
        totalAmount: row.totalAmount.toString(),
      })),
      nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null,
      settledThrough,
    };
  }

  /**
   * The zone to plan in; none for UTC days, weeks and months, which are the
   * counters' own. Refuses hours over more than MAX_HOUR_DAYS days, and
   * days before the quarter-hour counters began (an upgraded database).
   */
  private async zoneOf(query: StatsQueryDto): Promise<string | undefined> {
    const utc =
      query.timeZone === undefined || query.timeZone.toUpperCase() === 'UTC';
    if (query.groupBy === 'hour' && daysOf(query) > MAX_HOUR_DAYS) {
      throw new BadRequestException({
        type: ProblemType.validation,
        title: 'Invalid request',
        detail: 'Invalid to.',
        errors: [
          {
            field: 'to',
            message: `to must be at most ${MAX_HOUR_DAYS - 1} days after from with groupBy=hour`,
          },
        ],
      });
    }
    if (utc && query.groupBy !== 'hour') return undefined;
    const zone = query.timeZone ?? 'UTC';
    const firstWhole = await this.statistics.firstQuarterHourDay();
    const { start } = localInterval(zone, query.from, query.to);
    const firstNeeded = utcDateOf(new Date(start));
    if (firstNeeded < firstWhole) {
      throw new UnprocessableEntityException({
        type: ProblemType.beforeQuarterHours,
        title: 'Days before the quarter-hour counters',
        detail: `${query.from} in ${zone} begins on ${firstNeeded} in UTC, before ${firstWhole}, the first day with counters per quarter hour: earlier days are answered in UTC only${query.groupBy === 'hour' ? ', and not per hour' : ''}.`,
        firstQuarterHourDay: firstWhole,
      });
    }
    return zone;
  }
}

/**
 * An answer per hour reads every quarter hour of its days: at most a
 * month of them (31 days, 744 hours per customer and type).
 */
const MAX_HOUR_DAYS = 31;

/** How many days the query's interval holds. */
const daysOf = ({ from, to }: StatsQueryDto): number =>
  (dayStart(to) - dayStart(from)) / 86_400_000 + 1;
