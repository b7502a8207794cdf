/**
 * Draws the charts of the indicator pages with Apache ECharts: only the parts used (bar and line
 * charts, grid, legend, tooltip, the SVG renderer) are bundled. The SVG renderer sets styles
 * through the DOM (element.style), which the CSP allows; it writes no inline style attribute and
 * no HTML. Each chart's figures are also in the table beside it, which is what shows without
 * JavaScript and what screen readers read.
 */
import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { init, use, type ECharts } from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import type { ChartSpec } from "../src/http/pages/view/indicator-chart.js";
import { chartOption, type Palette } from "./charts/chart-option.js";

use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

function palette(): Palette {
  const css = getComputedStyle(document.documentElement);
  const token = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    actual: token("--color-primitive-blue-900", "#0017c1"),
    baseline: token("--color-neutral-solid-gray-536", "#767676"),
    target: token("--color-primitive-orange-800", "#c74700"),
    text: token("--color-neutral-solid-gray-800", "#333333"),
    line: token("--color-neutral-solid-gray-200", "#cccccc"),
    font: getComputedStyle(document.body).fontFamily,
  };
}

const charts = new Map<HTMLElement, { chart: ECharts; spec: ChartSpec }>();

function draw(el: HTMLElement): void {
  let spec: ChartSpec;
  try {
    spec = JSON.parse(el.dataset.chart ?? "") as ChartSpec;
  } catch {
    return; // The table beside it still shows the figures.
  }
  el.hidden = false;
  if (spec.kind === "progress") {
    // One bar per row: the height follows the number of rows (set through the DOM, not markup).
    el.style.height = `${Math.max(8, spec.categories.length * 2.25 + 2)}rem`;
  }
  const chart = init(el, null, { renderer: "svg" });
  chart.setOption(chartOption(spec, palette(), el.clientWidth));
  charts.set(el, { chart, spec });
  el.dataset.drawn = "true";
}

function drawAll(): void {
  const pending = Array.from(document.querySelectorAll<HTMLElement>("[data-chart]"));
  if (pending.length === 0) return;
  // Charts far down a long page are drawn when they come near the screen.
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        observer.unobserve(entry.target);
        draw(entry.target as HTMLElement);
      }
    },
    { rootMargin: "400px 0px" },
  );
  for (const el of pending) {
    // Visible (but empty) while waiting, so the observer can see it and the layout does not jump.
    el.hidden = false;
    observer.observe(el);
  }
  let timer: number | undefined;
  window.addEventListener("resize", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      const p = palette();
      for (const [el, { chart, spec }] of charts) {
        chart.setOption(chartOption(spec, p, el.clientWidth));
        chart.resize();
      }
    }, 150);
  });
  window.addEventListener("beforeprint", () => {
    for (const el of document.querySelectorAll<HTMLElement>("[data-chart]:not([data-drawn])")) draw(el);
  });
}

drawAll();
