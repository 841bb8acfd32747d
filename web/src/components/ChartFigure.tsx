// A chart and the table with its numbers, as one figure. On a narrow screen the table comes
// first — a chart squeezed to a phone's width is hard to read, the table is not — and the
// chart follows it, still there for who wants it.
import type { ReactNode } from 'react';
import type { EChartsCoreOption } from 'echarts/core';
import { useNarrow } from '../lib/useNarrow';
import { Chart } from './Chart';
import { TableScroll } from './TableScroll';

export function ChartFigure({ option, summary, height, table }: {
  option: EChartsCoreOption;
  summary: string;
  height?: number;
  table: ReactNode;
}) {
  const narrow = useNarrow();
  const chart = <Chart option={option} summary={summary} height={height} narrow={narrow} />;
  const numbers = (
    <TableScroll label={summary} className={narrow ? 'mb-4' : 'mt-4'}>
      {table}
    </TableScroll>
  );
  return narrow ? (
    <div className="chart-figure chart-figure-narrow">
      {numbers}
      {chart}
    </div>
  ) : (
    <div className="chart-figure">
      {chart}
      {numbers}
    </div>
  );
}
