import { z } from "zod";
import { errorResponses } from "./common.js";
import type { ApiRoute, BodyKind } from "./route.js";

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

function bodySchema(body: z.ZodType | BodyKind, components: Json): Json {
  if (body === "binary") return { type: "string", contentMediaType: "application/octet-stream" };
  if (body === "text") return { type: "string" };
  return toComponentSchema(body, "output", components);
}

/**
 * Who may call an operation. Public routes need nothing ({}); those that `identify` also take a
 * session or a token (a signed-in download is audited); the rest need one of the two.
 */
function securityOf(route: ApiRoute): Json[] {
  const signedIn = [{ session: [] }, { token: [] }];
  if (route.access !== "public") return signedIn;
  return route.identify ? [{}, ...signedIn] : [{}];
}

const SECURITY_SCHEMES: Json = {
  session: {
    type: "apiKey",
    in: "cookie",
    name: "shinko_session",
    description:
      "The session cookie set by `POST /api/v1/session` (named `__Host-shinko_session` over TLS). " +
      "Requests that change something also send the session's CSRF token in the `x-csrf-token` header.",
  },
  token: {
    type: "http",
    scheme: "bearer",
    bearerFormat: "shinko_pat_…",
    description:
      "A personal access token (`shinko token create`, or `POST /api/v1/account/tokens`) with read or write scope.",
  },
};

export interface ApiInfo {
  title: string;
  version: string;
  description?: string;
  license?: { name: string; identifier?: string; url?: string };
}

/**
 * The OpenAPI 3.1 document of the routes given, generated from the zod schemas that validate
 * them.
 */
export function buildOpenApi(routes: readonly ApiRoute[], info: ApiInfo): Json {
  const components: Json = {};
  const paths: Record<string, Record<string, Json>> = {};
  for (const route of routes) {
    const path = route.url.replace(/:([A-Za-z0-9_]+)/g, "{$1}");
    const responses: Json = {};
    // Every route answers 401 to a bearer token that does not work, public ones included.
    const specs = { ...route.responses, ...(route.responses[401] ? {} : errorResponses(401)) };
    for (const [status, spec] of Object.entries(specs)) {
      const content: Json = {};
      if (spec.schema) {
        content["application/json"] = { schema: toComponentSchema(spec.schema, "output", components) };
      }
      for (const [type, body] of Object.entries(spec.content ?? {})) {
        content[type] = { schema: bodySchema(body, components) };
      }
      responses[status] = {
        description: spec.description,
        ...(Object.keys(content).length > 0 ? { content } : {}),
      };
    }
    const operation: Json = {
      operationId: route.operationId,
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      tags: route.tags,
      "x-access": route.access,
      security: securityOf(route),
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
    // Relative: the document describes the server that serves it, wherever it is deployed.
    servers: [{ url: "/", description: "The server this document was read from" }],
    paths,
    components: {
      securitySchemes: SECURITY_SCHEMES,
      schemas: Object.fromEntries(Object.entries(components).sort(([a], [b]) => a.localeCompare(b))),
    },
  };
}
