/** The error codes of one database's driver, by what they mean to the service. */
export interface DriverErrorCodes {
  /** The database cannot be reached, or refuses this login or database. */
  unavailable: ReadonlySet<string>;
  /** An insert hit an existing primary key. */
  duplicateKey: ReadonlySet<string>;
  /** A deadlock or a lock wait: the transaction may simply run again. */
  transient: ReadonlySet<string>;
  /** A counter would pass the largest value its column holds. */
  counterOverflow: ReadonlySet<string>;
  /** A table or column the build uses is missing. */
  schemaBehind(code: string, message: string): boolean;
  /** How the driver's own codes begin, to tell its errors from others. */
  codePrefix: string;
}
