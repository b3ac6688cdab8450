/** Connection state of the shared cache, as /readyz reports it. */
export type SharedCacheState = 'ready' | 'connecting' | 'down';

/**
 * The tier shared by every worker and container (Redis). It must never fail or stall a
 * request: `get` answers undefined when the cache cannot, and `set` does not wait.
 */
export interface SharedCache {
  readonly description: string;
  get(key: string): Promise<Buffer | undefined>;
  set(key: string, picture: Buffer): void;
  state(): SharedCacheState;
  /** Resolves once connected, or after `ms` (whichever is first). */
  waitUntilReady(ms: number): Promise<void>;
  close(): Promise<void>;
}
