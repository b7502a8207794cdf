import { createHash } from "node:crypto";
import { basename } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import type { FastifyInstance } from "fastify";
import { Precompressed } from "../compression.js";
import type { AssetUrls } from "./context.js";

interface AssetFile {
  body: string;
  type: string;
  /** The same bytes, with gzip and brotli forms made on first request. */
  compressed: Precompressed;
}

export interface Assets {
  urls: AssetUrls;
  files: ReadonlyMap<string, AssetFile>;
}

const WEB_ROOT = fileURLToPath(new URL("../../../web/", import.meta.url));
/** A plan spans at most 30 fiscal years (plan.schema.ts), plus one column for "before the plan". */
const MAX_COLUMNS = 31;

/**
 * Grid placement classes for the roadmap: the CSP forbids inline styles, so every column a bar
 * can start in and every span it can have is a class.
 */
export function roadmapGridCss(columns = MAX_COLUMNS): string {
  const rules: string[] = [];
  for (let n = 1; n <= columns; n++) {
    rules.push(`.c-${n}{grid-column-start:${n}}`, `.s-${n}{grid-column-end:span ${n}}`);
    if (n < columns)
      rules.push(`.years-${n}{grid-template-columns:minmax(4.5rem,.8fr) repeat(${n},minmax(0,1fr))}`);
  }
  return rules.join("");
}

function asset(body: string, type: string): AssetFile {
  return { body, type, compressed: new Precompressed(Buffer.from(body, "utf8")) };
}

function hashed(name: string, ext: string, body: string): string {
  return `${name}-${createHash("sha256").update(body).digest("hex").slice(0, 10)}.${ext}`;
}

/**
 * Bundles web/app.ts, web/charts.ts (Apache ECharts, only on pages with charts) and
 * web/styles/main.css (with the design tokens) with esbuild, in memory.
 * Runs once per process, when the first app is created; there is no build step to forget.
 */
async function buildAssets(): Promise<Assets> {
  const result = await build({
    absWorkingDir: WEB_ROOT,
    entryPoints: { app: "app.ts", charts: "charts.ts", style: "styles/main.css" },
    bundle: true,
    minify: true,
    write: false,
    outdir: "out",
    format: "iife",
    target: ["es2020", "chrome100", "firefox100", "safari15"],
    legalComments: "none",
    logLevel: "silent",
  });
  let js = "";
  let charts = "";
  let css = "";
  for (const file of result.outputFiles) {
    if (basename(file.path) === "app.js") js = file.text;
    if (basename(file.path) === "charts.js") charts = file.text;
    if (basename(file.path) === "style.css") css = file.text + roadmapGridCss();
  }
  const jsName = hashed("app", "js", js);
  const chartsName = hashed("charts", "js", charts);
  const cssName = hashed("style", "css", css);
  return {
    urls: { js: `/assets/${jsName}`, charts: `/assets/${chartsName}`, css: `/assets/${cssName}` },
    files: new Map([
      [jsName, asset(js, "text/javascript; charset=utf-8")],
      [chartsName, asset(charts, "text/javascript; charset=utf-8")],
      [cssName, asset(css, "text/css; charset=utf-8")],
    ]),
  };
}

let assets: Promise<Assets> | undefined;

export function loadAssets(): Promise<Assets> {
  assets ??= buildAssets().catch((error: unknown) => {
    assets = undefined;
    throw error;
  });
  return assets;
}

/** Serves the bundles. Their names carry a content hash, so browsers may keep them for a year. */
export function registerAssetRoutes(app: FastifyInstance, bundle: Assets): void {
  app.get<{ Params: { file: string } }>("/assets/:file", async (request, reply) => {
    const file = bundle.files.get(request.params.file);
    if (!file) return reply.callNotFound();
    reply.header("cache-control", "public, max-age=31536000, immutable").type(file.type);
    return file.compressed.send(request, reply);
  });
}
