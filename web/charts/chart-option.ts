import type { BarSeriesOption, LineSeriesOption } from "echarts/charts";
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from "echarts/components";
import type { ComposeOption } from "echarts/core";
import type { ChartSpec } from "../../src/http/pages/view/indicator-chart.js";

export type ChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

/** Colours from the page's design tokens (custom properties), so charts match the site. */
export interface Palette {
  actual: string;
  baseline: string;
  target: string;
  text: string;
  line: string;
  font: string;
}

function valueText(value: unknown, unit: string): string {
  return typeof value === "number" ? `${value.toLocaleString()}${unit}` : "";
}

/**
 * The ECharts option for a chart spec built by the server. Kept free of the DOM, so it can be
 * read and tested on its own. No animation (and nothing moves for people who asked for less
 * motion); tooltips as rich text drawn in the SVG, not HTML, so no markup is ever parsed.
 */
export function chartOption(spec: ChartSpec, palette: Palette, width = 800): ChartOption {
  const textStyle = { color: palette.text, fontFamily: palette.font, fontSize: 13 };
  const narrow = width < 520;
  // Values stay readable where they cross a line or the target marker.
  const halo = { textBorderColor: "#ffffff", textBorderWidth: 3 };
  const tooltip: TooltipComponentOption = {
    trigger: "axis",
    renderMode: "richText",
    valueFormatter: (value) => valueText(value, spec.unit),
  };
  if (spec.kind === "progress") {
    return {
      animation: false,
      textStyle,
      tooltip,
      grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
      xAxis: {
        type: "value",
        min: 0,
        max: 100,
        interval: narrow ? 50 : 20,
        axisLabel: { formatter: "{value}%", color: palette.text },
        splitLine: { lineStyle: { color: palette.line } },
      },
      yAxis: {
        type: "category",
        inverse: true,
        data: spec.categories,
        axisLabel: {
          color: palette.text,
          width: Math.round(Math.min(340, Math.max(110, width * 0.4))),
          overflow: "truncate",
        },
      },
      series: spec.series.map((s) => ({
        type: "bar",
        name: s.name,
        data: s.values,
        barMaxWidth: 18,
        itemStyle: { color: palette.actual },
        label: {
          show: true,
          position: "right",
          formatter: (p) => valueText(p.value, spec.unit),
          color: palette.text,
          ...halo,
        },
      })),
    };
  }
  const whole = spec.series.every((s) => s.values.every((v) => v === null || Number.isInteger(v)));
  const series: (BarSeriesOption | LineSeriesOption)[] = spec.series.map((s) =>
    s.role === "target"
      ? {
          type: "line",
          name: s.name,
          data: s.values,
          connectNulls: true,
          z: 1,
          symbol: "diamond",
          symbolSize: 12,
          lineStyle: { type: "dashed", width: 2, color: palette.target },
          itemStyle: { color: palette.target },
        }
      : {
          type: "bar",
          name: s.name,
          data: s.values,
          stack: "value",
          z: 2,
          barMaxWidth: 40,
          itemStyle: { color: s.role === "baseline" ? palette.baseline : palette.actual },
          label: {
            show: true,
            position: "top",
            color: palette.text,
            formatter: (p) => valueText(p.value, spec.unit),
            ...halo,
          },
        },
  );
  return {
    animation: false,
    textStyle,
    tooltip,
    legend: { top: 0, left: 0, textStyle, itemGap: 16 },
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: "category", data: spec.categories, axisLabel: { color: palette.text } },
    yAxis: {
      type: "value",
      min: 0,
      // Counts (件, 社) have no fractions: no 0.2 社 on the axis.
      ...(whole ? { minInterval: 1 } : {}),
      name: spec.unit,
      nameTextStyle: { color: palette.text, align: "right" },
      axisLabel: { color: palette.text },
      splitLine: { lineStyle: { color: palette.line } },
    },
    series,
  };
}
