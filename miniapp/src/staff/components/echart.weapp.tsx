import { useEffect, useRef } from 'react';
import Taro from '@tarojs/taro';
import { Canvas } from '@tarojs/components';
import { echarts } from './echarts-core';
import type { EChartProps } from './echart.types';
import './echart.scss';

let seq = 0;

/** weapp: ECharts on a canvas 2d node (the same options as H5), sized to the node at the phone's pixel ratio. */
export function EChart({ option, label, testId }: EChartProps) {
  const id = useRef(`echart-${++seq}`).current;
  useEffect(() => {
    let gone = false;
    let chart: ReturnType<typeof echarts.init> | null = null;
    Taro.nextTick(() => {
      Taro.createSelectorQuery()
        .select(`#${id}`)
        .fields({ node: true, size: true })
        .exec((res: Array<{ node?: unknown; width: number; height: number } | null>) => {
          const hit = res?.[0];
          if (gone || !hit?.node) return;
          const dpr = Taro.getSystemInfoSync().pixelRatio;
          // Text is measured on an offscreen canvas: the mini-program has no document to make one.
          echarts.setPlatformAPI({ createCanvas: () => Taro.createOffscreenCanvas({ type: '2d' }) as unknown as HTMLCanvasElement });
          chart = echarts.init(hit.node as HTMLElement, undefined, { width: hit.width, height: hit.height, devicePixelRatio: dpr });
          chart.setOption(option);
        });
    });
    return () => {
      gone = true;
      chart?.dispose();
    };
  }, [id, option]);
  return <Canvas type='2d' id={id} className='echart' aria-label={label} data-testid={testId} />;
}
