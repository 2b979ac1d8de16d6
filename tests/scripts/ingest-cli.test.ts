import { spawnSync } from 'child_process'
import { mkdtempSync, writeFileSync } from 'fs'
import os from 'os'
import path from 'path'
import { SAMPLE_ISSUE_PATH, readSampleIssue } from '../fixtures/sample-issue'

const ROOT = path.resolve(__dirname, '../..')
const tmp = mkdtempSync(path.join(os.tmpdir(), 'ingest-cli-'))

/** Runs the CLI exactly as outside scripts call it. */
const ingest = (...args: string[]) => {
  const r = spawnSync('npm', ['run', '--silent', 'ingest', '--', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.replace(/^npm warn .*\n/gm, '') }
}

const fileWith = (name: string, content: string | Buffer): string => {
  const file = path.join(tmp, name)
  writeFileSync(file, content)
  return file
}

describe('npm run ingest -- --dry-run --json FILE', () => {
  it('prints one JSON document with the issue, its articles and warnings', () => {
    const { code, stdout, stderr } = ingest('--dry-run', '--json', SAMPLE_ISSUE_PATH)
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const doc = JSON.parse(stdout)
    expect(doc.issue).toMatchObject({
      year: 2024,
      number: 6,
      totalNumber: 280,
      publishedOn: '2024-03-28',
    })
    expect(doc.articles).toHaveLength(10)
    expect(doc.articles[9]).toMatchObject({
      id: 'i280-10',
      region: '江苏',
      sources: ['21世纪经济报道'],
      sourceDate: '2024-03-19',
    })
    expect(doc.articles[0].blocks[0]).toMatchObject({ type: 'paragraph', text: expect.any(String) })
    expect(doc.warnings).toEqual([])
  })

  it('prints a human summary without --json', () => {
    const { code, stdout } = ingest('--dry-run', SAMPLE_ISSUE_PATH)
    expect(code).toBe(0)
    expect(stdout).toContain('2024 年第 6 期（总第 280 期）')
    expect(stdout).toMatch(/【广东】\n(\s+i280-0[678] .+\n){3}/)
    expect(stdout).toContain('10 篇文章，5 个地区')
    expect(stdout).toContain('没有提示')
  })

  it('lists every dropped page-furniture line with its line number in the summary', () => {
    const text = readSampleIssue()
      .replace(
        '争取在新赛道上抢占先机。',
        '争取在新赛道上抢占先机。\n\n— 2 —\n\n双周决策观察 2024 年第 6 期',
      )
      .replace('带动上下游配套企业向', '带动上下游配套企业向\n\n— 3 —')
    const file = fileWith('furniture.txt', text)
    const { code, stdout } = ingest('--dry-run', file)
    expect(code).toBe(0)
    const lineOf = (s: string) => text.split('\n').indexOf(s) + 1
    expect(stdout).toContain('3 条提示：')
    for (const s of ['— 2 —', '双周决策观察 2024 年第 6 期', '— 3 —'])
      expect(stdout).toContain(`[dropped_line] 第 ${lineOf(s)} 行“${s}”`)
  })
})

describe('bad input exits 2 with one line naming the problem and the file', () => {
  const expectBadInput = (args: string[], problem: RegExp) => {
    const { code, stdout, stderr } = ingest(...args)
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr.split('\n').filter(Boolean)).toHaveLength(1)
    expect(stderr.trim()).toMatch(/^error: .+/)
    expect(stderr.trim()).toMatch(problem)
    expect(stderr).not.toMatch(/\n\s+at /)
  }

  it('a missing file', () =>
    expectBadInput(
      ['--dry-run', '--json', path.join(tmp, 'nope.txt')],
      /找不到这个文件 \(.*nope\.txt\)$/,
    ))

  it('an empty file', () =>
    expectBadInput(['--dry-run', fileWith('empty.txt', '')], /文件是空的 \(.*empty\.txt\)/))

  it('a file of blank lines', () =>
    expectBadInput(
      ['--dry-run', fileWith('blank.txt', '\n\u3000\r\n  \n')],
      /文件里没有文字 \(.*blank\.txt\)/,
    ))

  it('binary data', () => {
    const png = Buffer.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0xff,
      0xd8,
    ])
    expectBadInput(
      ['--dry-run', fileWith('photo.png', png)],
      /^error: 不是可识别的期刊文件：这是二进制数据.* \(.*photo\.png\)/,
    )
  })

  it('text that is not an issue', () =>
    expectBadInput(
      ['--dry-run', fileWith('notes.txt', '会议纪要\n\n今天讨论了预算。\n')],
      /^error: 不是可识别的期刊文件：找不到《双周决策观察》的刊头.* \(.*notes\.txt\)/,
    ))

  it('a file over 5 MB', () =>
    expectBadInput(
      [
        '--dry-run',
        fileWith(
          'huge.txt',
          readSampleIssue().repeat(
            Math.ceil((5.1 * 2 ** 20) / Buffer.byteLength(readSampleIssue())),
          ),
        ),
      ],
      /超过 5 MB 的上限 \(.*huge\.txt\)/,
    ))

  it('a truncated issue with no complete article', () => {
    const text = readSampleIssue()
    expectBadInput(
      ['--dry-run', fileWith('cut.txt', text.slice(0, text.indexOf('搭建低空飞行服务平台')))],
      /^error: 不是可识别的期刊文件：没有找到一篇完整的文章 \(.*cut\.txt\)/,
    )
  })

  it('an issue publishing would refuse, with the line publishing gives', () => {
    const opening = '随着无人机物流、低空文旅和应急救援等应用场景不断成熟'
    const text = readSampleIssue().replace(
      opening,
      `${'低空经济持续升温，'.repeat(2300)}${opening}`,
    )
    expectBadInput(
      ['--dry-run', fileWith('long.txt', text)],
      /^error: 这一期超出了发布的限制：articles\.0\.blocks\.0\.text: 长度超过 20000 个字符的上限 \(.*long\.txt\)$/,
    )
  })

  it('a directory', () => expectBadInput(['--dry-run', tmp], /这是文件夹，不是文件/))

  it('an unknown option or no file', () => {
    expectBadInput(['--dry-run', '--jsn', SAMPLE_ISSUE_PATH], /未知选项 --jsn/)
    expectBadInput(['--dry-run'], /需要一个文件/)
  })
})
