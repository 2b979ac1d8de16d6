import { View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'

import { ActionButton } from '@/components/action-button'
import { InlineMessage } from '@/components/inline-message'
import { PosterCard } from '@/components/poster-card'
import { TocSkeleton } from '@/components/skeleton'
import { StateView } from '@/components/state-view'
import { useEditorAccess } from '@/hooks/use-editor-access'
import { usePageTheme } from '@/hooks/use-page-theme'
import { readParam } from '@/services/routes'
import { useStores } from '@/stores/context'
import { editorErrorText } from '@/stores/editor-state'
import { posterModel } from '@/stores/poster-store'
import { errorText } from '@/utils/format'

import '../editor.scss'

/**
 * An issue's QR poster for print: cover line, contents by region, and the QR code that opens the
 * issue. Saved as an image: drawn on a canvas, then to the photo album (weapp) or downloaded (h5).
 */
function PosterPage() {
  const { params } = useRouter()
  const id = readParam(params.id)
  const { posters, issues, platform } = useStores()
  const pageClass = usePageTheme()
  const access = useEditorAccess()

  useEffect(() => {
    if (!id || access !== 'editor') return
    void issues.loadIssue(id)
    void posters.loadPoster(id)
  }, [id, access, issues, posters])

  if (access === 'denied')
    return (
      <View className={pageClass}>
        <StateView kind="empty" title="只有编辑可以生成海报" />
      </View>
    )
  const issue = issues.details.get(id)
  const issueState = issues.detailState(id)
  const posterState = posters.posterState(id)
  if (!issue)
    return (
      <View className={pageClass}>
        {issueState.status === 'error' ? (
          <StateView kind="error" title="这一期打不开" message={errorText(issueState.error)} />
        ) : (
          <TocSkeleton />
        )}
      </View>
    )

  const model = posterModel(issue)
  const qrSrc = posters.qrcodeSrc(id)
  return (
    <View className={pageClass}>
      <PosterCard {...model} qrSrc={qrSrc} />
      <View className="editor-page__bar">
        {posterState.status === 'error' ? (
          <InlineMessage tone="error" text={editorErrorText(posterState.error)} />
        ) : null}
        {posters.posterNotice ? <InlineMessage text={posters.posterNotice} /> : null}
        <ActionButton
          label={platform.kind === 'weapp' ? '保存到相册' : '下载海报图片（PNG）'}
          kind="primary"
          block
          disabled={!qrSrc}
          busy={posters.savingPoster}
          busyLabel="正在生成图片…"
          onTap={() => void posters.savePoster(issue)}
        />
      </View>
    </View>
  )
}

export default observer(PosterPage)
