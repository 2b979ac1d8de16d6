import { useRouter } from '@tarojs/taro'
import { useCallback, useEffect, useMemo } from 'react'

import { decideEntry, type EntryDecision, type EntryPage } from '@/services/entry'
import { open, replace, switchToLatest } from '@/services/routes'
import { useStores } from '@/stores/context'

export interface Entry {
  /** The id this page shows; '' while it sends the reader elsewhere. */
  id: string
  decision: EntryDecision
  /** Opened from Moments: render without navigation. */
  singlePage: boolean
  /** Lands on the latest issue with a notice (an id that turned out not to exist). */
  landOnLatest: (notice: string) => void
}

/**
 * The issue and article pages' side of the launch router: reads `id` or `scene` from the page's
 * query, and redirects or lands on 最新 with a notice when the target is elsewhere or unusable.
 */
export function useEntry(page: Exclude<EntryPage, 'latest'>): Entry {
  const { params } = useRouter()
  const { launch, platform } = useStores()
  const { id: rawId, scene } = params
  const decision = useMemo(() => decideEntry(page, { id: rawId, scene }), [page, rawId, scene])
  const singlePage = useMemo(() => platform.isSinglePageMode(), [platform])
  const landOnLatest = useCallback(
    (notice: string) => {
      if (singlePage) return
      launch.setNotice(notice)
      switchToLatest()
    },
    [launch, singlePage],
  )
  useEffect(() => {
    if (singlePage) return
    if (decision.kind === 'redirect') replace(decision.url)
    else if (decision.kind === 'latest') landOnLatest(decision.notice)
  }, [decision, singlePage, landOnLatest])
  return { id: decision.kind === 'show' ? decision.id : '', decision, singlePage, landOnLatest }
}

/**
 * 最新's side of the launch router: a `scene` on the tab's own URL (or, on h5, in the address's
 * search part) opens its issue or article once; an unusable one leaves a notice.
 */
export function useLaunchRouting(): void {
  const { params } = useRouter()
  const { launch, platform } = useStores()
  const scene = params.scene || platform.launchScene() || ''
  useEffect(() => {
    if (!scene || !launch.takeLaunch()) return
    const decision = decideEntry('latest', { scene })
    if (decision.kind === 'redirect') open(decision.url)
    else if (decision.kind === 'latest') launch.setNotice(decision.notice)
  }, [scene, launch])
}
