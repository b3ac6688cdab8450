/**
 * `load`, called at most once per `maxAgeMs` however often the result is asked for:
 * callers within that time share the same answer (or the same call still under way). A
 * failed call is not kept, so the next caller tries again.
 */
export function snapshotEvery<T>(
  load: () => Promise<T>,
  maxAgeMs: number,
  now: () => number = Date.now,
): () => Promise<T> {
  let kept: { readonly at: number; readonly value: Promise<T> } | undefined;
  return () => {
    if (kept === undefined || now() - kept.at >= maxAgeMs) {
      const value = load();
      kept = { at: now(), value };
      value.catch(() => {
        if (kept?.value === value) kept = undefined;
      });
    }
    return kept.value;
  };
}
