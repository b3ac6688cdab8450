// pm2's process file for production: boot.sh runs `pm2-runtime start ecosystem.config.cjs`.
const path = require('node:path');

// WEB_CONCURRENCY is the usual name for "how many web workers"; unset means one per CPU.
function workerCount() {
  const raw = process.env.WEB_CONCURRENCY;
  if (raw === undefined || raw === '') return 'max';
  if (!/^[1-9]\d{0,2}$/.test(raw)) {
    throw new Error(
      `invalid WEB_CONCURRENCY=${JSON.stringify(raw)}: expected an integer from 1 to 999`,
    );
  }
  return Number(raw);
}

module.exports = {
  apps: [
    {
      name: 'identidock',
      script: path.join(__dirname, 'dist/app/main.js'),
      exec_mode: 'cluster',
      instances: workerCount(),
      // Graceful reload: a new worker counts as up only once it listens (main.ts sends
      // 'ready'), and an old one gets SIGINT and up to kill_timeout to finish its requests
      // (more than the app's own SHUTDOWN_TIMEOUT_MS, 10 s by default).
      wait_ready: true,
      listen_timeout: 10000,
      kill_timeout: 12000,
      max_memory_restart: process.env.MAX_MEMORY_PER_WORKER || '256M',
    },
    {
      name: 'identidock-stats',
      script: path.join(__dirname, 'dist/app/stats/main.js'),
      exec_mode: 'fork',
      instances: 1,
      max_memory_restart: '128M',
    },
  ],
};
