import { existsSync } from 'fs'
import { chromium, type Browser } from 'playwright-core'

import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../../scripts/chromium'

const CJK_FONTS = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc',
]

const INSTALL = 'run `apt-get install -y chromium fonts-noto-cjk` (as root) to print test PDFs'

/** Starts the system Chromium; a machine without it (or its CJK fonts) fails with the command that installs them. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`${CHROMIUM_PATH} is missing: ${INSTALL}`)
  const missing = CJK_FONTS.filter((font) => !existsSync(font))
  if (missing.length > 0) throw new Error(`${missing.join(', ')} missing: ${INSTALL}`)
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
}

export interface PrintOptions {
  /** Running header text (the publication and issue, as printed on every page). */
  header: string
  width: string
  height: string
}

/**
 * Prints HTML to a PDF with a running header and a `第 N 页 / 共 M 页` footer on every page, on a
 * small page so that paragraphs are cut by page breaks.
 */
export async function printPdf(
  browser: Browser,
  html: string,
  options: PrintOptions,
): Promise<Buffer> {
  const page = await browser.newPage()
  try {
    await page.setContent(html, { waitUntil: 'load' })
    return await page.pdf({
      width: options.width,
      height: options.height,
      margin: { top: '16mm', bottom: '14mm', left: '11mm', right: '11mm' },
      printBackground: false,
      displayHeaderFooter: true,
      headerTemplate: `<div style="font-size:7px;width:100%;text-align:center;font-family:'Noto Sans CJK SC'">${options.header}</div>`,
      footerTemplate:
        '<div style="font-size:7px;width:100%;text-align:center;font-family:\'Noto Sans CJK SC\'">第 <span class="pageNumber"></span> 页 / 共 <span class="totalPages"></span> 页</div>',
    })
  } finally {
    await page.close()
  }
}
