import { readFileSync } from 'node:fs'
import path from 'node:path'
import vm from 'node:vm'

/** A node of Taro's page data tree: `nn` is the component's alias number, `cn` its children. */
export interface DataNode {
  nn: string
  sid?: string
  v?: string
  cn?: DataNode[]
  [prop: string]: unknown
}

/** A node of the virtual DOM `$gwx` renders: a text or an element. */
export type VNode = string | { tag: string; attr?: Record<string, unknown>; children?: VNode[] }

/**
 * Splits a `setData` key into steps: `root.cn.[0].cn.[2].v` and `root.cn[0]` are both Taro's.
 * Numbers come from brackets; everything else is a property name.
 */
export function pathSteps(key: string): (string | number)[] {
  const steps: (string | number)[] = []
  for (const m of key.matchAll(/\[(\d+)\]|([^.[\]]+)/g))
    steps.push(m[1] !== undefined ? Number(m[1]) : m[2])
  return steps
}

/** Applies one `setData` key to a data object as WeChat does, creating what the path lacks. */
export function applyPath(data: Record<string, unknown>, key: string, value: unknown): void {
  const steps = pathSteps(key)
  let at = data as Record<string | number, unknown>
  for (let i = 0; i < steps.length - 1; i++) {
    const step = steps[i]
    let next = at[step]
    if (typeof next !== 'object' || next === null) {
      next = typeof steps[i + 1] === 'number' ? [] : {}
      at[step] = next
    }
    at = next as Record<string | number, unknown>
  }
  at[steps[steps.length - 1]] = value
}

/** Paths inside a `setData` payload that carry `undefined` (JSON would silently drop them). */
export function undefinedPaths(value: unknown, at = ''): string[] {
  if (value === undefined) return [at || '(payload)']
  if (typeof value !== 'object' || value === null) return []
  return Object.entries(value).flatMap(([k, v]) =>
    undefinedPaths(v, Array.isArray(value) ? `${at}[${k}]` : at ? `${at}.${k}` : k),
  )
}

/** Node counts of a page's data tree: all nodes (texts included) and the deepest nesting. */
export function measureTree(root: { cn?: DataNode[] }): { nodes: number; depth: number } {
  let nodes = 0
  let depth = 0
  const walk = (list: DataNode[] | undefined, d: number) => {
    for (const n of list ?? []) {
      nodes++
      depth = Math.max(depth, d)
      walk(n.cn, d + 1)
    }
  }
  walk(root.cn, 1)
  return { nodes, depth }
}

/** The texts of a data tree in document order. */
export function dataTexts(root: { cn?: DataNode[] }): string[] {
  const out: string[] = []
  const walk = (list: DataNode[] | undefined) => {
    for (const n of list ?? []) {
      if (typeof n.v === 'string' && n.v !== '') out.push(n.v)
      walk(n.cn)
    }
  }
  walk(root.cn)
  return out
}

interface Xs {
  a(l: number, n: string, s: string): string
  f(l: string, n: string): string
}

/**
 * What the build's WXML says about rendering: the templates base.wxml defines, the alias table
 * (alias number → the tag its depth-0 template renders, read from base.wxml), the build's own
 * `utils.wxs` (which picks a node's template by depth), and WeChat's `wcc` output for every WXML
 * file (`$gwx`), each evaluated in a context of its own.
 */
export class BuildView {
  readonly templates: Set<string>
  readonly tags = new Map<string, string>()
  private readonly xs: Xs
  private readonly gwx: (file: string) => (data: unknown, env: object, scope: object) => VNode
  private readonly gwxParse: (text: string) => unknown
  readonly wccWarnings: string[] = []
  private readonly components = new Map<string, Map<string, string>>()

  constructor(readonly dir: string) {
    const base = readFileSync(path.join(dir, 'base.wxml'), 'utf8')
    const bodies = new Map<string, string>()
    for (const m of base.matchAll(/<template name="([^"]+)">([\s\S]*?)<\/template>/g))
      bodies.set(m[1], m[2])
    this.templates = new Set(bodies.keys())
    for (const [name, body] of bodies) {
      const num = /^tmpl_0_(\w+?)(?:_blur)?$/.exec(name)?.[1]
      if (!num) continue
      const tag = /^\s*<([\w-]+)/.exec(body)?.[1]
      // `<template is=…>` (input, textarea) defers to its `_blur` variant; `<block>` is a text.
      if (tag && tag !== 'template') this.tags.set(num, tag === 'block' ? '#text' : tag)
    }

    const wxs = vm.createContext({})
    const module = vm.runInContext('({ exports: {} })', wxs) as { exports: Xs }
    vm.runInContext(
      `(function (module) {${readFileSync(path.join(dir, 'utils.wxs'), 'utf8')}\n})`,
      wxs,
    )(module)
    this.xs = module.exports

    // WeChat's WXML compiler, from npm `miniprogram-compiler` (Linux x86-64 `wcc`).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { wxmlToJs } = require('miniprogram-compiler') as { wxmlToJs: (dir: string) => string }
    const source = wxmlToJs(dir)
    const render = vm.createContext({
      console: {
        log: () => {},
        info: () => {},
        warn: (...a: unknown[]) => this.wccWarnings.push(a.join(' ')),
        error: (...a: unknown[]) => this.wccWarnings.push(a.join(' ')),
      },
    })
    render.window = render
    render.__wxAppCode__ = {}
    this.gwx = vm.runInContext(`(function (global) {${source}\n})({})`, render)
    // `$gdc` checks `constructor === Object`: the data must be made in the renderer's realm.
    this.gwxParse = vm.runInContext('JSON.parse', render)
  }

  /**
   * `$gwx('<route>.wxml')(data)`: the page's virtual DOM as WeChat's view layer would build it.
   * Past the last template level Taro renders a node through its recursive custom component
   * (`comp`): each one is rendered from its own WXML with its properties, as WeChat would.
   */
  render(route: string, data: unknown): VNode {
    const tree = this.gwx(`${route}.wxml`)(this.gwxParse(JSON.stringify(data)), {}, {})
    const components = this.componentsOf(route)
    const expand = (node: VNode): void => {
      if (typeof node === 'string') return
      const component = components.get(node.tag.replace(/^wx-/, ''))
      if (component) {
        const props = { i: node.attr?.i, l: node.attr?.l ?? '' }
        const shadow = this.gwx(`${component}.wxml`)(this.gwxParse(JSON.stringify(props)), {}, {})
        node.children = typeof shadow === 'string' ? [shadow] : (shadow.children ?? [])
        delete node.attr?.i
      }
      for (const child of node.children ?? []) expand(child)
    }
    expand(tree)
    return tree
  }

  /**
   * A page's custom components (`usingComponents`): tag → its path in the build, without an
   * extension. Read once per page: the build does not change while it runs.
   */
  componentsOf(route: string): Map<string, string> {
    let components = this.components.get(route)
    if (!components) {
      const json = JSON.parse(readFileSync(path.join(this.dir, `${route}.json`), 'utf8')) as {
        usingComponents?: Record<string, string>
      }
      components = new Map(
        Object.entries(json.usingComponents ?? {}).map(([tag, rel]) => [
          tag,
          path.posix.join(path.posix.dirname(route), rel),
        ]),
      )
      this.components.set(route, components)
    }
    return components
  }

  /** Nodes whose template (picked by the build's utils.wxs for its depth) base.wxml lacks. */
  unresolved(root: { cn?: DataNode[] }): string[] {
    const missing: string[] = []
    const walk = (list: DataNode[] | undefined, c: number, l: string) => {
      for (const n of list ?? []) {
        const name = this.xs.a(c, n.nn, l)
        if (!this.templates.has(name)) missing.push(`${n.sid ?? '?'} (nn ${n.nn}): ${name}`)
        if (name.endsWith('_container')) {
          // Past the last level the recursive `comp` component renders the node at level 0.
          const own = `tmpl_0_${n.nn}`
          if (!this.templates.has(own)) missing.push(`${n.sid ?? '?'} (nn ${n.nn}): ${own}`)
          walk(n.cn, 1, this.xs.f('', n.nn))
        } else walk(n.cn, c + 1, this.xs.f(l, n.nn))
      }
    }
    walk(root.cn, 0, '')
    return missing
  }

  /** The data tree flattened to what it shows: `tag#sid` for elements, `"text"` for texts. */
  outlineOfData(root: { cn?: DataNode[] }): string[] {
    const out: string[] = []
    let text = ''
    const flush = () => {
      if (text) out.push(JSON.stringify(text))
      text = ''
    }
    const walk = (list: DataNode[] | undefined) => {
      for (const n of list ?? []) {
        const tag = this.tags.get(n.nn) ?? `?${n.nn}`
        if (tag === '#text') {
          text += n.v ?? ''
          continue
        }
        flush()
        out.push(`${tag}#${n.sid}`)
        walk(n.cn)
        flush()
      }
    }
    walk(root.cn)
    flush()
    return out
  }
}

/** The virtual DOM flattened the same way (`wx-view` → `view`; adjacent texts joined). */
export function outlineOfRender(tree: VNode): string[] {
  const out: string[] = []
  let text = ''
  const flush = () => {
    if (text) out.push(JSON.stringify(text))
    text = ''
  }
  const walk = (node: VNode, top: boolean) => {
    if (typeof node === 'string') {
      text += node
      return
    }
    // A custom component (Taro's `comp`) carries no sid: only what it renders counts.
    const component = node.attr?.['data-sid'] === undefined && !top
    if (!top && !component) {
      flush()
      out.push(`${node.tag.replace(/^wx-/, '')}#${node.attr?.['data-sid'] ?? ''}`)
    }
    for (const child of node.children ?? []) walk(child, false)
    flush()
  }
  walk(tree, true)
  flush()
  return out
}

/** An element of a rendered tree. */
export type VElement = Exclude<VNode, string>

/** An element with its ancestors, nearest first (the path a tap bubbles along). */
export interface Placed {
  el: VElement
  ancestors: VElement[]
}

/** Every element of a rendered tree with its ancestors, in document order. */
export function* elements(node: VNode, ancestors: VElement[] = []): Generator<Placed> {
  if (typeof node === 'string') return
  yield { el: node, ancestors }
  for (const child of node.children ?? []) yield* elements(child, [node, ...ancestors])
}

/** The text an element shows (its descendants' texts, joined). */
export function textOf(node: VNode): string {
  if (typeof node === 'string') return node
  return (node.children ?? []).map(textOf).join('')
}
