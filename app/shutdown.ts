import type { Server } from 'node:http';
import { prepareGracefulClose } from '../lib/graceful-close.js';
import type { Logger } from './log/logger.js';

/**
 * On SIGTERM (docker stop) or SIGINT (Ctrl-C, pm2 stop/reload): stop accepting
 * connections, let in-flight requests finish, release resources, exit 0. With nothing in
 * flight that takes about half a second, whatever idle or half-open connections exist.
 * If requests are still running after `timeoutMs`, exit 1 rather than hang.
 */
export function exitGracefully(
  server: Server,
  options: { timeoutMs: number; logger: Logger; release: () => Promise<void> },
): void {
  const { timeoutMs, logger, release } = options;
  const close = prepareGracefulClose(server);

  const shutDown = (signal: NodeJS.Signals): void => {
    logger.info(`${signal} received: finishing in-flight requests, then exiting`);
    setTimeout(() => {
      logger.error(`Requests still running after ${timeoutMs} ms: exiting anyway`);
      process.exit(1);
    }, timeoutMs).unref();
    close()
      .then(release)
      .then(
        () => {
          logger.info('Shut down cleanly');
          process.exit(0);
        },
        (error: unknown) => {
          logger.error({ err: error }, 'Error while shutting down');
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', shutDown);
  process.once('SIGINT', shutDown);
}
