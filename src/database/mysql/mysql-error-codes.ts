import type { DriverErrorCodes } from '../driver-error-codes';

/** mysql2's codes (and Node's network ones, which only mysql2 meets here). */
export const MYSQL_ERROR_CODES: DriverErrorCodes = {
  unavailable: new Set([
    'ECONNREFUSED',
    'ECONNRESET',
    'ETIMEDOUT',
    'ENOTFOUND',
    'EAI_AGAIN',
    'EHOSTUNREACH',
    'ENETUNREACH',
    'EPIPE',
    'PROTOCOL_CONNECTION_LOST',
    'PROTOCOL_SEQUENCE_TIMEOUT',
    'ER_CON_COUNT_ERROR',
    'ER_SERVER_SHUTDOWN',
    'ER_ACCESS_DENIED_ERROR',
    // 1698: a user that may only log in another way (MariaDB's unix_socket
    // root, say); 1044: a user without rights on the database.
    'ER_ACCESS_DENIED_NO_PASSWORD_ERROR',
    'ER_DBACCESS_DENIED_ERROR',
    'ER_BAD_DB_ERROR',
    'DATABASE_TIMEOUT',
    // 1047, "WSREP has not yet prepared node for application use": a Galera
    // node that is joining the cluster, or cut off from its majority.
    'ER_UNKNOWN_COM_ERROR',
  ]),
  duplicateKey: new Set(['ER_DUP_ENTRY']),
  transient: new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT']),
  // BIGINT UNSIGNED arithmetic refuses to pass its limit.
  counterOverflow: new Set([
    'ER_DATA_OUT_OF_RANGE',
    'ER_WARN_DATA_OUT_OF_RANGE',
  ]),
  // 1146 and 1054.
  schemaBehind: (code) =>
    code === 'ER_NO_SUCH_TABLE' || code === 'ER_BAD_FIELD_ERROR',
  codePrefix: 'ER_',
};
