/** Command-line options of `npm run ingest`. */
export interface IngestArgs {
  file: string
  json: boolean
  dryRun: boolean
  publish: boolean
}

const FLAGS = new Set(['--json', '--dry-run', '--publish'])

/** Parses argv; returns an error line when the arguments cannot be understood. */
export function parseIngestArgs(argv: string[]): IngestArgs | { error: string } {
  const files = argv.filter((a) => !a.startsWith('--'))
  const unknown = argv.filter((a) => a.startsWith('--') && !FLAGS.has(a))
  if (unknown.length)
    return {
      error: `未知选项 ${unknown[0]}（用法：ingest [--dry-run] [--json] [--publish] FILE）`,
    }
  if (files.length !== 1)
    return {
      error: `需要一个文件，收到 ${files.length} 个（用法：ingest [--dry-run] [--json] [--publish] FILE）`,
    }
  const has = (flag: string): boolean => argv.includes(flag)
  if (has('--dry-run') && has('--publish')) return { error: '--dry-run 和 --publish 不能同时使用' }
  return {
    file: files[0],
    json: has('--json'),
    dryRun: !has('--publish'),
    publish: has('--publish'),
  }
}
