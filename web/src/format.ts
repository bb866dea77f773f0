/** Numbers, dates (Dhaka time), months, relative days and plurals through Intl, in `bn-BD` (Bengali digits) or `en-GB`. */
export type Language = 'bn' | 'en';

const locale = (lang: Language) => (lang === 'bn' ? 'bn-BD' : 'en-GB');

export const formatNumber = (value: number, lang: Language, options?: Intl.NumberFormatOptions) =>
  new Intl.NumberFormat(locale(lang), options).format(value);

export const formatPercent = (ratio: number, lang: Language) =>
  formatNumber(ratio, lang, { style: 'percent', maximumFractionDigits: 1 });

export const formatDate = (iso: string, lang: Language) =>
  new Intl.DateTimeFormat(locale(lang), {
    timeZone: 'Asia/Dhaka',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(new Date(iso));

export const formatDateTime = (iso: string, lang: Language) =>
  new Intl.DateTimeFormat(locale(lang), {
    timeZone: 'Asia/Dhaka',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  }).format(new Date(iso));

export const formatMonth = (yearMonth: string, lang: Language) =>
  new Intl.DateTimeFormat(locale(lang), { timeZone: 'UTC', month: 'short', year: 'numeric' }).format(
    new Date(`${yearMonth}-01T00:00:00Z`),
  );

/** "in 3 days", "2 days ago", "today", in whole Dhaka days between now and `iso`. */
export const formatRelativeDays = (iso: string, now: Date, lang: Language) => {
  const dhakaDay = (date: Date) => Math.floor((date.getTime() + 6 * 3_600_000) / 86_400_000);
  return new Intl.RelativeTimeFormat(locale(lang), { numeric: 'auto' }).format(
    dhakaDay(new Date(iso)) - dhakaDay(now),
    'day',
  );
};

/** A count with its noun in the right plural form: `plural(3, {one: 'complaint', other: 'complaints'})`. */
export const plural = (
  count: number,
  forms: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string },
  lang: Language,
) => `${formatNumber(count, lang)} ${forms[new Intl.PluralRules(locale(lang)).select(count)] ?? forms.other}`;
