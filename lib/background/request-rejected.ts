/** A request the worker understood and refuses; its code travels in the answer's envelope. */
export class RequestRejected extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}
