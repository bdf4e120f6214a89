// Why the sync server closes a websocket: sent by server/ and read by the client's session, so
// both sides agree on the numbers. Codes in 4400–4499 tell the stock client not to reconnect.

export const CLOSE_BAD_MAP_ID = 4400;
/** No access link, or one that is not valid (wrong signature, garbled). */
export const CLOSE_UNAUTHORIZED = 4401;
export const CLOSE_MALFORMED = 4402;
/** A valid link that does not open this map: for another map, expired or revoked; or a foreign page. */
export const CLOSE_FORBIDDEN = 4403;
/** A map the server does not have (deleted, or created offline and not announced yet). */
export const CLOSE_MAP_NOT_FOUND = 4404;
/** Too many connections to this map, or from this address. */
export const CLOSE_TOO_MANY_CONNECTIONS = 4408;
/** The map would grow past its size limit, or a presence message is too large. */
export const CLOSE_TOO_LARGE = 4413;
/** An update writes a field (title, text, name, link…) past its length limit: nothing of it is stored. */
export const CLOSE_FIELD_TOO_LONG = 4422;
/** Messages faster than the rate limit, or data sent before the connection was accepted. */
export const CLOSE_TOO_MANY_MESSAGES = 4429;
export const CLOSE_GOING_AWAY = 1001;
/**
 * Transient (outside 4400–4499): the client retries later. Also "the server cannot store your
 * edits right now" (disk full or read-only): nothing of that update was applied or relayed.
 */
export const CLOSE_SERVER_ERROR = 1011;
