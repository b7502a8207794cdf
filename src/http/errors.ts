import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { DomainError, type ErrorCode, type Issue } from "../core/errors.js";
import { applySecurityHeaders } from "./security-headers.js";

/** The one place where domain error codes become HTTP statuses. */
const STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported_format: 415,
  too_many_requests: 429,
};

/** The HTTP status of a domain error (for pages, which answer with HTML rather than this JSON). */
export function statusOf(error: DomainError): number {
  return STATUS[error.code];
}

export interface ErrorBody {
  error: {
    code: string;
    message: string;
    issues?: Issue[];
    details?: Record<string, unknown>;
    requestId?: string;
  };
}

export function errorBody(
  code: string,
  message: string,
  issues?: readonly Issue[],
  requestId?: string,
  details?: Record<string, unknown>,
): ErrorBody {
  return {
    error: {
      code,
      message,
      ...(issues && issues.length > 0 ? { issues: [...issues] } : {}),
      ...(details ? { details } : {}),
      ...(requestId ? { requestId } : {}),
    },
  };
}

/** Messages for client errors whose own message we do not trust to be safe to show. */
const GENERIC_4XX: Record<number, string> = {
  400: "The request is malformed.",
  404: "Not found.",
  405: "Method not allowed.",
  413: "The request is too large.",
  414: "The request URL is too long.",
  415: "Unsupported content type.",
};

function clientErrorCode(status: number): string {
  if (status === 413) return "too_large";
  if (status === 415) return "unsupported_format";
  if (status === 404) return "not_found";
  return "bad_request";
}

/**
 * Fastify's own client errors (FST_… codes: bad JSON, body too large, unsupported media type,
 * malformed URL) carry messages written for the client. Any other error's message may hold SQL,
 * file paths or driver internals, so it is never sent.
 */
function isFastifyClientError(error: unknown): error is FastifyError {
  const e = error as Partial<FastifyError>;
  return (
    typeof e.statusCode === "number" &&
    e.statusCode >= 400 &&
    e.statusCode < 500 &&
    typeof e.code === "string" &&
    e.code.startsWith("FST_")
  );
}

function send(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof DomainError) {
    const retryAfter = (error as { retryAfterSeconds?: unknown }).retryAfterSeconds;
    if (typeof retryAfter === "number") reply.header("retry-after", String(retryAfter));
    return reply
      .status(STATUS[error.code])
      .send(errorBody(error.code, error.message, error.issues, undefined, error.details));
  }
  if (isFastifyClientError(error)) {
    return reply.status(error.statusCode!).send(errorBody(clientErrorCode(error.statusCode!), error.message));
  }
  request.log.error({ err: error }, "unhandled error");
  return reply
    .status(500)
    .send(
      errorBody("internal_error", "Something went wrong on the server. It has been logged.", [], request.id),
    );
}

/**
 * Maps every error to a JSON body. A user's mistake gets a 4xx that says what and where; anything
 * else is logged with its stack and answered with a 500 that shows neither stack nor SQL.
 */
export function installErrorHandler(
  app: FastifyInstance,
  options: { notFoundPage?: (request: FastifyRequest, reply: FastifyReply) => FastifyReply } = {},
): void {
  app.setErrorHandler((error: FastifyError | DomainError | Error, request, reply) =>
    send(error, request, reply),
  );
  app.setNotFoundHandler((request, reply) => {
    // Outside the API a wrong path gets the (Japanese) 404 page, whatever the client sent in
    // Accept (curl sends */*), unless it asks for JSON only; API paths answer JSON.
    const accept = request.headers.accept ?? "";
    const wantsJson = accept.includes("application/json") && !accept.includes("text/html");
    if (options.notFoundPage && !wantsJson && !request.url.startsWith("/api/")) {
      return options.notFoundPage(request, reply);
    }
    const path = request.url.split("?")[0]!.slice(0, 200);
    return reply.status(404).send(errorBody("not_found", `no route for ${request.method} ${path}`));
  });
}

/**
 * For Fastify's `frameworkErrors` option: errors raised before routing (a malformed URL, an
 * over-long path parameter) get the same JSON body and headers as every other error.
 */
export function frameworkErrorHandler(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const status = typeof error.statusCode === "number" && error.statusCode < 500 ? error.statusCode : 400;
  // These replies skip the onSend hooks, so the security headers are set here.
  applySecurityHeaders(request, reply);
  void reply
    .status(status)
    .send(errorBody(clientErrorCode(status), GENERIC_4XX[status] ?? GENERIC_4XX[400]!));
}
