/**
 * Ant-style path patterns, as Jenkins uses them for `when { branch }`,
 * `changeset`, `archiveArtifacts`, `stash` and `junit`: `*` and `?` match
 * within one path segment, `**` matches any number of segments.
 */

export function antMatch(pattern: string, path: string, caseSensitive = true): boolean {
  if (pattern.startsWith('/') !== path.startsWith('/')) return false;
  const pat = segments(pattern);
  const str = segments(path);
  const memo = new Map<string, boolean>();
  const go = (p: number, s: number): boolean => {
    const key = `${p},${s}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result: boolean;
    if (p === pat.length) result = s === str.length;
    else if (pat[p] === '**') result = go(p + 1, s) || (s < str.length && go(p, s + 1));
    else
      result =
        s < str.length &&
        segmentMatch(pat[p] ?? '', str[s] ?? '', caseSensitive) &&
        go(p + 1, s + 1);
    memo.set(key, result);
    return result;
  };
  return go(0, 0);
}

/** Whether any of Ant's comma-separated patterns (`a/**, b/*.xml`) matches. */
export function antMatchAny(patterns: string[], path: string, caseSensitive = true): boolean {
  return patterns.some((p) => antMatch(p, path, caseSensitive));
}

/** Splits `a/**, b/*.xml` (commas, optionally spaced) into patterns; a trailing `/` means `/**`. */
export function splitAntPatterns(spec: string): string[] {
  return spec
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => (p.endsWith('/') ? `${p}**` : p));
}

function segments(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

const segmentRegexCache = new Map<string, RegExp>();

function segmentMatch(pattern: string, segment: string, caseSensitive: boolean): boolean {
  if (!pattern.includes('*') && !pattern.includes('?')) {
    return caseSensitive ? pattern === segment : pattern.toLowerCase() === segment.toLowerCase();
  }
  const key = `${caseSensitive ? 's' : 'i'}:${pattern}`;
  let re = segmentRegexCache.get(key);
  if (!re) {
    const body = pattern
      .split('')
      .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
      .join('');
    re = new RegExp(`^${body}$`, caseSensitive ? 's' : 'is');
    segmentRegexCache.set(key, re);
  }
  return re.test(segment);
}
