import Taro from '@tarojs/taro'

import { createWeappPlatform } from '@/services/platform/weapp'

/** Pasted text made into a file for upload, on weapp: written under the user data folder. */
const taro = Taro as unknown as Record<string, unknown>
const saved = { env: taro.env, fs: taro.getFileSystemManager }

afterEach(() => {
  taro.env = saved.env
  taro.getFileSystemManager = saved.fs
})

describe('text as a file on weapp', () => {
  it('writes the text to the user data folder and gives its size in bytes', () => {
    const written: [string, string, string][] = []
    taro.env = { USER_DATA_PATH: 'wxfile://usr' }
    taro.getFileSystemManager = () => ({
      writeFileSync: (p: string, data: string, encoding: string) =>
        written.push([p, data, encoding]),
    })
    const file = createWeappPlatform().fileOfText('粘贴的文本.txt', '双周决策观察')
    expect(written).toEqual([['wxfile://usr/粘贴的文本.txt', '双周决策观察', 'utf8']])
    expect(file).toEqual({ name: '粘贴的文本.txt', size: 18, path: 'wxfile://usr/粘贴的文本.txt' })
  })

  it('gives null when the file cannot be written (storage full)', () => {
    taro.env = { USER_DATA_PATH: 'wxfile://usr' }
    taro.getFileSystemManager = () => ({
      writeFileSync: () => {
        throw new Error('writeFileSync:fail the maximum size of the file storage limit is exceeded')
      },
    })
    expect(createWeappPlatform().fileOfText('粘贴的文本.txt', 'x')).toBeNull()
  })
})
