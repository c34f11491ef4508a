import { useEffect, useRef } from 'react';
import type { EChartProps } from './echart.types';
import './echart.scss';

/** One load for every chart on the page (and later pages): the chunk is fetched once. */
let loading: Promise<typeof import('./echarts-core')> | null = null;
const loadEcharts = () =>
  (loading ??= import('./echarts-core').catch((err) => {
    loading = null; // a failed chunk load may succeed on the next page visit
    throw err;
  }));

/** H5: ECharts on a div (it adds its canvas), loaded on first use so not even the staff pages' own chunks carry it. */
export function EChart({ option, label, testId }: EChartProps) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let gone = false;
    let dispose = () => undefined as void;
    loadEcharts().then(
      ({ echarts }) => {
        if (gone || !box.current) return;
        try {
          const chart = echarts.init(box.current, undefined, { renderer: 'canvas' });
          chart.setOption(option);
          const onResize = () => chart.resize();
          window.addEventListener('resize', onResize);
          dispose = () => {
            window.removeEventListener('resize', onResize);
            chart.dispose();
          };
        } catch {
          // No canvas (an old browser): the text table under the chart still has every figure.
        }
      },
      () => undefined,
    );
    return () => {
      gone = true;
      dispose();
    };
  }, [option]);
  return <div ref={box} className='echart' role='img' aria-label={label} data-testid={testId} />;
}
