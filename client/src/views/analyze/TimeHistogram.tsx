// Incidents over time under the map, one bar per day, week or month, over the last year (the server's counts over
// every match of the other filters). Dragging across the bars picks the time window; the chosen window is drawn
// in colour, the rest in grey.
import { useMemo } from 'react';
import type { IncidentAggregates } from '../../api/types.ts';
import { updateQuery } from '../../app/router.ts';
import { EChart, type EChartInstance, type EChartOption } from '../../components/EChart.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { HISTOGRAM_INTERVALS, periodEnd, type AnalyzeFilters, type HistogramInterval } from './analyze-filters.ts';

const CHOSEN = '#1f6feb';
const OTHER = '#c7ced8';

/** The window a brush over bars `first`..`last` picks: from the first bar's start to the last one's end. */
export function brushedWindow(series: IncidentAggregates['series'], first: number, last: number, interval: HistogramInterval): { from: string; to: string } | null {
  const start = series[Math.max(0, Math.min(first, last))];
  const end = series[Math.min(series.length - 1, Math.max(first, last))];
  if (!start || !end) return null;
  return { from: start.start, to: periodEnd(end.start, interval) };
}

export function TimeHistogram({ series, filters, loading }: { series: IncidentAggregates['series'] | undefined; filters: AnalyzeFilters; loading: boolean }) {
  const i18n = useI18n();
  const interval = filters.interval;
  const option = useMemo<EChartOption>(() => {
    const bars = series ?? [];
    return {
      animation: false,
      grid: { left: 44, right: 16, top: 12, bottom: 24 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'category', data: bars.map((bar) => bar.start), axisLabel: { color: '#5b6472', fontSize: 11 }, axisTick: { alignWithLabel: true } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#5b6472', fontSize: 11 }, splitLine: { lineStyle: { color: '#eef1f5' } } },
      brush: { xAxisIndex: 0, brushType: 'lineX', brushMode: 'single', transformable: false, brushStyle: { color: 'rgba(31,111,235,0.15)', borderColor: CHOSEN, borderWidth: 1 }, outOfBrush: { colorAlpha: 0.35 } },
      series: [
        {
          type: 'bar',
          name: i18n.t('analyze.summary.total'),
          barCategoryGap: '15%',
          data: bars.map((bar) => ({ value: bar.count, itemStyle: { color: periodEnd(bar.start, interval) >= filters.from && bar.start <= filters.to ? CHOSEN : OTHER } })),
        },
      ],
    };
  }, [series, interval, filters.from, filters.to, i18n]);

  const armBrush = (chart: EChartInstance) => {
    // Dragging on the chart draws the brush at once, without a toolbox button first.
    chart.dispatchAction({ type: 'takeGlobalCursor', key: 'brush', brushOption: { brushType: 'lineX', brushMode: 'single' } });
    chart.off('brushEnd');
    chart.on('brushEnd', (event) => {
      const range = (event as { areas?: { coordRange?: [number, number] }[] }).areas?.[0]?.coordRange;
      chart.dispatchAction({ type: 'brush', areas: [] });
      if (!range || !series) return;
      const window = brushedWindow(series, range[0], range[1], interval);
      if (window) updateQuery({ ...window, incident: null });
    });
  };

  return (
    <section className="time-histogram" data-testid="time-histogram" data-loading={loading ? 'true' : 'false'} data-bars={series?.length ?? 0}>
      <header>
        <h3>{i18n.t('analyze.histogram')}</h3>
        <span className="time-histogram-window" data-testid="histogram-window">
          {i18n.t('analyze.histogram.window', { from: filters.from, to: filters.to })}
        </span>
        <div className="segmented segmented--small" role="radiogroup" aria-label={i18n.t('analyze.histogram')}>
          {HISTOGRAM_INTERVALS.map((item) => (
            <button key={item} type="button" role="radio" aria-checked={interval === item} className={interval === item ? 'active' : ''} data-testid={`interval-${item}`} onClick={() => updateQuery({ interval: item === 'day' ? null : item })}>
              {i18n.t(`analyze.interval.${item}`)}
            </button>
          ))}
        </div>
      </header>
      <EChart option={option} className="time-histogram-chart" testId="histogram-chart" onOption={armBrush} />
    </section>
  );
}
