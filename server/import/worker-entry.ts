/** The import worker's side: reads one file per message with the importer and its limits. */
import { parentPort } from 'worker_threads'
import { importIssueFile } from '../../cloudfunctions/lib/import'

interface Job {
  bytes: Uint8Array
  fileName: string
  deadline: number
}

parentPort?.on('message', (job: Job) => {
  void importIssueFile(job.bytes, job.fileName, { deadline: job.deadline }).then((result) =>
    parentPort?.postMessage(result),
  )
})
