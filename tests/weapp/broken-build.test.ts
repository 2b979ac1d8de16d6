import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

import { copyOfBuild, type Harness, startHarness } from '../../scripts/weapp-runtime'
import { content, harnessOfFile } from './support'

// Builds dist/weapp first when it is stale, then breaks copies of it on purpose.
jest.setTimeout(240_000)

/** Runs the harness on a copy of the build changed by `breakIt`, and closes both after `use`. */
async function withBrokenBuild(
  breakIt: (dir: string) => void,
  run: (harness: Harness) => Promise<void>,
): Promise<void> {
  const copy = copyOfBuild()
  try {
    breakIt(copy.dir)
    const harness = await startHarness(copy.dir)
    try {
      await run(harness)
    } finally {
      await harness.close()
    }
  } finally {
    copy.remove()
  }
}

const edit = (file: string, change: (text: string) => string) => {
  const before = readFileSync(file, 'utf8')
  const after = change(before)
  if (after === before) throw new Error(`nothing changed in ${file}`)
  writeFileSync(file, after)
}

describe('the harness fails on a broken build', () => {
  it('reports nodes without a template when base.wxml lacks one', () =>
    withBrokenBuild(
      (dir) =>
        // The template of a <text> outside other texts, used on every page.
        edit(path.join(dir, 'base.wxml'), (t) =>
          t.replace(/<template name="tmpl_0_5">[\s\S]*?<\/template>/, ''),
        ),
      async (harness) => {
        const mp = await harness.launch()
        expect(mp.violations).toEqual(
          expect.arrayContaining([
            expect.stringMatching(/^pages\/latest\/index: no template for node .*tmpl_0_5$/),
            expect.stringMatching(/^pages\/latest\/index: wcc renders .* where the data has /),
            expect.stringMatching(/^wcc: .*Template `tmpl_0_5` not found/),
          ]),
        )
      },
    ))

  it('reports a page whose file never registers when a require is removed from it', () =>
    withBrokenBuild(
      (dir) =>
        edit(path.join(dir, 'packages/reader/article/index.js'), (t) =>
          t.replace(/require\("\.\.\/sub-common\/[0-9a-f]+\.js"\);/, ''),
        ),
      async (harness) => {
        const [latest] = (await content(harness, { action: 'issues.list', limit: 1 })).items
        const mp = await harness.launch()
        // The issue page is intact; the article page's chunk never runs, so Page() is never called.
        await mp.tap(latest.firstTitles[0])
        expect(mp.current.route).toBe('packages/reader/issue/index')
        expect(mp.problems).toEqual([])
        const issue = await content(harness, { action: 'issues.get', id: latest.id })
        await mp.tap(issue.sections[0].articles[0].title)
        expect(mp.problems).toEqual([
          {
            kind: 'page',
            message: 'packages/reader/article/index: the file never called Page()',
          },
        ])
        expect(mp.current.route).toBe('packages/reader/issue/index')
      },
    ))
})

describe('the harness reports what its WeChat lacks', () => {
  const harness = harnessOfFile()

  it('an API the app calls and wx lacks fails in the app as in WeChat, and the run shows it', async () => {
    const [latest] = (await content(harness, { action: 'issues.list', limit: 1 })).items
    const mp = await harness.launch({
      without: ['showShareMenu'],
      launch: { path: 'packages/reader/issue/index', query: { id: latest.id } },
    })
    // The app looked for it on wx (reported by the harness), then called Taro's, which Taro never
    // made: the page's effect throws, as on a WeChat without the API.
    expect([...mp.wx.missing]).toEqual(['showShareMenu'])
    expect(mp.problems.map((p) => p.message).join('\n')).toMatch(/showShareMenu is not a function/)
  })
})
