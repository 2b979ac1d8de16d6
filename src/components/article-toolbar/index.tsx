import { Text, View } from '@tarojs/components'

import { a11y } from '@/utils/a11y'
import './index.scss'

export interface ArticleToolbarProps {
  favourite: boolean
  /** Current body size in px, shown between the buttons. */
  fontSize: number
  canShrink: boolean
  canGrow: boolean
  onShrink: () => void
  onGrow: () => void
  onToggleFavourite: () => void
  /** h5: copy the article's link (weapp shares from the menu). */
  onShare?: () => void
}

/** Font size steps and the favourite toggle under an article's title. */
export function ArticleToolbar(props: ArticleToolbarProps) {
  const { favourite, fontSize, canShrink, canGrow, onShrink, onGrow, onToggleFavourite, onShare } =
    props
  return (
    <View className="article-toolbar">
      <View className="article-toolbar__group">
        <View
          className={`article-toolbar__button${canShrink ? '' : ' article-toolbar__button--disabled'}`}
          hoverClass="pressed"
          {...a11y('button', '缩小字号')}
          onClick={canShrink ? onShrink : undefined}
        >
          <Text className="article-toolbar__small-a">A-</Text>
        </View>
        <Text className="article-toolbar__size">{fontSize}</Text>
        <View
          className={`article-toolbar__button${canGrow ? '' : ' article-toolbar__button--disabled'}`}
          hoverClass="pressed"
          {...a11y('button', '放大字号')}
          onClick={canGrow ? onGrow : undefined}
        >
          <Text className="article-toolbar__large-a">A+</Text>
        </View>
      </View>
      <View className="article-toolbar__group">
        {onShare ? (
          <View
            className="article-toolbar__share"
            hoverClass="pressed"
            {...a11y('button', '复制本文链接')}
            onClick={onShare}
          >
            <Text>分享</Text>
          </View>
        ) : null}
        <View
          className={`article-toolbar__fav${favourite ? ' article-toolbar__fav--on' : ''}`}
          hoverClass="pressed"
          {...a11y('button', favourite ? '取消收藏' : '收藏')}
          onClick={onToggleFavourite}
        >
          <Text className="article-toolbar__star">{favourite ? '★' : '☆'}</Text>
          <Text>{favourite ? '已收藏' : '收藏'}</Text>
        </View>
      </View>
    </View>
  )
}
