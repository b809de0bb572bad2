/**
 * One path segment of a registry URL from a name, version or file name. The
 * values are validated before any URL is built; this is the last guard:
 * encodeURIComponent escapes `/`, `?`, `#` and `%`, but leaves `.` alone, and
 * `..` would climb out of the route.
 */
export function pathSegment(value: string): string {
  if (value === '' || value === '.' || value === '..') throw new RangeError(`not a usable path segment: ${JSON.stringify(value.slice(0, 100))}`);
  return encodeURIComponent(value);
}

/** A percent-encoded URL segment, or undefined when its escapes are malformed (a page URL is the page's to write). */
export function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
