import type { ProcessDescription } from 'pm2';

/** The web workers' name in pm2 (ecosystem.config.cjs). */
export const WEB_APP_NAME = 'identidock';

/**
 * What 9191 reports for each process pm2 runs: the analogue of uWSGI's --stats. Built
 * field by field from pm2's description, never by copying it, because that description
 * carries the process's whole environment (secrets included) in `pm2_env`.
 */
export interface WorkerStats {
  readonly name: string;
  readonly pm_id: number | null;
  readonly pid: number | null;
  readonly status: string;
  readonly restarts: number;
  readonly uptime_seconds: number;
  readonly memory_bytes: number;
  readonly cpu_percent: number;
}

export function toWorkerStats(process: ProcessDescription, now: number): WorkerStats {
  const env = process.pm2_env;
  const status = env?.status ?? 'unknown';
  const startedAt = env?.pm_uptime;
  return {
    name: process.name ?? 'unknown',
    pm_id: process.pm_id ?? null,
    pid: process.pid ?? null,
    status,
    restarts: env?.restart_time ?? 0,
    uptime_seconds:
      status === 'online' && startedAt !== undefined
        ? Math.max(0, Math.round((now - startedAt) / 1000))
        : 0,
    memory_bytes: process.monit?.memory ?? 0,
    cpu_percent: process.monit?.cpu ?? 0,
  };
}
