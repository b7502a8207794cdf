import { createServer } from "node:http";

/**
 * The limit: a bare node:http server that answers every request with the same bytes from memory
 * (given on stdin as JSON { body (base64), contentType, contentEncoding }). What shinko is measured
 * against.
 */
const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
const { body, contentType, contentEncoding } = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
  body: string;
  contentType: string;
  contentEncoding?: string;
};
// The body comes base64-encoded: it may be compressed bytes, which are not text.
const bytes = Buffer.from(body, "base64");
const headers: Record<string, string | number> = {
  "content-type": contentType,
  "content-length": bytes.length,
};
if (contentEncoding) headers["content-encoding"] = contentEncoding;
const server = createServer((_request, response) => {
  response.writeHead(200, headers);
  response.end(bytes);
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  if (address && typeof address === "object") process.stdout.write(`listening ${address.port}\n`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
