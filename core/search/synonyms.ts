import { ownEntry } from '../own-entry'

/**
 * The abbreviations policy readers type, curated by hand (no list is complete, so each entry is
 * one that appears in the newsletter's sources). Forms are written already normalised (simplified,
 * lower case, no punctuation).
 *
 * - `GROUPS`: names that mean the same; a term holding any of them also matches the others
 *   (`发改委` ⇄ `发展改革委` ⇄ `发展和改革委员会`).
 * - `ONE_WAY`: a one-character short name of a province-level region → its name. One way only:
 *   `苏` inside `苏州` or `复苏` must not make a search for `江苏` find them, but a reader who types
 *   `沪` means 上海. They apply when the term is exactly the short name; short names that are
 *   also common words (新, 青, 宁, 吉, 黑, 蒙, 甘) are left out.
 */
export const GROUPS: readonly (readonly string[])[] = [
  ['发改委', '发展改革委', '发展和改革委员会'],
  ['工信部', '工业和信息化部'],
  ['工信厅', '工业和信息化厅'],
  ['经信委', '经济和信息化委员会'],
  ['央行', '中国人民银行', '人民银行'],
  ['国资委', '国有资产监督管理委员会'],
  ['证监会', '证券监督管理委员会'],
  ['金融监管总局', '国家金融监督管理总局'],
  ['人社部', '人力资源和社会保障部', '人力资源社会保障部'],
  ['人社厅', '人力资源和社会保障厅', '人力资源社会保障厅'],
  ['住建部', '住房和城乡建设部', '住房城乡建设部'],
  ['科技部', '科学技术部'],
  ['网信办', '网络安全和信息化委员会办公室'],
  ['市场监管局', '市场监督管理局'],
  ['自贸区', '自由贸易试验区', '自贸试验区'],
  ['经开区', '经济技术开发区'],
  ['高新区', '高新技术产业开发区'],
  ['长三角', '长江三角洲'],
  ['珠三角', '珠江三角洲'],
  ['大湾区', '粤港澳大湾区'],
  ['新能源车', '新能源汽车'],
  ['ai', '人工智能'],
  ['中小微企业', '中小企业'],
]

export const ONE_WAY: Readonly<Record<string, readonly string[]>> = {
  京: ['北京'],
  津: ['天津'],
  沪: ['上海'],
  渝: ['重庆'],
  冀: ['河北'],
  晋: ['山西'],
  辽: ['辽宁'],
  苏: ['江苏'],
  浙: ['浙江'],
  皖: ['安徽'],
  闽: ['福建'],
  赣: ['江西'],
  鲁: ['山东'],
  豫: ['河南'],
  鄂: ['湖北'],
  湘: ['湖南'],
  粤: ['广东'],
  琼: ['海南'],
  川: ['四川'],
  蜀: ['四川'],
  黔: ['贵州'],
  滇: ['云南'],
  陕: ['陕西'],
  桂: ['广西'],
  藏: ['西藏'],
}

/** The forms a normalised term also matches, itself first; at most `MAX_VARIANTS`. */
export function variantsOf(term: string): string[] {
  const out = new Set([term])
  for (const alt of ownEntry(ONE_WAY, term) ?? []) out.add(alt)
  for (const group of GROUPS) {
    // The longest name the term holds: `中国人民银行` is not also replaced as `人民银行`.
    const name = group.filter((n) => term.includes(n)).sort((a, b) => b.length - a.length)[0]
    if (name === undefined) continue
    for (const other of group) if (other !== name) out.add(term.split(name).join(other))
  }
  return [...out].slice(0, MAX_VARIANTS)
}

export const MAX_VARIANTS = 6
