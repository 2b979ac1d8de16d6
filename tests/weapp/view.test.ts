import { ensureWeappBuilt, WEAPP_DIR } from '../../scripts/check-weapp'
import {
  applyPath,
  BuildView,
  type DataNode,
  outlineOfRender,
  pathSteps,
  undefinedPaths,
} from '../../scripts/weapp-runtime/view'

jest.setTimeout(240_000)

let build: BuildView
beforeAll(() => {
  ensureWeappBuilt()
  build = new BuildView(WEAPP_DIR)
})

/** A chain of `depth` views (alias of a plain <view> read from the build) around one text. */
function chain(depth: number): { cn: DataNode[] } {
  const view = [...build.tags].find(([, tag]) => tag === 'view')![0]
  const text = [...build.tags].find(([, tag]) => tag === '#text')![0]
  let node: DataNode = { nn: text, sid: 'text', v: '最深处的文字' }
  for (let i = depth; i > 0; i--) node = { nn: view, sid: `_n_${i}`, cn: [node] }
  return { cn: [node] }
}

describe('the harness view layer', () => {
  it('applies setData keys by Taro paths, creating what is missing', () => {
    expect(pathSteps('root.cn.[0].cn.[2].v')).toEqual(['root', 'cn', 0, 'cn', 2, 'v'])
    expect(pathSteps('root.cn[0]')).toEqual(['root', 'cn', 0])
    const data: Record<string, unknown> = { root: { cn: [] } }
    applyPath(data, 'root.cn.[0]', { nn: '3', cn: [] })
    applyPath(data, 'root.cn.[0].cn.[1].v', '文字')
    expect(data).toEqual({ root: { cn: [{ nn: '3', cn: [undefined, { v: '文字' }] }] } })
    expect(undefinedPaths({ 'root.cn.[0]': { v: undefined, cn: [1, undefined] } })).toEqual([
      'root.cn.[0].v',
      'root.cn.[0].cn[1]',
    ])
  })

  it('renders a tree past the last template level through Taro’s recursive component', () => {
    const root = chain(24)
    expect(build.unresolved(root)).toEqual([])
    const rendered = outlineOfRender(build.render('pages/latest/index', { root }))
    expect(rendered).toEqual(build.outlineOfData(root))
    expect(rendered.at(-1)).toBe('"最深处的文字"')
    expect(build.wccWarnings).toEqual([])
  })

  it('reports a node whose alias has no template', () => {
    const root = { cn: [{ nn: '999', sid: '_n_1', cn: [] }] }
    expect(build.unresolved(root)).toEqual(['_n_1 (nn 999): tmpl_0_999'])
    expect(outlineOfRender(build.render('pages/latest/index', { root }))).toEqual([])
    expect(build.wccWarnings.splice(0).join('\n')).toMatch(/tmpl_0_999/)
  })
})
