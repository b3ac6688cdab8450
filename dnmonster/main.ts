// Entry point of the dnmonster service. It has a single setting, so it reads PORT here
// rather than through the web app's config module (the two are separate services).
import { prepareGracefulClose } from '../lib/graceful-close.js';
import { createRenderPool } from './render-pool.js';
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

const pool = createRenderPool();
const server = createDnmonsterServer((line) => {
  console.log(line);
}, pool.render);
server.keepAliveTimeout = 65_000; // outlive the client's idle sockets so keep-alive reuse never races a close
const close = prepareGracefulClose(server);

server.listen(port, () => {
  console.log(`dnmonster listening on :${port} (${pool.threads} render threads)`);
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    console.log(`dnmonster: ${signal}, closing`);
    void close()
      .then(() => pool.destroy())
      .then(() => process.exit(0));
  });
}
