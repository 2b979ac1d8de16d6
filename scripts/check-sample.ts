/**
 * `npm run check:sample -- FILE TRUTH` parses an issue file (text export, .docx or PDF) and compares
 * the parse with a reference parse kept beside it. Prints `ok` or every difference, one per line.
 * Exit 0 when they agree, 1 when they differ, 2 with one line `error: … (FILE)` for bad input.
 */
import { readFileSync } from 'fs'
import path from 'path'
import { parseIssueText } from '@core/index'
import { importIssueFile } from '../cloudfunctions/lib/import'
import { compareWithTruth, truthProblem, type Truth } from './check-sample/compare'

function exitWith(message: string, file?: string, code = 2): never {
  process.stderr.write(`error: ${message}${file ? ` (${file})` : ''}\n`)
  process.exit(code)
}

function read(file: string): Buffer {
  try {
    return readFileSync(file)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    exitWith(code === 'ENOENT' ? '找不到这个文件' : `无法读取这个文件：${code ?? '未知错误'}`, file)
  }
}

async function main(argv: string[]): Promise<void> {
  if (argv.length !== 2 || argv.some((a) => a.startsWith('--')))
    exitWith('用法：npm run check:sample -- FILE TRUTH')
  const [file, truthFile] = argv
  const imported = await importIssueFile(read(file), path.basename(file))
  if (!imported.ok) exitWith(imported.error.message, file)
  const parsed = parseIssueText(imported.data.text)
  if (!parsed.ok) exitWith(parsed.error.message, file)
  let truth: unknown
  try {
    truth = JSON.parse(read(truthFile).toString('utf8'))
  } catch {
    exitWith('参照解析不是有效的 JSON', truthFile)
  }
  const problem = truthProblem(truth)
  if (problem) exitWith(`参照解析的格式不对：${problem}`, truthFile)
  const differences = compareWithTruth(parsed.data, truth as Truth)
  const name = path.basename(file)
  if (differences.length === 0) {
    process.stdout.write(`ok ${name}: ${parsed.data.articles.length} articles match the truth\n`)
    return
  }
  process.stdout.write(
    `${name}: ${differences.length} difference(s)\n${differences.map((d) => `  ${d}`).join('\n')}\n`,
  )
  process.exitCode = 1
}

main(process.argv.slice(2)).catch((e) =>
  exitWith(`意外失败：${(e as Error).message}`, undefined, 1),
)
