import { useEffect, useRef } from 'react';
import { BarChart, HeatmapChart, ScatterChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import type { EChartsCoreOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  BarChart,
  HeatmapChart,
  ScatterChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

/**
 * A tooltip body built from text nodes. ECharts puts a formatter's *string* into innerHTML; an
 * element is inserted as is, so names and ids from the data can never become markup.
 */
export function tooltipNode(title: string, lines: readonly string[]): HTMLElement {
  const box = document.createElement('div');
  const head = document.createElement('div');
  head.className = 'tip-title';
  head.textContent = title;
  box.appendChild(head);
  for (const line of lines) {
    const row = document.createElement('div');
    row.textContent = line;
    box.appendChild(row);
  }
  return box;
}

/** A canvas-rendered chart that follows its container's width. Animation off: charts print as they are. */
export function EChart({ option, height, testid }: { option: EChartsCoreOption; height: number; testid?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (ref.current === null) return;
    const c = echarts.init(ref.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(ref.current);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption({ animation: false, ...option }, true);
  }, [option]);
  return <div ref={ref} className="echart" style={{ height }} data-testid={testid} />;
}
