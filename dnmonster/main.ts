// Entry point of the dnmonster service. It has a single setting, so it reads PORT here
// rather than through the web app's config module (the two are separate services).
import { createDnmonsterServer } from './server.js';

const DEFAULT_PORT = 8080;
const rawPort = process.env.PORT ?? '';
const port = rawPort === '' ? DEFAULT_PORT : Number(rawPort);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(
    `dnmonster: invalid PORT ${JSON.stringify(rawPort)}: expected an integer from 1 to 65535`,
  );
  process.exit(2);
}

const server = createDnmonsterServer((line) => {
  console.log(line);
});
server.keepAliveTimeout = 65_000; // outlive the client's idle sockets so keep-alive reuse never races a close

server.listen(port, () => {
  console.log(`dnmonster listening on :${port}`);
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    console.log(`dnmonster: ${signal}, closing`);
    // Sweep keep-alive sockets as their requests finish, or close() would wait on them.
    setInterval(() => {
      server.closeIdleConnections();
    }, 100).unref();
    server.close(() => process.exit(0));
    server.closeIdleConnections();
  });
}
