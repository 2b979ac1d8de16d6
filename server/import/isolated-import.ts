import path from 'path'
import { Worker } from 'worker_threads'
import { notAnIssueFile } from '../../core/limits'
import { fail, type Result } from '../../core/result'
import { IMPORT_TIME_BUDGET_MS, TOOK_TOO_LONG } from '../../cloudfunctions/lib/import/limits'
import {
  importIssueFile,
  UNRECOGNIZED_FILE,
  type ImportedIssueText,
} from '../../cloudfunctions/lib/import'
import { sniffIssueFile } from '../../cloudfunctions/lib/import/sniff'

export type ImportFile = (bytes: Uint8Array, fileName: string) => Promise<Result<ImportedIssueText>>

export interface IsolationLimits {
  /** Wall time per file, worker start included. */
  budgetMs?: number
  /** The worker's JavaScript heap. */
  heapMb?: number
  /**
   * How far the process's resident memory may grow while one file is read (external buffers, which
   * the heap limit does not count, included) before the file is given up.
   */
  growthMb?: number
}

const ENTRY = path.join(__dirname, 'worker-entry.ts')

/** The worker runs the TypeScript importer through tsx, as `npm start` runs the server. */
const spawnWorker = (heapMb: number): Worker => {
  const worker = new Worker(`require('tsx/cjs'); require(${JSON.stringify(ENTRY)})`, {
    eval: true,
    resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 32 },
  })
  // An idle worker must not keep the process alive.
  worker.unref()
  return worker
}

const OUT_OF_MEMORY = '读取这个文件所需的内存超出限制（文件过大或结构过于复杂），不像一期刊物'

const refused = (reason: string): Result<ImportedIssueText> =>
  fail(UNRECOGNIZED_FILE, notAnIssueFile(reason))

/**
 * Reads uploaded files off the request loop: a worker thread runs the importer (with its own
 * limits on unpacked size, entries, nesting, pages and text), one file at a time, so requests
 * keep being answered while a file is read. A file that still runs past its time, the worker's
 * heap or the process's memory is given up with a clear reason and the worker replaced.
 */
export function isolatedImporter({
  budgetMs = IMPORT_TIME_BUDGET_MS,
  heapMb = 160,
  growthMb = 256,
}: IsolationLimits = {}): ImportFile {
  let worker: Worker | null = null
  let queue: Promise<unknown> = Promise.resolve()

  const read = (bytes: Uint8Array, fileName: string): Promise<Result<ImportedIssueText>> =>
    new Promise((resolve) => {
      const current = (worker ??= spawnWorker(heapMb))
      current.ref()
      const finish = (result: Result<ImportedIssueText>, stop: boolean): void => {
        clearTimeout(timer)
        clearInterval(watch)
        current.off('message', onMessage)
        current.off('error', onError)
        current.off('exit', onExit)
        if (stop) {
          if (worker === current) worker = null
          void current.terminate()
        } else current.unref()
        resolve(result)
      }
      const onMessage = (result: Result<ImportedIssueText>): void => finish(result, false)
      const onError = (e: Error & { code?: string }): void =>
        finish(
          refused(
            e.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? OUT_OF_MEMORY
              : `the file could not be read (${e.message.split('\n')[0]})`,
          ),
          true,
        )
      const onExit = (): void => finish(refused('读取文件时读取程序意外退出'), true)
      const timer = setTimeout(() => finish(refused(TOOK_TOO_LONG), true), budgetMs)
      const ceiling = process.memoryUsage.rss() + growthMb * 1024 * 1024
      const watch = setInterval(() => {
        if (process.memoryUsage.rss() > ceiling) finish(refused(OUT_OF_MEMORY), true)
      }, 50)
      current.on('message', onMessage)
      current.on('error', onError)
      current.on('exit', onExit)
      // The worker stops by itself a little before the host gives up, to report which limit.
      current.postMessage({
        bytes: new Uint8Array(bytes),
        fileName,
        deadline: Date.now() + budgetMs - 1000,
      })
    })

  return (bytes, fileName) => {
    // Text (at most 5 MB, decoded in one pass) and files refused by their first bytes need no
    // worker; Word and PDF files, whose readers unpack and interpret them, always go to one.
    const kind = sniffIssueFile(bytes).kind
    if (kind !== 'docx' && kind !== 'pdf') return importIssueFile(bytes, fileName)
    const next = queue.then(() => read(bytes, fileName))
    queue = next.catch(() => undefined)
    return next
  }
}
