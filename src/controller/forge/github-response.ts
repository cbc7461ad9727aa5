/** Reading GitHub's answers: error bodies, rate-limit headers, network failures. */

/** `Retry-After` seconds, or the rate-limit reset time when no requests remain. */
export function retryAfter(response: Response): number | undefined {
  const seconds = Number(response.headers.get('retry-after') ?? NaN);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  if (response.headers.get('x-ratelimit-remaining') !== '0') return undefined;
  const reset = Number(response.headers.get('x-ratelimit-reset') ?? NaN);
  return Number.isFinite(reset) ? Math.max(0, reset * 1000 - Date.now()) : undefined;
}

export function errorMessage(
  status: number,
  json: Record<string, unknown> | undefined,
  text: string,
): string {
  const message =
    typeof json?.message === 'string' ? json.message : text.slice(0, 200) || 'no body';
  const errors = Array.isArray(json?.errors) ? (json.errors as unknown[]) : [];
  const first = errors[0] as Record<string, unknown> | undefined;
  const detail =
    typeof first?.message === 'string'
      ? first.message
      : typeof first?.code === 'string'
        ? `${String(first.field ?? '')} ${first.code}`.trim()
        : undefined;
  return `GitHub answered ${status}: ${message}${detail ? ` (${detail})` : ''}`;
}

export function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function describeNetworkError(e: unknown): string {
  const cause = e instanceof Error && e.cause instanceof Error ? e.cause : e;
  const code = (cause as { code?: unknown } | undefined)?.code;
  const text = cause instanceof Error ? cause.message : String(cause);
  return `network error: ${typeof code === 'string' ? `${code} ` : ''}${text}`.trim();
}
