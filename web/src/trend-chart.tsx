/**
 * The monthly trend as a chart, drawn by uPlot (a small, maintained canvas charting library, loaded
 * only where a chart is shown). The canvas is an image to assistive technology, described by a
 * text alternative that says what it shows; the table with every figure follows it on the page.
 */
import { useEffect, useRef } from 'preact/hooks';
import { formatMonth, formatNumber, t, useLanguage } from './i18n';
import { series, trendSummary, type TrendRow } from './trend-summary';

export type { TrendRow } from './trend-summary';

export const TrendChart = ({ rows }: { rows: TrendRow[] }) => {
  const lang = useLanguage();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let chart: { destroy: () => void; setSize: (size: { width: number; height: number }) => void } | undefined;
    let live = true;
    const resize = () => chart?.setSize({ width: box.current!.clientWidth, height: 220 });
    void import('uplot').then(({ default: uPlot }) => {
      if (!live || !box.current) return;
      chart = new uPlot(
        {
          width: box.current.clientWidth,
          height: 220,
          legend: { show: true },
          cursor: { show: false },
          scales: { x: { time: false } },
          axes: [
            {
              values: (_chart, ticks) =>
                ticks.map((tick) => (Number.isInteger(tick) && rows[tick] ? formatMonth(rows[tick]!.month, lang) : '')),
              stroke: '#1b1f24',
            },
            {
              values: (_chart, ticks) => ticks.map((tick) => (Number.isInteger(tick) ? formatNumber(tick, lang) : '')),
              stroke: '#1b1f24',
            },
          ],
          series: [
            { label: t('month', lang) },
            ...series.map(({ name, colour }) => ({
              label: name[lang],
              stroke: colour,
              width: 2,
              points: { show: true },
            })),
          ],
        },
        [rows.map((_row, index) => index), ...series.map(({ value }) => rows.map(value))],
        box.current,
      );
      addEventListener('resize', resize);
    });
    return () => {
      live = false;
      removeEventListener('resize', resize);
      chart?.destroy();
    };
  }, [rows, lang]);
  return (
    <figure class="chart">
      <div ref={box} role="img" aria-label={trendSummary(rows, lang)} />
      <figcaption>
        {t('monthlyTrend')} ({t('chartTableBelow')})
      </figcaption>
    </figure>
  );
};
