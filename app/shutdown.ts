import type { Server } from 'node:http';
import type { Logger } from './logger.js';

/**
 * On SIGTERM (docker stop) or SIGINT (Ctrl-C, pm2 stop/reload): stop accepting
 * connections, let in-flight requests finish, release resources, exit 0. If requests
 * are still running after `timeoutMs`, exit 1 rather than hang.
 */
export function exitGracefully(
  server: Server,
  options: { timeoutMs: number; logger: Logger; release: () => Promise<void> },
): void {
  const { timeoutMs, logger, release } = options;
  const shutDown = (signal: NodeJS.Signals): void => {
    logger.info(`${signal} received: finishing in-flight requests, then exiting`);
    const deadline = setTimeout(() => {
      logger.error(`Requests still running after ${timeoutMs} ms: exiting anyway`);
      process.exit(1);
    }, timeoutMs);
    deadline.unref();
    // A keep-alive socket whose request finishes after this point goes idle and would
    // hold close() open until the deadline, so idle sockets are swept until it closes.
    const sweeper = setInterval(() => {
      server.closeIdleConnections();
    }, 100);
    server.close(() => {
      clearInterval(sweeper);
      release()
        .then(() => {
          logger.info('Shut down cleanly');
          process.exit(0);
        })
        .catch((error: unknown) => {
          logger.error('Error while shutting down', { error: String(error) });
          process.exit(1);
        });
    });
    server.closeIdleConnections();
  };
  process.once('SIGTERM', shutDown);
  process.once('SIGINT', shutDown);
}
