/**
 * Renders the default share images (5:4 for chats, 1:1 for Moments) into
 * src/packages/reader/assets/, used whenever a page's own card could not be drawn. Run once after
 * changing the design: `npx tsx config/share-images.ts` (needs Chromium and fonts-noto-cjk).
 */
import path from 'node:path'

import { chromium } from 'playwright-core'

const OUT = path.resolve(__dirname, '../src/packages/reader/assets')
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

const card = (width: number, height: number) => `<!doctype html>
<html><head><meta charset="utf-8"><style>
  html, body { margin: 0; width: ${width}px; height: ${height}px; overflow: hidden; }
  body { font-family: 'PingFang SC', 'Noto Sans CJK SC', sans-serif; background: #f7f7f5; color: #1f2328; }
  .band { height: ${Math.round(height * 0.56)}px; background: #1d3557; color: #fff; display: flex;
    flex-direction: column; align-items: center; justify-content: center; }
  .title { font-size: 56px; font-weight: 700; letter-spacing: 10px; margin-left: 10px; }
  .sub { margin-top: 10px; font-size: 22px; letter-spacing: 8px; opacity: .9; margin-left: 8px; }
  .rule { width: 72px; height: 2px; background: rgba(255,255,255,.5); margin: 22px 0 0; }
  .foot { display: flex; flex-direction: column; align-items: center; justify-content: center;
    height: ${height - Math.round(height * 0.56)}px; }
  .org { font-size: 22px; color: #1d3557; font-weight: 600; letter-spacing: 2px; }
  .when { margin-top: 8px; font-size: 20px; color: #5c6570; }
</style></head><body>
  <div class="band"><div class="title">双周决策观察</div><div class="sub">地方工作亮点追踪</div><div class="rule"></div></div>
  <div class="foot"><div class="org">天津滨海综合发展研究院</div><div class="when">每两周一期 · 点开阅读</div></div>
</body></html>`

async function main(): Promise<void> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu'],
  })
  try {
    for (const [name, w, h] of [
      ['share-5x4.png', 500, 400],
      ['share-1x1.png', 500, 500],
    ] as const) {
      const page = await browser.newPage({
        viewport: { width: w, height: h },
        deviceScaleFactor: 1,
      })
      await page.setContent(card(w, h))
      await page.screenshot({ path: path.join(OUT, name) })
      await page.close()
      console.log(`wrote ${path.join(OUT, name)}`)
    }
  } finally {
    await browser.close()
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
