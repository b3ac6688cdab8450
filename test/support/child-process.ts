import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { once } from 'node:events';
import { waitFor } from './wait.js';

/** A real process started by a test, with its output kept for assertions. */
export interface Running {
  readonly child: ChildProcess;
  /** stdout and stderr so far. */
  output(): string;
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>;
  signal(signal: NodeJS.Signals): void;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited(): Promise<number | string>;
  /** Stops the process (and its group) and waits for it to end. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface RunOptions extends SpawnOptions {
  /** false: drain the output but keep none (a benchmark's app logs a line per request). */
  readonly keepOutput?: boolean;
}

export function run(command: string, args: readonly string[], options: RunOptions = {}): Running {
  const { keepOutput = true, ...spawnOptions } = options;
  // detached: its own process group, so stop() also reaches its children (pm2 workers).
  const child = spawn(command, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    ...spawnOptions,
  });
  let output = '';
  const keep = keepOutput ? (chunk: Buffer) => (output += chunk.toString()) : () => undefined;
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const ended = once(child, 'exit').then(([code, signal]) =>
    typeof code === 'number' ? code : String(signal),
  );

  const running: Running = {
    child,
    output: () => output,
    waitForOutput: (pattern, timeoutMs = 15_000) =>
      waitFor(
        () =>
          `${pattern} in the output of ${command} ${args.join(' ')}, which is so far:\n${output}`,
        () => pattern.test(output),
        timeoutMs,
      ),
    signal(signal) {
      if (child.exitCode === null && child.signalCode === null && child.pid) {
        try {
          process.kill(-child.pid, signal);
        } catch {
          // already gone
        }
      }
    },
    exited: () => ended,
    async stop(signal = 'SIGTERM') {
      running.signal('SIGCONT'); // a paused process cannot act on SIGTERM
      running.signal(signal);
      const timer = setTimeout(() => {
        running.signal('SIGKILL');
      }, 15_000);
      await ended;
      clearTimeout(timer);
    },
  };
  return running;
}
