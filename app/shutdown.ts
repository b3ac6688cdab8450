import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import net from 'node:net';
import type { Logger } from './log/logger.js';

/**
 * On SIGTERM (docker stop) or SIGINT (Ctrl-C, pm2 stop/reload): stop accepting
 * connections, let in-flight requests finish, release resources, exit 0. If requests
 * are still running after `timeoutMs`, exit 1 rather than hang.
 *
 * Keep-alive clients are told to reconnect rather than cut off. http.Server#close would
 * drop idle keep-alive sockets at once, so a client about to reuse one would lose its
 * request; instead the listener alone is closed, every response not yet started carries
 * `Connection: close` (the client reconnects, to another worker under pm2), and sockets
 * still idle after a grace period are closed then.
 */
/** How long idle keep-alive sockets may still bring a request after the signal. */
const KEEP_ALIVE_GRACE_MS = 1000;

export function exitGracefully(
  server: Server,
  options: { timeoutMs: number; logger: Logger; release: () => Promise<void> },
): void {
  const { timeoutMs, logger, release } = options;
  let stopping = false;
  const unstarted = new Set<ServerResponse>();

  // Runs before the app's own handler, so it sees every response before it is sent.
  server.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => {
    if (stopping) {
      res.setHeader('Connection', 'close');
      return;
    }
    unstarted.add(res);
    res.once('close', () => unstarted.delete(res));
  });

  const shutDown = (signal: NodeJS.Signals): void => {
    logger.info(`${signal} received: finishing in-flight requests, then exiting`);
    stopping = true;
    for (const res of unstarted) {
      if (!res.headersSent) res.setHeader('Connection', 'close');
    }
    const deadline = setTimeout(() => {
      logger.error(`Requests still running after ${timeoutMs} ms: exiting anyway`);
      process.exit(1);
    }, timeoutMs);
    deadline.unref();
    let sweeper: NodeJS.Timeout | undefined;
    // Stop accepting connections; the existing ones end as their responses say.
    net.Server.prototype.close.call(server, () => {
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
    // After the grace period, sockets left idle are closed, now and as they go idle
    // (a response already sent when the signal came keeps its socket alive).
    setTimeout(() => {
      sweeper = setInterval(() => {
        server.closeIdleConnections();
      }, 100);
      server.closeIdleConnections();
    }, KEEP_ALIVE_GRACE_MS).unref();
  };
  process.once('SIGTERM', shutDown);
  process.once('SIGINT', shutDown);
}
