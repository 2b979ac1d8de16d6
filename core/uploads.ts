/** A fresh 128-bit token in hex, from the platform's secure random source when there is one. */
function randomToken(): string {
  const bytes = new Uint8Array(16)
  const crypto = (globalThis as { crypto?: { getRandomValues?(b: Uint8Array): Uint8Array } }).crypto
  if (crypto?.getRandomValues) crypto.getRandomValues(bytes)
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256)
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

/**
 * Where an uploaded issue file is kept in cloud storage: `uploads/<token>-<name>`, the token 128
 * random bits (so a path can neither be guessed nor collide with another upload), the name cut to
 * characters every storage path accepts. Servers pass a token from their own secure source.
 */
export const uploadCloudPath = (fileName: string, token: string = randomToken()): string =>
  `uploads/${token}-${fileName.replace(/[^\w.\-\u4e00-\u9fff]/g, '_').slice(0, 80)}`
