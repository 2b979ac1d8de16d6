import { Text, Textarea, View } from '@tarojs/components'

import { ActionButton } from '../action-button'
import './index.scss'

export interface ImportPanelProps {
  text: string
  onText: (text: string) => void
  onPickFile: () => void
  onPreview: () => void
  /** `从聊天中选择文件` on weapp, `选择文件` in a browser. */
  pickLabel: string
  busy: boolean
}

/** Bring in an issue: pick the file the editor has, or paste its exported text. */
export function ImportPanel({
  text,
  onText,
  onPickFile,
  onPreview,
  pickLabel,
  busy,
}: ImportPanelProps) {
  return (
    <View className="import-panel">
      <ActionButton
        label={pickLabel}
        kind="primary"
        block
        busy={busy}
        busyLabel="正在解析…"
        onTap={onPickFile}
      />
      <Text className="import-panel__hint">
        支持导出文本（.txt）、Word（.docx）和 PDF，不超过 5 MB
      </Text>
      <Text className="import-panel__or">或者粘贴导出的文本</Text>
      <Textarea
        className="import-panel__text"
        value={text}
        maxlength={-1}
        placeholder="从 2024 年第 6 期（总第 280 期）这一行开始，整期粘贴"
        placeholderClass="import-panel__placeholder"
        onInput={(e) => onText(e.detail.value)}
      />
      <ActionButton
        label="预览"
        block
        busy={busy}
        busyLabel="正在解析…"
        disabled={!text.trim()}
        onTap={onPreview}
      />
    </View>
  )
}
