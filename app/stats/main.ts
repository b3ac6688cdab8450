// Entry point of the worker-stats server that pm2 runs beside the web workers (PROD).
// pm2 4+ dropped its own web API (`pm2-runtime --web`), so this asks pm2 over its socket.
import pm2 from 'pm2';
import { ConfigError, loadStatsConfig } from '../config.js';
import { clusterMetrics, type Pm2Messaging } from './cluster-metrics.js';
import { snapshotEvery } from './snapshot.js';
import { createStatsServer, type WorkersSnapshot } from './stats-server.js';
import { WEB_APP_NAME, toWorkerStats } from './worker-stats.js';

/** pm2 is asked for its process list at most this often, however many GETs come. */
const SNAPSHOT_MAX_AGE_MS = 1000;
/** How long a scrape of /metrics waits for every worker's figures. */
const METRICS_TIMEOUT_MS = 2000;

let port: number;
try {
  port = loadStatsConfig(process.env).port;
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`identidock-stats: ${error.message}`);
  process.exit(2);
}

const list = () =>
  new Promise<pm2.ProcessDescription[]>((resolve, reject) => {
    // pm2's typings say `error` is always set; at run time it is null on success.
    pm2.list((error: Error | null, processes) => {
      if (error) reject(error);
      else resolve(processes);
    });
  });

const workers = snapshotEvery(async (): Promise<WorkersSnapshot> => {
  const processes = await list();
  const at = Date.now();
  return { at, workers: processes.map((p) => toWorkerStats(p, at)) };
}, SNAPSHOT_MAX_AGE_MS);

/** pm2's bus delivers what workers send with process.send({ type: 'process:msg', data }). */
interface BusPacket {
  readonly data?: unknown;
  readonly process?: { readonly pm_id?: number };
}
interface Bus {
  on(event: 'process:msg', listener: (packet: BusPacket) => void): void;
}

function messaging(bus: Bus): Pm2Messaging {
  return {
    workers: async () =>
      (await workers()).workers
        .filter((w) => w.name === WEB_APP_NAME && w.status === 'online' && w.pm_id !== null)
        .map((w) => w.pm_id ?? -1),
    send: (pmId, message) =>
      new Promise((resolve, reject) => {
        pm2.sendDataToProcessId(
          pmId,
          { type: 'process:msg', ...message },
          (error: Error | null) => {
            if (error) reject(error);
            else resolve();
          },
        );
      }),
    onMessage: (listener) => {
      bus.on('process:msg', (packet) => {
        if (typeof packet.process?.pm_id === 'number') listener(packet.process.pm_id, packet.data);
      });
    },
  };
}

// Connect to the pm2 that started us (never spawn a daemon of our own).
pm2.connect(true, (error: Error | null) => {
  if (error) {
    console.error(`identidock-stats: cannot reach pm2: ${error.message}`);
    process.exit(1);
  }
  pm2.launchBus((busError: Error | null, bus: Bus) => {
    if (busError) {
      console.error(`identidock-stats: cannot listen to pm2's bus: ${busError.message}`);
      process.exit(1);
    }
    const metrics = clusterMetrics(messaging(bus), METRICS_TIMEOUT_MS);
    const server = createStatsServer({ workers, metrics });
    server.listen(port, () => {
      console.log(
        `identidock-stats: worker stats on http://localhost:${port}, metrics on /metrics`,
      );
    });
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        server.close();
        pm2.disconnect();
        process.exit(0);
      });
    }
  });
});
