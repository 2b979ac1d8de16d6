import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'

import { useStores } from '@/stores/context'

import './index.scss'

function LatestPage() {
  const { title, tagline } = useStores()
  return (
    <View className="masthead">
      <Text className="masthead__title">{title}</Text>
      <Text className="masthead__tagline">{tagline}</Text>
    </View>
  )
}

export default observer(LatestPage)
