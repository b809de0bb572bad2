/** Why a body could not be read: each caller maps these onto its own coded error. */
export type ReadFailure = 'TOO_LARGE' | 'TIMEOUT' | 'NETWORK';

/**
 * A response body, read to at most `maxBytes`: a declared or streamed length over the
 * limit stops reading at once, so a hostile server cannot make the worker buffer an
 * unbounded body. Errors come from `fail`, so registry and TUF fetches keep their own codes.
 */
export async function readLimited(
  response: Response,
  url: string,
  maxBytes: number,
  signal: AbortSignal,
  fail: (code: ReadFailure, message: string) => Error,
): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw fail('TOO_LARGE', `${url}: ${declared} bytes, limit ${maxBytes}`);
  }
  if (!response.body) {
    const whole = new Uint8Array(await response.arrayBuffer());
    if (whole.byteLength > maxBytes) throw fail('TOO_LARGE', `${url}: ${whole.byteLength} bytes, limit ${maxBytes}`);
    return whole;
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const mine = new WeakSet<Error>();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        const e = fail('TOO_LARGE', `${url}: more than ${maxBytes} bytes`);
        mine.add(e);
        throw e;
      }
      chunks.push(value);
    }
  } catch (e) {
    if (e instanceof Error && mine.has(e)) throw e;
    if (signal.aborted) throw fail('TIMEOUT', `${url}: body not received in time`);
    throw fail('NETWORK', `${url}: ${(e as Error).message}`);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}
