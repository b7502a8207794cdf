// Preloaded into `shinko serve` by the soak run (NODE_OPTIONS=--import): sends the server's own
// memory figures to the soak driver over the IPC channel every few seconds. Inert without IPC.
if (typeof process.send === "function") {
  const send = () => {
    const m = process.memoryUsage();
    process.send?.({ rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external });
  };
  setInterval(send, 5_000).unref();
  process.channel?.unref();
}
