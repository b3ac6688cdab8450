// Entry point of the worker-stats server that pm2 runs beside the web workers (PROD).
// pm2 4+ dropped its own web API (`pm2-runtime --web`), so this asks pm2 over its socket.
import pm2 from 'pm2';
import { ConfigError, loadStatsConfig } from '../config.js';
import { createStatsServer } from './stats-server.js';

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

// Connect to the pm2 that started us (never spawn a daemon of our own).
pm2.connect(true, (error: Error | null) => {
  if (error) {
    console.error(`identidock-stats: cannot reach pm2: ${error.message}`);
    process.exit(1);
  }
  const server = createStatsServer(list);
  server.listen(port, () => {
    console.log(`identidock-stats: worker stats on http://localhost:${port}`);
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      server.close();
      pm2.disconnect();
      process.exit(0);
    });
  }
});
