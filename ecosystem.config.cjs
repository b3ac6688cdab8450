// pm2's process file for production: boot.sh runs `pm2-runtime start ecosystem.config.cjs`.
const path = require('node:path');

module.exports = {
  apps: [
    {
      name: 'identidock',
      script: path.join(__dirname, 'dist/app/main.js'),
      exec_mode: 'cluster',
      // WEB_CONCURRENCY (validated by boot.sh, as is MAX_MEMORY_PER_WORKER) is the usual name for the number of web
      // workers; unset means one per CPU.
      instances: Number(process.env.WEB_CONCURRENCY) || 'max',
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
      // pm2's programmatic API prints a line for every message it sends a worker otherwise.
      env: { PM2_SILENT: 'true' },
    },
  ],
};
