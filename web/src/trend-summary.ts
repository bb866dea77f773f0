/** The monthly trend's lines, and what a chart of them shows in words (its text alternative). Pure: no DOM, no hooks. */
import type { Scorecard } from '../../functions/domain/scorecard';
import { formatMonth, formatNumber, type Language } from './format';

export interface TrendRow {
  month: string;
  filed: number;
  settled: Scorecard['complaints']['settled'];
  escalated: number;
}

type Bilingual = Record<Language, string>;

export const series: { name: Bilingual; colour: string; value: (row: TrendRow) => number }[] = [
  { name: { bn: 'দাখিল', en: 'Filed' }, colour: '#1b4f9c', value: (row) => row.filed },
  { name: { bn: 'নিষ্পত্তি', en: 'Settled' }, colour: '#0b5c3b', value: (row) => row.settled.total },
  { name: { bn: 'নিয়ন্ত্রকের কাছে', en: 'Escalated' }, colour: '#8a1c1c', value: (row) => row.escalated },
];

const words = {
  empty: { bn: 'এখনও কোনো মাসের তথ্য নেই।', en: 'No month has figures yet.' },
  ofMonths: { bn: 'মাসভিত্তিক অভিযোগের রেখাচিত্র,', en: 'Complaints per month,' },
  total: { bn: 'মোট', en: 'total' },
  most: { bn: 'সবচেয়ে বেশি', en: 'most in' },
} satisfies Record<string, Bilingual>;

/** The months the chart covers, and each line's total and its highest month. */
export const trendSummary = (rows: TrendRow[], lang: Language) => {
  if (rows.length === 0) return words.empty[lang];
  const span = `${formatMonth(rows[0]!.month, lang)} – ${formatMonth(rows.at(-1)!.month, lang)}`;
  const lines = series.map(({ name, value }) => {
    const total = rows.reduce((sum, row) => sum + value(row), 0);
    const peak = rows.reduce((best, row) => (value(row) > value(best) ? row : best), rows[0]!);
    return `${name[lang]}: ${words.total[lang]} ${formatNumber(total, lang)}${total > 0 ? `, ${words.most[lang]} ${formatMonth(peak.month, lang)} (${formatNumber(value(peak), lang)})` : ''}`;
  });
  return `${words.ofMonths[lang]} ${span}. ${lines.join('; ')}.`;
};
