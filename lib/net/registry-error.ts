/** Ways a registry request can fail to produce usable data. */
export const REGISTRY_ERROR_CODES = {
  NOT_FOUND: 'The registry has no such package, version or file.',
  FORBIDDEN: 'The registry refused the request.',
  NOT_ACCEPTABLE: 'The registry could not serve the requested format.',
  RATE_LIMITED: 'The registry is rate-limiting requests; Provenant will retry later.',
  SERVER_ERROR: 'The registry had a server error; Provenant will retry later.',
  TIMEOUT: 'The registry did not answer in time; Provenant will retry later.',
  NETWORK: 'The registry could not be reached; Provenant will retry later.',
  TOO_LARGE: 'The registry\u2019s response was larger than Provenant accepts.',
  MALFORMED_RESPONSE: 'The registry\u2019s response was not in the expected format.',
  HOST_NOT_ALLOWED: 'Provenant only contacts the registries themselves.',
  UNEXPECTED_STATUS: 'The registry answered with an unexpected status.',
} as const;

export type RegistryErrorCode = keyof typeof REGISTRY_ERROR_CODES;

const RETRYABLE = new Set<RegistryErrorCode>(['RATE_LIMITED', 'SERVER_ERROR', 'TIMEOUT', 'NETWORK']);

export class RegistryError extends Error {
  override readonly name = 'RegistryError';
  constructor(
    readonly code: RegistryErrorCode,
    readonly detail: string,
    readonly status?: number,
  ) {
    super(`${code}: ${detail}`);
  }
  get retryable(): boolean {
    return RETRYABLE.has(this.code);
  }
  get sentence(): string {
    return REGISTRY_ERROR_CODES[this.code];
  }
}
