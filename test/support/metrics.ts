import request from 'supertest';
import type { TestApp } from './test-app.js';

/** The value of one sample in Prometheus text (0 when absent): `name{labels} value`. */
export function sample(metrics: string, name: string, labels: string): number {
  const line = metrics.split('\n').find((l) => l.startsWith(`${name}{${labels}}`));
  return line ? Number(line.split(' ').pop()) : 0;
}

/** Reads the app's /metrics now; `delta` later says how far a sample has moved since. */
export async function metricsSnapshot(
  app: TestApp,
): Promise<{ readonly delta: (name: string, labels: string) => Promise<number> }> {
  const read = async (): Promise<string> => (await request(app.handler).get('/metrics')).text;
  const before = await read();
  return {
    delta: async (name, labels) =>
      sample(await read(), name, labels) - sample(before, name, labels),
  };
}
