import { Input, Text, View } from '@tarojs/components'

import { a11y } from '@/utils/a11y'
import './index.scss'

export interface SearchBarProps {
  value: string
  maxLength: number
  onInput: (value: string) => void
  onSubmit: (value: string) => void
  onClear: () => void
}

/** The query box with a search button; the keyboard's search key submits too. */
export function SearchBar({ value, maxLength, onInput, onSubmit, onClear }: SearchBarProps) {
  return (
    <View className="search-bar">
      <View className="search-bar__field">
        <Input
          className="search-bar__input"
          value={value}
          type="text"
          confirmType="search"
          maxlength={maxLength}
          placeholder="搜索全部期刊的文章"
          placeholderClass="search-bar__placeholder"
          onInput={(e) => onInput(e.detail.value)}
          onConfirm={(e) => onSubmit(e.detail.value)}
        />
        {value ? (
          <View className="search-bar__clear" {...a11y('button')} onClick={onClear}>
            <Text>×</Text>
          </View>
        ) : null}
      </View>
      <View
        className="search-bar__submit"
        hoverClass="pressed"
        {...a11y('button')}
        onClick={() => onSubmit(value)}
      >
        <Text>搜索</Text>
      </View>
    </View>
  )
}
