import { readFileSync } from 'fs'
import path from 'path'

import { createMemoryStorage } from '@/services/storage'
import { HISTORY_LIMIT, LibraryStore } from '@/stores/library-store'
import { RootStore } from '@/stores/root-store'
import { FONT_SIZES, SettingsStore } from '@/stores/settings-store'

import { archive, contentService } from '../../fixtures/content'
import { FakeTransport } from '../support/fake-transport'

const root = (storage = createMemoryStorage(), now = () => 1_700_000_000_000) => {
  const transport = new FakeTransport(contentService(archive(6)))
  return { transport, storage, stores: new RootStore({ transport, storage, now }) }
}

describe('LibraryStore', () => {
  it('keeps favourites across launches and lists them newest first', async () => {
    let t = 1
    const { stores, storage } = root(createMemoryStorage(), () => t++)
    await stores.readArticle('i280-01')
    await stores.readArticle('i280-07')
    stores.library.toggleFavourite(stores.articles.articles.get('i280-01')!)
    stores.library.toggleFavourite(stores.articles.articles.get('i280-07')!)
    expect(stores.library.favouriteList.map((f) => f.id)).toEqual(['i280-07', 'i280-01'])

    const again = new LibraryStore(storage)
    expect(again.isFavourite('i280-01')).toBe(true)
    expect(again.favouriteList[0]).toMatchObject({
      id: 'i280-07',
      region: '广东',
      issueLabel: '2024 年第 6 期',
    })

    stores.library.toggleFavourite(stores.articles.articles.get('i280-01')!)
    expect(new LibraryStore(storage).isFavourite('i280-01')).toBe(false)
    stores.dispose()
  })

  it('records reading history most recent first, once per article, bounded', async () => {
    let t = 1
    const { stores, storage } = root(createMemoryStorage(), () => t++)
    await stores.readArticle('i280-01')
    await stores.readArticle('i280-02')
    await stores.readArticle('i280-01')
    expect(stores.library.historyList.map((h) => h.id)).toEqual(['i280-01', 'i280-02'])
    for (const x of archive(6)) for (const a of x.articles) await stores.readArticle(a.id)
    expect(stores.library.history.size).toBe(HISTORY_LIMIT)
    expect(new LibraryStore(storage).historyList[0].id).toBe('i275-10')
    stores.library.clearHistory()
    expect(new LibraryStore(storage).history.size).toBe(0)
    stores.dispose()
  })

  it('does not record a failed article', async () => {
    const { stores, transport } = root()
    transport.offline()
    await stores.readArticle('i280-03')
    expect(stores.library.history.size).toBe(0)
  })
})

describe('SettingsStore', () => {
  it('starts at 17 px following the system theme', () => {
    const s = new SettingsStore(createMemoryStorage())
    expect(s.fontSize).toBe(17)
    expect(s.theme).toBe('system')
    expect(s.isDark).toBe(false)
    s.setSystemDark(true)
    expect(s.isDark).toBe(true)
    expect(s.pageClass).toBe('theme-dark font-step-1')
  })

  it('sizes the text shown before the app starts (src/index.html) by the same steps', () => {
    // The page's inline script cannot import the store: it holds its own copy of the steps.
    const html = readFileSync(path.resolve(__dirname, '../../../src/index.html'), 'utf8')
    const inline = /var size = s && \[([\d, ]+)\]\[s\.fontStep\]/.exec(html)
    expect(inline?.[1].split(',').map(Number)).toEqual([...FONT_SIZES])
  })

  it('offers at least four sizes, steps within them, and remembers size and theme', () => {
    const storage = createMemoryStorage()
    const s = new SettingsStore(storage)
    expect(FONT_SIZES).toEqual([15, 17, 19, 22, 26])
    s.increaseFont()
    s.increaseFont()
    s.increaseFont()
    s.increaseFont()
    expect(s.fontSize).toBe(26)
    s.setTheme('dark')
    const again = new SettingsStore(storage)
    expect(again.fontSize).toBe(26)
    expect(again.isDark).toBe(true)
    for (let i = 0; i < 5; i++) again.decreaseFont()
    expect(again.fontSize).toBe(15)
    s.dispose()
    again.dispose()
  })

  it('follows the system text size (WeChat’s setting, 关怀模式 included) until the reader picks one', () => {
    const storage = createMemoryStorage()
    const s = new SettingsStore(storage)
    expect(s.fontSize).toBe(17)
    for (const [system, body] of [
      [14, 15],
      [17, 17],
      [20, 19],
      [22, 22],
      [28, 26],
      [33, 26],
    ]) {
      s.setSystemFontSize(system)
      expect(s.fontSize).toBe(body)
    }
    expect(s.followsSystem).toBe(true)
    // A− overrides it, and stays chosen on the next launch whatever the system says.
    s.decreaseFont()
    expect(s.fontSize).toBe(22)
    const again = new SettingsStore(storage)
    again.setSystemFontSize(14)
    expect(again.fontSize).toBe(22)
    expect(again.followsSystem).toBe(false)
    again.followSystemFont()
    expect(again.fontSize).toBe(15)
    expect(new SettingsStore(storage).followsSystem).toBe(true)
    s.dispose()
    again.dispose()
  })

  it('reads the system text size at launch', () => {
    const stores = new RootStore({ storage: createMemoryStorage(), systemFontSize: 22 })
    expect(stores.settings.fontSize).toBe(22)
    stores.dispose()
  })

  it('ignores saved values it does not know', () => {
    const s = new SettingsStore(createMemoryStorage({ settings: { fontStep: 9, theme: 'sepia' } }))
    expect(s.fontSize).toBe(17)
    expect(s.theme).toBe('system')
  })
})
