import { browser } from 'wxt/browser';
import { envelopeSchema, responseSchemas, type Request, type RequestType, type ResponseOf } from './protocol';

export class MessageError extends Error {
  override readonly name = 'MessageError';
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

/** Sends a request to the background and validates the answer against the protocol. */
export async function send<T extends RequestType>(request: Extract<Request, { type: T }>): Promise<ResponseOf<T>> {
  const raw: unknown = await browser.runtime.sendMessage(request);
  const envelope = envelopeSchema.parse(raw);
  if (!envelope.ok) throw new MessageError(envelope.error.code, envelope.error.message);
  return responseSchemas[request.type as T].parse(envelope.value) as ResponseOf<T>;
}
