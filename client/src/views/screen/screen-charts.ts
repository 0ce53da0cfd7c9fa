// ECharts options for the command display, as plain data built from the stats and the palette.
import type { IncidentCategory } from '#domain/vocabulary.ts';
import type { IncidentStats } from '../../api/types.ts';
import type { EChartOption } from '../../components/EChart.tsx';
import type { I18n } from '../../i18n/i18n.tsx';
import { CATEGORY_LABELS } from '../../i18n/messages.ts';
import { CATEGORY_COLOURS } from '../../map/palette.ts';

const AXIS_TEXT = '#8fb8e8';
const SPLIT_LINE = 'rgba(64, 140, 220, 0.15)';

export function categoryChart(stats: IncidentStats, i18n: I18n, scale: number): EChartOption {
  const data = (Object.entries(stats.byCategory) as Array<[IncidentCategory, number]>)
    .filter(([, count]) => count > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([category, count]) => ({ name: i18n.label(CATEGORY_LABELS[category], category), value: count, itemStyle: { color: CATEGORY_COLOURS[category] } }));
  return {
    animationDuration: 800,
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)', textStyle: { fontSize: 13 * scale } },
    legend: {
      type: 'plain',
      orient: 'vertical',
      right: '2%',
      top: 'middle',
      itemWidth: 10 * scale,
      itemHeight: 10 * scale,
      itemGap: 6 * scale,
      textStyle: { color: '#cfe6ff', fontSize: 12 * scale },
      formatter: (name: string) => `${name}  ${i18n.number(data.find((item) => item.name === name)?.value ?? 0)}`,
    },
    series: [
      {
        type: 'pie',
        roseType: 'radius',
        radius: ['22%', '82%'],
        center: ['30%', '52%'],
        itemStyle: { borderColor: '#061a33', borderWidth: 2 * scale, borderRadius: 3 * scale },
        label: { show: false },
        data,
      },
    ],
  };
}

export function trendChart(stats: IncidentStats, i18n: I18n, scale: number): EChartOption {
  const dates = stats.trend.map((day) => day.date);
  return {
    animationDuration: 800,
    grid: { left: 36 * scale, right: 14 * scale, top: 30 * scale, bottom: 24 * scale },
    tooltip: { trigger: 'axis', textStyle: { fontSize: 13 * scale } },
    legend: { top: 0, right: 0, itemWidth: 14 * scale, itemHeight: 8 * scale, textStyle: { color: '#cfe6ff', fontSize: 12 * scale }, data: [i18n.t('screen.trendReported'), i18n.t('screen.trendClosed')] },
    xAxis: {
      type: 'category',
      data: dates,
      axisLine: { lineStyle: { color: SPLIT_LINE } },
      axisLabel: { color: AXIS_TEXT, fontSize: 11 * scale, formatter: (value: string) => value.slice(5).replace('-', '/') },
      axisTick: { show: false },
    },
    yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: SPLIT_LINE } }, axisLabel: { color: AXIS_TEXT, fontSize: 11 * scale } },
    series: [
      {
        name: i18n.t('screen.trendReported'),
        type: 'bar',
        barWidth: '55%',
        data: stats.trend.map((day) => day.count),
        itemStyle: {
          borderRadius: [2 * scale, 2 * scale, 0, 0],
          color: { type: 'linear', x: 0, y: 0, x2: 0, y2: 1, colorStops: [{ offset: 0, color: '#00e5ff' }, { offset: 1, color: 'rgba(0, 110, 220, 0.25)' }] },
        },
      },
      {
        name: i18n.t('screen.trendClosed'),
        type: 'line',
        smooth: 0.25,
        symbol: 'circle',
        symbolSize: 4 * scale,
        data: stats.trend.map((day) => day.closed),
        lineStyle: { width: 2 * scale, color: '#2bd99f', shadowBlur: 6 * scale, shadowColor: 'rgba(43, 217, 159, 0.6)' },
        itemStyle: { color: '#2bd99f' },
        areaStyle: { color: { type: 'linear', x: 0, y: 0, x2: 0, y2: 1, colorStops: [{ offset: 0, color: 'rgba(43, 217, 159, 0.28)' }, { offset: 1, color: 'rgba(43, 217, 159, 0)' }] } },
      },
    ],
  };
}

export function rankingChart(stats: IncidentStats, i18n: I18n, scale: number): EChartOption {
  const rows = [...stats.gridRanking].slice(0, 8).reverse();
  return {
    animationDuration: 800,
    grid: { left: 8 * scale, right: 40 * scale, top: 4 * scale, bottom: 4 * scale, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, textStyle: { fontSize: 13 * scale } },
    xAxis: { type: 'value', show: false },
    yAxis: {
      type: 'category',
      data: rows.map((row) => row.name),
      axisLine: { show: false },
      axisTick: { show: false },
      axisLabel: { color: '#cfe6ff', fontSize: 12 * scale, width: 110 * scale, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        data: rows.map((row) => row.count),
        barWidth: '52%',
        showBackground: true,
        backgroundStyle: { color: 'rgba(30, 90, 160, 0.18)', borderRadius: 6 * scale },
        itemStyle: {
          borderRadius: 6 * scale,
          color: { type: 'linear', x: 0, y: 0, x2: 1, y2: 0, colorStops: [{ offset: 0, color: '#0b6bd3' }, { offset: 1, color: '#00e5ff' }] },
        },
        label: { show: true, position: 'right', color: '#e8f6ff', fontSize: 12 * scale, formatter: (parameters: { value: number }) => i18n.number(parameters.value) },
      },
    ],
  };
}
