/** Bytes as lower-case hex. */
export const hexOf = (bytes: ArrayLike<number>): string =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')

/** Random bytes in an upload token: 128 bits. */
export const UPLOAD_TOKEN_BYTES = 16

/**
 * Where an uploaded issue file is kept in cloud storage: `uploads/<token>-<name>`, the token
 * `UPLOAD_TOKEN_BYTES` from a secure random source in hex (so a path can neither be guessed nor
 * collide with another upload), the name cut to characters every storage path accepts.
 */
export const uploadCloudPath = (fileName: string, token: string): string =>
  `uploads/${token}-${fileName.replace(/[^\w.\-\u4e00-\u9fff]/g, '_').slice(0, 80)}`
