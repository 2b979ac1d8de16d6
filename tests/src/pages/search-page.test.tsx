import { act } from 'react'

import SearchPage from '@/pages/search/index'
import { createMemoryStorage } from '@/services/storage'
import { StoresContext } from '@/stores/context'
import { RootStore } from '@/stores/root-store'

import { archive, contentService } from '../../fixtures/content'
import { FakePlatform } from '../support/fake-platform'
import { FakeTransport } from '../support/fake-transport'
import { byText, render, tap } from '../support/render'

const settle = () =>
  act(async () => {
    for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0))
  })

/** The page with `draft` typed in its box (set before rendering: the box is then not changed). */
async function showSearch(draft: string) {
  const transport = new FakeTransport(contentService(archive(2)))
  const stores = new RootStore({
    transport,
    storage: createMemoryStorage(),
    platform: new FakePlatform('h5'),
  })
  stores.search.setDraft(draft)
  const view = render(
    <StoresContext.Provider value={stores}>
      <SearchPage />
    </StoresContext.Provider>,
  )
  await settle()
  return { stores, view }
}

describe('the search page', () => {
  it('says how a query was read when that differs from what was typed', async () => {
    const { view } = await showSearch('專精特新')
    tap(byText(view.container, '搜索'))
    await settle()
    expect(byText(view.container, '已按“专精特新”搜索')).not.toBeNull()
    view.unmount()
  })

  it('says when the input was cut at the length limit', async () => {
    const { stores, view } = await showSearch('')
    await act(() => stores.search.search(`上海${'的'.repeat(50)}`))
    expect(byText(view.container, '搜索词超过 40 字，只用了前 40 字')).not.toBeNull()
    view.unmount()
  })

  it('adds nothing for a query taken as typed', async () => {
    const { stores, view } = await showSearch('上海')
    tap(byText(view.container, '搜索'))
    await settle()
    expect(stores.search.items.length).toBeGreaterThan(0)
    expect(view.container.querySelector('.search-page__note')).toBeNull()
    view.unmount()
  })
})
