/**
 * Rules about a message that more than one route applies: the ingestion
 * routes to what they count, the statistics route to what it filters by.
 */

/** Well-formed UTF-16 (no lone surrogates) of at most 64 Unicode characters. */
export const MESSAGE_TYPE_PATTERN =
  /^(?:[^\uD800-\uDFFF]|[\uD800-\uDBFF][\uDC00-\uDFFF]){0,64}$/;

export const MESSAGE_TYPE_RULE =
  'type must be at most 64 characters of well-formed Unicode';

/** The largest length of a type, in Unicode characters (JSON Schema's maxLength). */
export const MESSAGE_TYPE_MAX_LENGTH = 64;

/**
 * A uuid: 32 hex digits grouped 8-4-4-4-12, in any case, of any version
 * and variant (RFC 9562's text form; the nil and max uuids included). The
 * service only keys messages by it, so it reads no meaning into its bits.
 */
export const UUID_PATTERN =
  /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export const UUID_RULE =
  'uuid must be a UUID: 32 hex digits grouped 8-4-4-4-12, any version';

/**
 * A uuid as the ledger keys it: lowercase, so that a uuid counts once in
 * whatever case it is sent (a class-transformer @Transform).
 */
export const lowercaseUuid = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.toLowerCase() : value;
