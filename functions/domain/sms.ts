/**
 * How an SMS is cut into parts. A text in the GSM 7-bit alphabet takes 160 characters in one part
 * (153 in each part of a longer one; the alphabet's extension characters count twice); any other
 * character (Bengali) sends the whole text as UCS-2: 70 in one part, 67 in each of a longer one,
 * counted in UTF-16 units.
 */

/** The GSM 03.38 basic character set, as one string. */
const gsmBasic =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** Its extension table: each is sent as an escape and the character, two septets. */
const gsmExtension = '^{}\\[~]|€\f';

export type SmsEncoding = 'GSM7' | 'UCS2';

export const smsEncodingOf = (text: string): SmsEncoding =>
  [...text].every((character) => gsmBasic.includes(character) || gsmExtension.includes(character)) ? 'GSM7' : 'UCS2';

/** The parts an SMS of this text takes. */
export const smsPartsOf = (text: string): number => {
  if (smsEncodingOf(text) === 'GSM7') {
    const septets = [...text].reduce((total, character) => total + (gsmExtension.includes(character) ? 2 : 1), 0);
    return septets <= 160 ? 1 : Math.ceil(septets / 153);
  }
  return text.length <= 70 ? 1 : Math.ceil(text.length / 67);
};
