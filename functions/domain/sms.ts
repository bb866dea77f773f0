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

/**
 * A provider's own words (a refusal's or a report's reason), fit to keep with a complaint and to
 * log: one line, no control or format characters, long digit runs (a phone number) masked, at
 * most 100 characters.
 */
export const providerText = (text: string) =>
  text
    .replace(/[\p{Cc}\p{Cf}]+/gu, ' ')
    .replace(/\+?\d[\d -]{5,}\d/g, '…')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 100);

/**
 * Names an SMS about a complaint for the provider, which gives it back in its delivery report:
 * the tracking number, the timeline entry the message was about and its recipient.
 */
export const smsReferenceOf = (trackingNumber: string, seq: number, audience: 'consumer' | 'merchant') =>
  `${trackingNumber}.${seq}.${audience}`;

const referencePattern = /^([0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5})\.(\d{1,6})\.(consumer|merchant)$/;

/** The complaint message a reference names, or nothing (an SMS with no complaint, such as a sign-in code). */
export const parseSmsReference = (reference: string | undefined) => {
  const match = reference === undefined ? null : referencePattern.exec(reference);
  if (!match) return undefined;
  return { trackingNumber: match[1]!, seq: Number(match[2]), audience: match[3] as 'consumer' | 'merchant' };
};
