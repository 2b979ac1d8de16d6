import { makeAutoObservable, runInAction } from 'mobx'

import { drawShareCard, SHARE_SIZES, type ShareCardSpec } from '@/services/drawing/share-card'
import type { Platform } from '@/services/platform'
import type { ShareImages } from '@/services/share'

/**
 * Share images drawn on the device: a 5:4 chat card and a 1:1 Moments image per page, drawn once
 * when the page is on screen so a share finds them ready. weapp only (h5 shares a link); a page
 * whose drawing failed uses the default images.
 *
 * Drawn here rather than pre-rendered at publish time: cloud functions have no CJK fonts or
 * canvas, publishing stays one quick step with nothing stored per article, and a title corrected
 * by a replacement is on the next card drawn, with no stale image left in storage.
 */
export class ShareStore {
  images = new Map<string, ShareImages | null>()

  private readonly drawing = new Map<string, Promise<ShareImages | null>>()

  constructor(private readonly platform: Platform) {
    makeAutoObservable<this, 'platform' | 'drawing'>(this, { platform: false, drawing: false })
  }

  /** The drawn images of a page; null when not drawn (yet) or drawing failed. */
  imagesFor(key: string): ShareImages | null {
    return this.images.get(key) ?? null
  }

  /** The drawing in progress for a page, if any. */
  pending(key: string): Promise<ShareImages | null> | undefined {
    return this.images.has(key) ? undefined : this.drawing.get(key)
  }

  /** Draws a page's two images, once; resolves null when the platform cannot draw. */
  prepare(key: string, spec: ShareCardSpec): Promise<ShareImages | null> {
    if (this.images.has(key)) return Promise.resolve(this.images.get(key) ?? null)
    const known = this.drawing.get(key)
    if (known) return known
    if (this.platform.kind !== 'weapp') return Promise.resolve(null)
    const p = this.draw(spec).then((images) => {
      runInAction(() => this.images.set(key, images))
      this.drawing.delete(key)
      return images
    })
    this.drawing.set(key, p)
    return p
  }

  private async draw(spec: ShareCardSpec): Promise<ShareImages | null> {
    try {
      const chat = await this.drawOne(spec, SHARE_SIZES.chat)
      const timeline = await this.drawOne(spec, SHARE_SIZES.timeline)
      return chat && timeline ? { chat, timeline } : null
    } catch {
      return null
    }
  }

  private async drawOne(
    spec: ShareCardSpec,
    size: { width: number; height: number },
  ): Promise<string | null> {
    const surface = this.platform.createSurface(size.width, size.height)
    if (!surface) return null
    drawShareCard(surface, spec)
    return surface.toImage()
  }
}
