/** The envelope every function answers with, and the error codes the transport maps to HTTP. */
export interface ApiError {
  code: ErrorCode
  message: string
}

export type ApiResponse<T> = { ok: true; data: T } | { ok: false; error: ApiError }

export type ErrorCode =
  | 'invalid_argument'
  | 'not_found'
  | 'permission_denied'
  | 'payload_too_large'
  | 'rate_limited'
  | 'unavailable'
  | 'internal'

export const HTTP_STATUS: Record<ErrorCode, number> = {
  invalid_argument: 400,
  permission_denied: 403,
  not_found: 404,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
}

/** Largest request body a function accepts. */
export const MAX_BODY_BYTES = 100 * 1024

/**
 * Header every call from the app sends to the local host (any value). A cross-site page can send a
 * form or a `no-cors` fetch without a preflight, but not with a custom header, so requests without
 * it are refused.
 */
export const CLIENT_HEADER = 'x-reader-client'

/** The media type of `POST /storage/upload` bodies (functions take `application/json`). */
export const UPLOAD_CONTENT_TYPE = 'application/octet-stream'
