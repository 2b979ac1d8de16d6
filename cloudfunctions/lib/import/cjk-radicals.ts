/**
 * Radical code points put in place of ideographs by PDF producers. CJK fonts draw a radical and its
 * ideograph (⽉ U+2F49 and 月, ⻚ U+2EDA and 页) with one glyph, and the text layer of many PDFs (Chromium's
 * among them) names the radical: the text then reads right but matches nothing (`⽉` is not `月`).
 */

/**
 * CJK Radicals Supplement → the ideograph drawn with the same glyph, as pairs of characters. Derived
 * from the cmaps of Noto Sans/Serif CJK (the Simplified Chinese font first).
 */
const SUPPLEMENT_PAIRS =
  '⺂乛⺃乚⺅亻⺇𠘨⺉刂⺋㔾⺍𭕄⺎兀⺏尣⺐尢⺒巳⺓幺⺔彑⺕彐⺖忄⺘扌⺙攵⺛旡⺞歺⺟母⺠民⺡氵⺣灬⺤爫⺦丬⺨犭⺩𤣩⺫罒⺭礻⺮𥫗⺯糹⺰纟⺱罓⺲罒⺳㓁⺹耂⺺肀⺽𦥑⺾艹⺿艹⻁虎⻂衤⻃覀⻄西⻅见⻆角⻇𧢲⻈讠⻉贝⻊𧾷⻋车⻌辶⻍辶⻎辶⻐钅⻑長⻒镸⻓长⻔门⻕𨸏⻖阝⻘青⻙韦⻚页⻛风⻜飞⻝食⻞𩙿⻟飠⻠饣⻡𩠐⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻫斉⻬齐⻭歯⻮齿⻯竜⻰龙⻱龜⻲亀⻳龟'

const SUPPLEMENT = new Map<string, string>()
{
  const chars = Array.from(SUPPLEMENT_PAIRS)
  for (let i = 0; i + 1 < chars.length; i += 2) SUPPLEMENT.set(chars[i], chars[i + 1])
}

/** Kangxi radicals decompose (NFKC) to their ideographs; a Simplified Chinese font draws ⼾ as 户. */
const KANGXI_OVERRIDES: Record<string, string> = { '\u2f3e': '户' }

const RADICAL_OR_COMPAT = /[\u2e80-\u2eff\u2f00-\u2fdf\uf900-\ufaff]/g

/** Replaces radicals and compatibility ideographs with the unified ideographs they stand for. */
export function unifyIdeographs(text: string): string {
  return text.replace(RADICAL_OR_COMPAT, (c) => {
    const code = c.charCodeAt(0)
    if (code < 0x2f00) return SUPPLEMENT.get(c) ?? c
    if (code < 0xf900) return KANGXI_OVERRIDES[c] ?? c.normalize('NFKC')
    // Compatibility ideographs have canonical (NFC) mappings to unified ones.
    return c.normalize('NFC')
  })
}

/**
 * CJK fonts also draw `——` (two em dashes) as one glyph that the text layer names ⸺ (U+2E3A), and
 * `———` as ⸻ (U+2E3B): the export and the parser expect the dashes.
 */
export const expandDashGlyphs = (text: string): string =>
  text.replace(/\u2e3a/g, '——').replace(/\u2e3b/g, '———')

/** Text of a PDF text run as the export would have it. */
export const cleanPdfText = (text: string): string => expandDashGlyphs(unifyIdeographs(text))
