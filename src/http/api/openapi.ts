import { z } from "zod";
import type { ApiRoute } from "./route.js";

type Json = Record<string, unknown>;

const COMPONENT_PREFIX = "#/components/schemas/";

/** Moves zod's $defs into the shared components and points the $refs there. */
function toComponentSchema(schema: z.ZodType, io: "input" | "output", components: Json): Json {
  const json = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as Json;
  const defs = (json.$defs ?? {}) as Record<string, Json>;
  delete json.$defs;
  delete json.$schema;
  // Input and output forms differ where a field has a default, so inputs get their own names.
  const componentName = (name: string) => (io === "input" ? `${name}Input` : name);
  const rewrite = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rewrite);
    if (node && typeof node === "object") {
      const out: Json = {};
      for (const [k, v] of Object.entries(node)) {
        out[k] =
          k === "$ref" && typeof v === "string" && v.startsWith("#/$defs/")
            ? COMPONENT_PREFIX + componentName(v.slice("#/$defs/".length))
            : rewrite(v);
      }
      return out;
    }
    return node;
  };
  for (const [name, def] of Object.entries(defs)) {
    components[componentName(name)] ??= rewrite(def);
  }
  return rewrite(json) as Json;
}

function parameters(schema: z.ZodType | undefined, where: "path" | "query", components: Json): Json[] {
  if (!schema) return [];
  const json = toComponentSchema(schema, "input", components);
  const properties = (json.properties ?? {}) as Record<string, Json>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, propertySchema]) => {
    const { description, ...rest } = propertySchema;
    return {
      name,
      in: where,
      required: where === "path" || required.has(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

/**
 * The OpenAPI 3.1 document of the routes given, generated from the zod schemas that validate
 * them.
 */
export function buildOpenApi(routes: readonly ApiRoute[], info: { title: string; version: string }): Json {
  const components: Json = {};
  const paths: Record<string, Record<string, Json>> = {};
  for (const route of routes) {
    const path = route.url.replace(/:([A-Za-z0-9_]+)/g, "{$1}");
    const responses: Json = {};
    for (const [status, spec] of Object.entries(route.responses)) {
      responses[status] = {
        description: spec.description,
        ...(spec.schema
          ? {
              content: {
                "application/json": { schema: toComponentSchema(spec.schema, "output", components) },
              },
            }
          : spec.contentType
            ? { content: { [spec.contentType]: {} } }
            : {}),
      };
    }
    const operation: Json = {
      operationId: route.operationId,
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      tags: route.tags,
      "x-access": route.access,
      ...(route.access === "public" ? {} : { security: [{ session: [] }, { token: [] }] }),
      parameters: [
        ...parameters(route.params, "path", components),
        ...parameters(route.query, "query", components),
      ],
      ...(route.upload
        ? {
            requestBody: {
              required: true,
              description: route.upload.description,
              content: Object.fromEntries(
                route.upload.contentTypes.map((t) => [t, { schema: { type: "string", format: "binary" } }]),
              ),
            },
          }
        : {}),
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: { "application/json": { schema: toComponentSchema(route.body, "input", components) } },
            },
          }
        : {}),
      responses,
    };
    (paths[path] ??= {})[route.method.toLowerCase()] = operation;
  }
  return {
    openapi: "3.1.0",
    info,
    paths,
    components: {
      schemas: Object.fromEntries(Object.entries(components).sort(([a], [b]) => a.localeCompare(b))),
    },
  };
}
