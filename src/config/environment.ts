import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  validateSync,
} from 'class-validator';
import { digitsToInteger } from '../common/digits-to-integer';

const toBoolean = ({ value }: { value: unknown }): unknown => {
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  return value;
};

const booleanRule = (name: string) =>
  `${name} must be true or false (or 1 or 0)`;

/**
 * The environment variables the service reads, with their rules. A
 * property's rules run bottom-up and only the first broken one is told, so
 * the type check sits last.
 */
export class Environment {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV?: 'development' | 'production' | 'test';

  @IsOptional()
  @Transform(digitsToInteger)
  @Min(0)
  @Max(65535)
  @IsInt()
  PORT?: number;

  @IsOptional()
  @IsString()
  HOST?: string;

  @IsOptional()
  @Matches(/^(mysql|mariadb):\/\/[^/]+\/[^/?]+(\?.*)?$|^sqlite:.+$/, {
    message:
      'DATABASE_URL must look like mysql://user:pass@host:3306/db or sqlite:path/to/file.sqlite',
  })
  DATABASE_URL?: string;

  @IsOptional()
  @Transform(digitsToInteger)
  @Min(1)
  @Max(1000)
  @IsInt()
  DATABASE_POOL_SIZE?: number;

  @IsOptional()
  @Transform(digitsToInteger)
  @Min(100)
  @Max(600000)
  @IsInt()
  DATABASE_QUERY_TIMEOUT_MS?: number;

  @IsOptional()
  @Transform(digitsToInteger)
  @Min(1)
  @Max(3600)
  @IsInt()
  DATABASE_LOCK_WAIT_TIMEOUT_S?: number;

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: booleanRule('MIGRATIONS_RUN') })
  MIGRATIONS_RUN?: boolean;

  @IsOptional()
  @Transform(digitsToInteger)
  @Min(100)
  @Max(600000)
  @IsInt()
  REQUEST_TIMEOUT_MS?: number;

  @IsOptional()
  @Transform(digitsToInteger)
  @Min(0)
  @Max(63072000)
  @IsInt()
  HSTS_MAX_AGE_S?: number;

  @IsOptional()
  @Transform(digitsToInteger)
  @Min(1)
  @Max(3650)
  @IsInt()
  MAX_EVENT_AGE_DAYS?: number;

  @IsOptional()
  @Transform(digitsToInteger)
  @Min(0)
  @Max(86400)
  @IsInt()
  MAX_EVENT_SKEW_S?: number;

  @IsOptional()
  @Transform(digitsToInteger)
  @Min(2)
  @Max(36500)
  @IsInt()
  LEDGER_RETENTION_DAYS?: number;

  @IsOptional()
  @Transform(digitsToInteger)
  @Min(0)
  @Max(86400)
  @IsInt()
  LEDGER_RETENTION_INTERVAL_S?: number;

  @IsOptional()
  @IsString()
  API_KEYS?: string;

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: booleanRule('AUTH_DISABLED') })
  AUTH_DISABLED?: boolean;

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: booleanRule('EXPLORER_ENABLED') })
  EXPLORER_ENABLED?: boolean;

  @IsOptional()
  @Transform(digitsToInteger)
  @Min(1)
  @Max(1000)
  @IsInt()
  GROUP_COMMIT_MAX_BATCH?: number;

  @IsOptional()
  @Transform(digitsToInteger)
  @Min(0)
  @Max(1000)
  @IsInt()
  GROUP_COMMIT_MAX_WAIT_MS?: number;

  @IsOptional()
  @Transform(digitsToInteger)
  @Min(1)
  @Max(100)
  @IsInt()
  GROUP_COMMIT_MAX_CONCURRENT?: number;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: string;

  @IsOptional()
  @IsString()
  RATE_LIMITS?: string;

  @IsOptional()
  @Transform(digitsToInteger)
  @Min(1)
  @Max(100)
  @IsInt()
  BATCH_CONCURRENCY?: number;

  @IsOptional()
  @Transform(digitsToInteger)
  @Min(1)
  @Max(100)
  @IsInt()
  READ_CONCURRENCY?: number;

  @IsOptional()
  @Transform(digitsToInteger)
  @Min(0)
  @Max(10000)
  @IsInt()
  WORKLOAD_QUEUE_LIMIT?: number;

  @IsOptional()
  @Transform(digitsToInteger)
  @Min(0)
  @Max(600000)
  @IsInt()
  WORKLOAD_MAX_WAIT_MS?: number;

  @IsOptional()
  @Matches(/^amqps?:\/\/.+$/, {
    message: 'AMQP_URL must look like amqp://user:pass@host:5672',
  })
  AMQP_URL?: string;

  @IsOptional()
  @Matches(/^[\w.:-]{1,200}$/, {
    message: 'AMQP_QUEUE must be a queue name of letters, digits, . _ : -',
  })
  AMQP_QUEUE?: string;

  @IsOptional()
  @Transform(digitsToInteger)
  @Min(1)
  @Max(10000)
  @IsInt()
  AMQP_PREFETCH?: number;

  @IsOptional()
  @Transform(digitsToInteger)
  @Min(1)
  @Max(1000)
  @IsInt()
  AMQP_GROUP_SIZE?: number;

  @IsOptional()
  @Transform(digitsToInteger)
  @Min(0)
  @Max(1000)
  @IsInt()
  AMQP_LINGER_MS?: number;
}

/** Thrown when the environment is invalid; its message is one readable line. */
export class InvalidEnvironmentError extends Error {
  override name = 'InvalidEnvironmentError';
}

export function validateEnvironment(env: NodeJS.ProcessEnv): Environment {
  const defined = Object.fromEntries(
    Object.entries(env).filter(
      ([, value]) => value !== undefined && value !== '',
    ),
  );
  const parsed = plainToInstance(Environment, defined);
  // One reason per variable: PORT=abc is "not an integer", not also "below 0".
  const errors = validateSync(parsed, {
    whitelist: true,
    stopAtFirstError: true,
  });
  if (errors.length > 0) {
    const reasons = errors.flatMap((error) =>
      Object.values(error.constraints ?? {}),
    );
    throw new InvalidEnvironmentError(
      `invalid environment: ${reasons.join('; ')}`,
    );
  }
  return parsed;
}
