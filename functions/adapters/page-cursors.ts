/**
 * Page cursors: the last key of the previous page, as base64url JSON. A cursor coming back is
 * refused (400) before DynamoDB sees it unless it is a key of the very list asked for: exactly the
 * expected key attributes, each a short well-formed string (at most 400 bytes) or, where the list declares a
 * Number key, a whole number, and `belongs` true of its strings. A made-up cursor would otherwise
 * be a DynamoDB ValidationException (a 500), and one from another list would read outside it.
 */
import { InvalidRequestError } from '../domain/errors';

const refused = () => new InvalidRequestError('The page cursor is not one this API gave out.', { cursor: 'invalid' });

export const encodeCursor = (lastKey: Record<string, unknown> | undefined) =>
  lastKey ? Buffer.from(JSON.stringify(lastKey)).toString('base64url') : undefined;

export const decodeCursor = (
  cursor: string,
  attributes: readonly string[],
  belongs: (key: Record<string, string>) => boolean,
  numberAttributes: readonly string[] = [],
): Record<string, string | number> => {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  const isKey =
    typeof key === 'object' &&
    key !== null &&
    !Array.isArray(key) &&
    JSON.stringify(Object.keys(key).sort()) === JSON.stringify([...attributes].sort()) &&
    // Bytes, not characters: DynamoDB refuses a key attribute over its byte limit with a ValidationException.
    Object.entries(key).every(([name, value]) =>
      numberAttributes.includes(name)
        ? Number.isSafeInteger(value)
        : typeof value === 'string' &&
          value.length > 0 &&
          Buffer.byteLength(value, 'utf8') <= 400 &&
          // JSON's \ud800 escape can carry half a surrogate pair, which is no UTF-8 DynamoDB takes.
          !/\p{Cs}/u.test(value),
    );
  if (!isKey) throw refused();
  const checked = key as Record<string, string | number>;
  const strings = Object.fromEntries(Object.entries(checked).filter(([name]) => !numberAttributes.includes(name)));
  if (!belongs(strings as Record<string, string>)) throw refused();
  return checked;
};
