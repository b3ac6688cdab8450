// The container's HEALTHCHECK: exits 0 if this container's app answers /healthz.
// It reads the same config as the app, so it probes whichever port CONTEXT and PORT give.
import { loadConfig } from './config.js';

const TIMEOUT_MS = 2000;

try {
  const { port } = loadConfig(process.env);
  const response = await fetch(`http://127.0.0.1:${port}/healthz`, {
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  process.exit(response.ok ? 0 : 1);
} catch (error) {
  console.error(`healthcheck: ${String(error)}`);
  process.exit(1);
}
