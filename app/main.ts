// Entry point of the web app: read the config, build the app, serve, shut down on signal.
import http from 'node:http';
import { assemble } from './assemble.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { createLogger, logCrashes } from './log/logger.js';
import { exitGracefully } from './shutdown.js';

const REDIS_WARM_UP_MS = 1000;

let config: Config;
try {
  config = loadConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`identidock: ${error.message}`);
  process.exit(2);
}

const logger = createLogger(config);
logCrashes(logger);
const identidock = assemble(config, logger);
await identidock.warmUp(REDIS_WARM_UP_MS);

const limits = config.server;
const server = http.createServer(
  {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    // Node checks both timeouts on this period: a tenth of the shorter keeps cuts prompt.
    connectionsCheckingInterval: Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs) / 10,
  },
  identidock.handler,
);
server.keepAliveTimeout = limits.keepAliveTimeoutMs;
// Past the cap, new connections are closed as they arrive; those already open are served.
server.maxConnections = limits.maxConnections;
server.on('error', (error) => {
  logger.error(`Cannot listen on port ${config.port}: ${error.message}`);
  process.exit(1);
});
exitGracefully(server, {
  timeoutMs: config.shutdownTimeoutMs,
  logger,
  release: () => identidock.close(),
});
server.listen(config.port, () => {
  logger.info(`identidock (${config.context}) listening on http://localhost:${config.port}`);
  // pm2 waits for this before it counts a worker as online (wait_ready), so a reload
  // never routes requests to a worker that is not listening yet.
  process.send?.('ready');
});
