/** The `qrcode` function's contract (editors only): one stored code per issue or article. */
import { z } from 'zod'

export const qrcodeInput = z.discriminatedUnion('action', [
  z.object({ action: z.literal('qrcode.issue'), id: z.string().regex(/^i\d{1,6}$/) }).strict(),
  z
    .object({ action: z.literal('qrcode.article'), id: z.string().regex(/^i\d{1,6}-\d{2,3}$/) })
    .strict(),
])

export interface QrcodeResult {
  fileID: string
  scene: string
  page: string
  /** False when the stored image was reused. */
  created: boolean
}
