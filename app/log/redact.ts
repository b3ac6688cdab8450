/**
 * Making settings fit for logs. A URL may carry a secret in its userinfo
 * (`redis://:password@host`) or in its query (`?password=`, `?token=`): both are masked.
 */
const MASK = '***';
const SECRET_QUERY_KEY = /pass|secret|token|key|auth|cred/i;

export function redactUrl(value: URL): string {
  const copy = new URL(value.href);
  if (copy.password !== '') copy.password = MASK;
  for (const key of new Set(copy.searchParams.keys())) {
    if (SECRET_QUERY_KEY.test(key)) copy.searchParams.set(key, MASK);
  }
  return copy.href;
}
