import { useEffect, useEffectEvent, useRef } from 'react';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { BrushComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, PieChart, BrushComponent, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type EChartOption = echarts.EChartsCoreOption;
export type EChartInstance = echarts.ECharts;

/**
 * One ECharts instance per element; resized with its box, options replaced when they change. `onOption` runs after
 * each option is set (to subscribe to events, or to arm a brush).
 */
export function EChart({ option, className, testId, onOption }: { option: EChartOption; className?: string; testId?: string; onOption?: (chart: echarts.ECharts) => void }) {
  const elementRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.ECharts | null>(null);
  const optionSet = useEffectEvent((chart: echarts.ECharts) => onOption?.(chart));

  useEffect(() => {
    if (!elementRef.current) return;
    const chart = echarts.init(elementRef.current, undefined, { renderer: 'canvas' });
    chartRef.current = chart;
    // Tests and screenshots wait for this instead of a fixed delay: set when a render (and its animation) is done.
    const element = elementRef.current;
    chart.on('finished', () => {
      element.dataset.chartReady = 'true';
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(elementRef.current);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    const chart = chartRef.current;
    if (!chart) return;
    chart.setOption(option, { notMerge: false, lazyUpdate: true });
    optionSet(chart);
  }, [option]);

  return <div ref={elementRef} className={`echart ${className ?? ''}`} data-testid={testId} />;
}
