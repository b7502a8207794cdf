import type { ChartSpec } from "../view/indicator-chart.js";

/**
 * A chart drawn in the browser by web/charts.ts (Apache ECharts, SVG renderer). Hidden until the
 * script draws it: without JavaScript the data table beside it shows the same figures. As an
 * image with a label, screen readers announce it and go on to the table.
 */
export function Chart({ spec, label, tall }: { spec: ChartSpec; label: string; tall?: boolean }) {
  return (
    <div
      class={tall ? "chart chart--tall" : "chart"}
      role="img"
      aria-label={label}
      data-chart={JSON.stringify(spec)}
      hidden
    />
  );
}
