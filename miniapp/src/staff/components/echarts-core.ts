// The one place ECharts is imported: a custom build through echarts/core with bar, line and pie only (+ grid, legend,
// tooltip and the canvas renderer), so the staff subpackage carries ~half of the full library and nothing else does.
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export { echarts };
