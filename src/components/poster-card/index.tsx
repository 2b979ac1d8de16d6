import { Image, Text, View } from '@tarojs/components'

import './index.scss'

export interface PosterCardProps {
  title: string
  subtitle: string
  /** `2024 年第 6 期（总第 280 期）`. */
  numberLine: string
  /** `2024 年 3 月 28 日印发`. */
  dateLine: string
  sections: { region: string; titles: string[] }[]
  /** The QR code image; a placeholder while it is being made. */
  qrSrc: string | null
  caption: string
}

/** An issue's poster as it will be printed: cover line, contents by region, QR code. */
export function PosterCard(props: PosterCardProps) {
  const { title, subtitle, numberLine, dateLine, sections, qrSrc, caption } = props
  return (
    <View className="poster-card">
      <View className="poster-card__band">
        <Text className="poster-card__title">{title}</Text>
        <Text className="poster-card__subtitle">{subtitle}</Text>
        <Text className="poster-card__number">{numberLine}</Text>
        <Text className="poster-card__date">{dateLine}</Text>
      </View>
      <View className="poster-card__contents">
        <Text className="poster-card__label">本期目录</Text>
        {sections.map((s) => (
          <View key={s.region} className="poster-card__section">
            <Text className="poster-card__region">【{s.region}】</Text>
            {s.titles.map((t, i) => (
              <Text key={i} className="poster-card__line">
                {t}
              </Text>
            ))}
          </View>
        ))}
      </View>
      <View className="poster-card__qr-box">
        {qrSrc ? (
          <Image className="poster-card__qr" src={qrSrc} mode="aspectFit" showMenuByLongpress />
        ) : (
          <View className="poster-card__qr poster-card__qr--pending">
            <Text>二维码生成中…</Text>
          </View>
        )}
        <Text className="poster-card__caption">{caption}</Text>
      </View>
    </View>
  )
}
