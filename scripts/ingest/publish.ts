import { randomBytes } from 'crypto'
import { rmSync } from 'fs'
import path from 'path'
import type { ApiResponse } from '@core/api/response'
import type { PublishResults } from '@core/api/publish'
import { UPLOAD_TOKEN_BYTES, uploadCloudPath } from '@core/uploads'
import { callAsOperator } from '../../server/local-call'
import { LocalFileStorage } from '../../server/stand-ins/wxacode-api'

/**
 * Publishes through the same `publish` function the cloud runs, into the store in `DATA_DIR`, as
 * the editors' desk does: the issue's text goes to (local) cloud storage and the function parses it
 * by file id, so an issue of any size fits under the 100 KB request limit. Storage is plain files
 * beside the store, written directly whether or not a server holds the store; the copy goes once
 * published, as the CLI still has the file it came from.
 */
export async function publishLocally(
  text: string,
  fileName: string,
  root: string,
): Promise<ApiResponse<PublishResults['issues.publish']>> {
  const dataDir = path.resolve(process.env.DATA_DIR ?? path.join(root, '.data'))
  const name = `${path.parse(fileName).name}.txt`
  const storage = new LocalFileStorage(dataDir)
  const { fileID } = await storage.upload(
    uploadCloudPath(name, randomBytes(UPLOAD_TOKEN_BYTES).toString('hex')),
    Buffer.from(text, 'utf8'),
  )
  try {
    return await callAsOperator(dataDir, 'publish', {
      action: 'issues.publish',
      fileID,
      fileName: name,
    })
  } finally {
    const stored = storage.pathOf(fileID)
    if (stored) rmSync(stored, { force: true })
  }
}
