// A chart drawn by ECharts (SVG renderer, aria description, decal patterns so that series
// differ by more than colour). ECharts is loaded on first use. Every chart stands beside a
// <table> with the same numbers and a one-sentence summary (`summary`), which is also the
// chart's accessible name.
import { useEffect, useRef } from 'react';
import type { EChartsCoreOption } from 'echarts/core';

// On a narrow screen: category labels are cut to a width that leaves the bars room, and a
// long legend scrolls instead of taking the chart's height.
function forNarrow(option: EChartsCoreOption): EChartsCoreOption {
  const o = { ...option } as Record<string, unknown>;
  const y = o.yAxis as Record<string, unknown> | undefined;
  if (y && y.type === 'category') o.yAxis = { ...y, axisLabel: { width: 96, overflow: 'truncate', ...(y.axisLabel as object) } };
  if (o.legend) o.legend = { ...(o.legend as object), type: 'scroll' };
  return o as EChartsCoreOption;
}

export function Chart({ option, summary, height = 320, narrow = false }: {
  option: EChartsCoreOption;
  summary: string;
  height?: number;
  narrow?: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let chart: { dispose(): void; resize(): void } | null = null;
    const el = ref.current;
    const resize = () => chart?.resize();
    void import('./echartsSetup').then(({ default: echarts }) => {
      if (disposed || !el) return;
      const c = echarts.init(el, undefined, { renderer: 'svg' });
      c.setOption({
        // Our summary, in the page's language, rather than ECharts' generated description.
        aria: { enabled: true, label: { description: summary }, decal: { show: true } },
        animation: false,
        textStyle: { fontFamily: "'Noto Sans JP','Noto Sans CJK JP','BIZ UDPGothic','Yu Gothic UI','Meiryo',sans-serif" },
        ...(narrow ? forNarrow(option) : option),
      });
      chart = c;
      window.addEventListener('resize', resize);
    });
    return () => {
      disposed = true;
      window.removeEventListener('resize', resize);
      chart?.dispose();
    };
  }, [option, summary, narrow]);
  return <div ref={ref} role="img" aria-label={summary} className="chart" data-height={height} />;
}
