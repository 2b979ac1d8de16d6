import { Text, View } from '@tarojs/components'

import { a11y } from '@/utils/a11y'
import './index.scss'

/** The dialog's answers, as `requestSubscribeMessage` reports them (`ban` = 总是拒绝). */
export type ConsentAnswerValue = 'accept' | 'reject' | 'ban'

export interface ConsentDialogProps {
  /** What the reader is asked to receive, e.g. 新一期发布提醒. */
  item: string
  onAnswer: (answer: ConsentAnswerValue) => void
}

/**
 * h5's stand-in for WeChat's subscription consent sheet: the same three answers (允许, 拒绝, and
 * 总是拒绝 for "always keep this choice"), so the flow can be tried and tested in a browser.
 */
export function ConsentDialog({ item, onAnswer }: ConsentDialogProps) {
  return (
    <View className="consent-dialog" role="dialog" aria-modal="true">
      <View
        className="consent-dialog__mask"
        {...a11y('button')}
        onClick={() => onAnswer('reject')}
      />
      <View className="consent-dialog__sheet">
        <Text className="consent-dialog__app">双周决策观察</Text>
        <Text className="consent-dialog__title">申请向你发送以下订阅消息</Text>
        <View className="consent-dialog__item">
          <Text className="consent-dialog__item-name">{item}</Text>
          <Text className="consent-dialog__item-hint">每次允许可收到一次通知</Text>
        </View>
        <Text className="consent-dialog__note">本地模拟：微信中由系统弹出同样的选择</Text>
        <View className="consent-dialog__buttons">
          <View
            className="consent-dialog__button consent-dialog__button--ban"
            hoverClass="pressed"
            {...a11y('button')}
            onClick={() => onAnswer('ban')}
          >
            <Text>总是拒绝</Text>
          </View>
          <View
            className="consent-dialog__button"
            hoverClass="pressed"
            {...a11y('button')}
            onClick={() => onAnswer('reject')}
          >
            <Text>拒绝</Text>
          </View>
          <View
            className="consent-dialog__button consent-dialog__button--accept"
            hoverClass="consent-dialog__button--accept-pressed"
            {...a11y('button')}
            onClick={() => onAnswer('accept')}
          >
            <Text>允许</Text>
          </View>
        </View>
      </View>
    </View>
  )
}
