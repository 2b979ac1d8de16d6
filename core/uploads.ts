/**
 * Where an uploaded issue file is kept in cloud storage: `uploads/<time>-<name>`, the name cut to
 * characters every storage path accepts, so two uploads of one name never collide.
 */
export const uploadCloudPath = (fileName: string, at: number = Date.now()): string =>
  `uploads/${at.toString(36)}-${fileName.replace(/[^\w.\-\u4e00-\u9fff]/g, '_').slice(0, 80)}`
