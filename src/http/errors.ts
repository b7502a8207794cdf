import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { DomainError, type ErrorCode, type Issue } from "../core/errors.js";

/** The one place where domain error codes become HTTP statuses. */
const STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported_format: 415,
};

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

/**
 * Maps every error to a JSON body. A user's mistake gets a 4xx that says what and where; anything
 * else is logged with its stack and answered with a 500 that shows neither stack nor SQL.
 */
export function installErrorHandler(
  app: FastifyInstance,
  options: { notFoundPage?: (request: FastifyRequest, reply: FastifyReply) => FastifyReply } = {},
): void {
  app.setErrorHandler((error: FastifyError | DomainError | Error, request, reply) => {
    if (error instanceof DomainError) {
      return reply
        .status(STATUS[error.code])
        .send(errorBody(error.code, error.message, error.issues, undefined, error.details));
    }
    const status = (error as FastifyError).statusCode;
    if (typeof status === "number" && status >= 400 && status < 500) {
      // Fastify's own client errors (bad JSON, body too large, unsupported media type) carry safe messages.
      const code = status === 413 ? "too_large" : status === 415 ? "unsupported_format" : "bad_request";
      return reply.status(status).send(errorBody(code, error.message));
    }
    request.log.error({ err: error }, "unhandled error");
    return reply
      .status(500)
      .send(
        errorBody(
          "internal_error",
          "Something went wrong on the server. It has been logged.",
          [],
          request.id,
        ),
      );
  });
  app.setNotFoundHandler((request, reply) => {
    // A browser that asks for a page that does not exist gets a page; API clients get JSON.
    const wantsHtml = (request.headers.accept ?? "").includes("text/html");
    if (options.notFoundPage && wantsHtml && !request.url.startsWith("/api/")) {
      return options.notFoundPage(request, reply);
    }
    return reply
      .status(404)
      .send(errorBody("not_found", `no route for ${request.method} ${request.url.split("?")[0]}`));
  });
}
