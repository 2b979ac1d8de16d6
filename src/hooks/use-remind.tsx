import type { ReactElement } from 'react'

import { ConsentDialog } from '@/components/consent-dialog'
import type { RemindNote } from '@/components/remind-button'
import { useStores } from '@/stores/context'

/** The props of a "订阅更新提醒" / "下期提醒" tap target; `from` names it for its note line. */
export interface RemindProps {
  onTap: () => void
  busy: boolean
  summary: string
  note: RemindNote | null
  onOpenSettings: () => void
}

/**
 * Wires a remind tap to the subscription store. The tap calls `subscribe` directly, so the
 * consent request runs inside the tap handler as WeChat requires. Call from an observer page.
 */
export function useRemind(from: string): RemindProps {
  const { subscription } = useStores()
  const note = subscription.noteFor(from)
  return {
    onTap: () => void subscription.subscribe(from),
    busy: subscription.asking,
    summary: subscription.remaining ? subscription.summary : '',
    note: note
      ? {
          text: note.text,
          tone: note.outcome === 'accepted' ? 'ok' : 'info',
          canOpenSettings: note.canOpenSettings,
        }
      : null,
    onOpenSettings: () => void subscription.openSettings(),
  }
}

/**
 * h5: the simulated consent dialog while a remind tap of this page (`from`) waits for an answer;
 * never on weapp. Pages further down the stack stay mounted, so only the asking page shows it.
 */
export function useConsentDialog(from: string): ReactElement | null {
  const { consent, subscription } = useStores()
  if (!consent.pending || subscription.askingFrom !== from) return null
  return <ConsentDialog item="新一期发布提醒" onAnswer={(answer) => consent.answer(answer)} />
}
