import { Text, View } from '@tarojs/components'

import type { Block } from '@core/types'

import { splitBold } from './segments'
import './index.scss'

export interface ArticleBodyProps {
  blocks: Block[]
}

/** An article's sub-headings and paragraphs from structured blocks: native Text only, never HTML. */
export function ArticleBody({ blocks }: ArticleBodyProps) {
  return (
    <View className="article-body">
      {blocks.map((block, i) =>
        block.type === 'heading' ? (
          <View key={i} className="article-body__heading">
            <Text userSelect>{block.text}</Text>
          </View>
        ) : (
          <View key={i} className="article-body__para">
            <Text userSelect>
              {splitBold(block.text, block.bold).map((seg, j) =>
                seg.bold ? (
                  <Text key={j} className="article-body__bold">
                    {seg.text}
                  </Text>
                ) : (
                  seg.text
                ),
              )}
            </Text>
          </View>
        ),
      )}
    </View>
  )
}
