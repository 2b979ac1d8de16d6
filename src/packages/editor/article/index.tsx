import { View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'

import { ArticleBody } from '@/components/article-body'
import { ArticleHeader } from '@/components/article-header'
import { InlineMessage } from '@/components/inline-message'
import { SourceLine } from '@/components/source-line'
import { StateView } from '@/components/state-view'
import { usePageTheme } from '@/hooks/use-page-theme'
import { readParam } from '@/services/routes'
import { useStores } from '@/stores/context'
import { issueLabel } from '@/utils/format'

import '../editor.scss'
import './index.scss'

/** One article of the preview, set exactly as the reader's article page sets it. */
function PreviewArticlePage() {
  const { params } = useRouter()
  const id = readParam(params.id)
  const { editor } = useStores()
  const pageClass = usePageTheme()
  const article = editor.previewArticle(id)
  const issue = editor.preview?.parsed.issue

  if (!article || !issue)
    return (
      <View className={pageClass}>
        <StateView kind="empty" title="预览里没有这篇文章" message="回到编辑台重新预览" />
      </View>
    )
  return (
    <View className={pageClass}>
      <View className="editor-page__message">
        <InlineMessage text="预览：发布后读者看到的就是这样" />
      </View>
      <View className="preview-article">
        <ArticleHeader
          region={article.region}
          title={article.title}
          issueLabel={issueLabel(issue)}
        />
        <ArticleBody blocks={article.blocks} />
        <SourceLine sources={article.sources} date={article.sourceDate} />
      </View>
    </View>
  )
}

export default observer(PreviewArticlePage)
