import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import net from 'node:net';

/** How long kept-alive connections may still bring a request after the close begins. */
export const KEEP_ALIVE_GRACE_MS = 500;
const SWEEP_EVERY_MS = 100;

/** Closes an HTTP server without losing a request; resolves once every connection is gone. */
export type CloseGracefully = () => Promise<void>;

/**
 * Prepares `server` for a graceful close (call before it serves). http.Server#close drops
 * idle kept-alive sockets at once, so a client about to reuse one would lose its request;
 * instead:
 * - the listener alone is closed: no new connections;
 * - every response not yet started carries `Connection: close`, so clients reconnect
 *   (to another worker, under pm2) rather than send more on this one;
 * - after a short grace, connections are swept every 100 ms: idle ones are closed, and once
 *   no request is in flight every remaining connection is, including half-open ones that
 *   sent part of a request (or nothing) and would otherwise hold the close until they time out.
 * Requests in flight are never cut: the caller bounds their time with its own deadline.
 */
export function prepareGracefulClose(server: Server): CloseGracefully {
  let closing = false;
  const inFlight = new Set<ServerResponse>();

  // Runs before the app's own handler, so it sees every response before it is sent.
  server.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => {
    if (closing) res.setHeader('Connection', 'close');
    inFlight.add(res);
    res.once('close', () => inFlight.delete(res));
  });

  return () =>
    new Promise<void>((resolve) => {
      closing = true;
      for (const res of inFlight) {
        if (!res.headersSent) res.setHeader('Connection', 'close');
      }
      let sweeper: NodeJS.Timeout | undefined;
      const grace = setTimeout(() => {
        const sweep = (): void => {
          server.closeIdleConnections();
          if (inFlight.size === 0) server.closeAllConnections();
        };
        sweeper = setInterval(sweep, SWEEP_EVERY_MS);
        sweep();
      }, KEEP_ALIVE_GRACE_MS);
      net.Server.prototype.close.call(server, () => {
        clearTimeout(grace);
        clearInterval(sweeper);
        resolve();
      });
    });
}
