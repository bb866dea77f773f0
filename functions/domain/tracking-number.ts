/**
 * Tracking numbers: 9 random symbols + 1 check symbol from Crockford's base 32 alphabet
 * (no I, L, O, U, so nothing is misread), shown as `XXXXX-XXXXX`. 45 random bits keep them
 * unguessable enough to serve as the lookup key; the Luhn mod 32 check symbol catches every
 * single mistyped symbol and most swaps of neighbours before we touch the database.
 */
import { InvalidRequestError } from './errors';

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const base = alphabet.length;
const randomSymbols = 9;

/** Luhn mod N: double every second symbol from the right, starting with the rightmost payload symbol. */
const checkSymbol = (payload: string): string => {
  let sum = 0;
  let double = true;
  for (let i = payload.length - 1; i >= 0; i--) {
    let value = alphabet.indexOf(payload[i]!) * (double ? 2 : 1);
    value = Math.floor(value / base) + (value % base);
    sum += value;
    double = !double;
  }
  return alphabet[(base - (sum % base)) % base]!;
};

const present = (compact: string) => `${compact.slice(0, 5)}-${compact.slice(5)}`;

/** Makes a tracking number from at least 9 random bytes (crypto.randomBytes in production). */
export const newTrackingNumber = (randomBytes: Uint8Array): string => {
  if (randomBytes.length < randomSymbols) throw new Error(`need ${randomSymbols} random bytes`);
  let payload = '';
  for (let i = 0; i < randomSymbols; i++) payload += alphabet[randomBytes[i]! % base];
  return present(payload + checkSymbol(payload));
};

/**
 * Accepts what a person types (any case, spaces or dashes, O for 0, I/L for 1) and returns the
 * canonical form, or throws InvalidRequestError saying what is wrong.
 */
export const parseTrackingNumber = (typed: string): string => {
  const compact = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  const problem =
    compact.length !== randomSymbols + 1
      ? `A tracking number has ${randomSymbols + 1} letters and digits, like 7K3M9-Q2TXB.`
      : [...compact].some((symbol) => !alphabet.includes(symbol))
        ? 'A tracking number uses only digits and the letters A-Z without U.'
        : checkSymbol(compact.slice(0, -1)) !== compact.slice(-1)
          ? 'That tracking number has a typing mistake: please check it against your SMS or email.'
          : undefined;
  if (problem) throw new InvalidRequestError(problem, { trackingNumber: problem });
  return present(compact);
};
