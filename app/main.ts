// Entry point of the web app: read the config, build the app, serve, shut down on signal.
import { assemble } from './assemble.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { createLogger } from './log/logger.js';
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

const logger = createLogger(config.context);
const identidock = assemble(config, logger);
await identidock.warmUp(REDIS_WARM_UP_MS);

const server = identidock.app.listen(config.port, () => {
  logger.info(`identidock (${config.context}) listening on http://localhost:${config.port}`);
  // pm2 waits for this before it counts a worker as online (wait_ready), so a reload
  // never routes requests to a worker that is not listening yet.
  process.send?.('ready');
});
server.on('error', (error) => {
  logger.error(`Cannot listen on port ${config.port}: ${error.message}`);
  process.exit(1);
});
// Longer than any proxy's idle timeout in front of us, so they close idle sockets first.
server.keepAliveTimeout = 65_000;

exitGracefully(server, {
  timeoutMs: config.shutdownTimeoutMs,
  logger,
  release: () => identidock.close(),
});
