import type { BarSeriesOption, LineSeriesOption, PieSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';

/** What the custom build (echarts-core.ts) draws: bar, line and pie with grid, legend and tooltip. Types only. */
export type ChartOption = ComposeOption<BarSeriesOption | LineSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

export interface EChartProps {
  option: ChartOption;
  /** What a screen reader hears; the figures themselves are in the text table under each chart. */
  label: string;
  testId: string;
}
