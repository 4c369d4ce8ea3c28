import { BarChart as BarSeries, type BarSeriesOption } from 'echarts/charts';
import {
  AriaComponent,
  type AriaComponentOption,
  GridComponent,
  type GridComponentOption,
  LegendComponent,
  type LegendComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from 'echarts/components';
import { type ComposeOption, type ECharts, init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';

/*
 * Apache ECharts, imported piece by piece (bars, grid, tooltip, legend, aria, the SVG renderer) so
 * the bundle carries only what the charts use. Only the statistics page imports this module, and
 * the router loads that page lazily: the first page's JavaScript holds no chart code.
 */
use([BarSeries, GridComponent, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer]);

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
  | AriaComponentOption
>;

/**
 * The app's type (styles/base.css): ECharts draws its own text and does not inherit the page's
 * font.
 */
const FONT =
  "'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', system-ui, sans-serif";
const INK = '#1a1a1a';
const MUTED = '#4d4d4d';
const LINE = '#d0d0d0';

/**
 * One ECharts instance in a div of the given height and the width of its container: created on
 * mount (SVG, Chinese locale), given `option` whenever it changes (pass a stable object, e.g.
 * from useMemo), resized with its container, disposed on unmount.
 */
export function EChart(props: { option: ChartOption; height: number; testId?: string }) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  useEffect(() => {
    const element = container.current;
    if (element === null) return;
    const instance = init(element, null, { renderer: 'svg', locale: 'ZH' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(props.option, { notMerge: true });
  }, [props.option]);
  return (
    <div
      ref={container}
      className="echart"
      style={{ height: props.height }}
      data-testid={props.testId}
    />
  );
}

export interface BarSeriesData {
  name: string;
  /** One value per category; null where there is nothing to show (drawn as "—"). */
  values: readonly (number | null)[];
  colour: string;
}

/**
 * Grouped horizontal bars (categories down the side, so long Chinese names fit a phone): each bar
 * labelled with its series and value, so neither the colours nor the tooltip are needed to read it.
 * `description` is the accessible name (ECharts' aria: role img on the container) and must carry
 * every number the bars show.
 */
export function BarChart(props: {
  description: string;
  categories: readonly string[];
  series: readonly BarSeriesData[];
  format: (n: number) => string;
  /** The end of the scale (default: ECharts picks one above the largest value). */
  max?: number;
  /** The scale's labels: the tick value and this unit (ticks are round numbers, unlike values). */
  unit?: string;
  /** Whole numbers only on the scale (counts). */
  integer?: boolean;
  testId?: string;
}) {
  const { description, categories, series, format, max, unit, integer } = props;
  const legend = series.length > 1;
  const labelOf = (s: BarSeriesData, value: number | null): string => {
    const text = value === null ? '—' : format(value);
    return legend ? `${s.name} ${text}` : text;
  };
  // Room on the right for the longest bar label (the bars end where their labels begin).
  const labelRoom =
    12 + Math.max(...series.flatMap((s) => s.values.map((v) => textWidth(labelOf(s, v)))));
  const option = useMemo(
    (): ChartOption => ({
      baseOption: {
        animation: !window.matchMedia('(prefers-reduced-motion: reduce)').matches,
        aria: { enabled: true, label: { description } },
        textStyle: { fontFamily: FONT, fontSize: 14, color: INK },
        legend: legend
          ? { top: 0, left: 0, selectedMode: false, textStyle: { color: INK, fontSize: 14 } }
          : { show: false },
        grid: { top: legend ? 36 : 8, bottom: 28, left: 8, right: labelRoom },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        xAxis: {
          type: 'value',
          max,
          minInterval: integer === true ? 1 : undefined,
          axisLabel: {
            color: MUTED,
            fontSize: 13,
            hideOverlap: true,
            formatter: unit === undefined ? undefined : `{value}${unit}`,
          },
          splitLine: { lineStyle: { color: LINE } },
        },
        yAxis: {
          type: 'category',
          data: [...categories],
          inverse: true,
          axisTick: { show: false },
          axisLine: { lineStyle: { color: MUTED } },
          axisLabel: { color: INK, fontSize: 14 },
        },
        series: series.map((s): BarSeriesOption => ({
          type: 'bar',
          name: s.name,
          itemStyle: { color: s.colour },
          barMaxWidth: 22,
          label: {
            show: true,
            position: 'right',
            color: INK,
            formatter: ({ dataIndex }) => labelOf(s, s.values[dataIndex] ?? null),
          },
          tooltip: {
            valueFormatter: (_value, dataIndex) => {
              const value = s.values[dataIndex] ?? null;
              return value === null ? '—' : format(value);
            },
          },
          // A missing value is a bar of length 0, so its "—" label still shows.
          data: s.values.map((v) => v ?? 0),
        })),
      },
      // A phone-wide chart: fewer ticks on the scale, so their labels do not collide.
      media: [{ query: { maxWidth: 480 }, option: { xAxis: { splitNumber: 2 } } }],
    }),
    [description, categories, series, format, max, unit, integer, legend, labelRoom],
  );
  const rows = categories.length * series.length;
  const height = (legend ? 36 : 8) + 28 + rows * 26 + categories.length * 14;
  return <EChart option={option} height={height} testId={props.testId} />;
}

/** About how wide a label is at 14 px: Chinese characters a full em, digits and signs about half. */
function textWidth(text: string): number {
  let width = 0;
  for (const char of text) width += /[\u2014\u2e80-\u9fff\uff00-\uffef]/.test(char) ? 14 : 8;
  return width;
}
