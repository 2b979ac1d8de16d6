import path from 'path'
import type { ApiResponse } from '@core/api/response'
import type { PublishResults } from '@core/api/publish'
import { callAsOperator } from '../../server/local-call'
import { LocalFileStorage } from '../../server/stand-ins/wxacode-api'

/**
 * Publishes through the same `publish` function the cloud runs, into the store in `DATA_DIR`, as
 * the editors' desk does: the issue's text goes to (local) cloud storage and the function parses it
 * by file id, so an issue of any size fits under the 100 KB request limit. Storage is plain files
 * beside the store, written directly whether or not a server holds the store.
 */
export async function publishLocally(
  text: string,
  fileName: string,
  root: string,
): Promise<ApiResponse<PublishResults['issues.publish']>> {
  const dataDir = path.resolve(process.env.DATA_DIR ?? path.join(root, '.data'))
  const name = `${path
    .parse(fileName)
    .name.replace(/[^\w.\-\u4e00-\u9fff]/g, '_')
    .slice(0, 60)}.txt`
  const storage = new LocalFileStorage(dataDir)
  const { fileID } = await storage.upload(
    `uploads/${Date.now().toString(36)}-${name}`,
    Buffer.from(text, 'utf8'),
  )
  return callAsOperator(dataDir, 'publish', { action: 'issues.publish', fileID, fileName: name })
}
