import { unknownRoute } from '@/services/entry'
import { ALL_PAGES, ROUTES, TAB_PAGES } from '@/services/routes'

describe('unknownRoute (h5 links to pages the app does not have)', () => {
  it('names a page the app does not have', () => {
    expect(unknownRoute('#/pages/nothing/index', ALL_PAGES)).toBe('/pages/nothing/index')
    expect(unknownRoute('#/packages/reader/artcle/index?id=i280-01', ALL_PAGES)).toBe(
      '/packages/reader/artcle/index',
    )
  })

  it('lets every page of the app through, and no route at all', () => {
    for (const page of [...Object.values(TAB_PAGES), ...Object.values(ROUTES)])
      expect(unknownRoute(`#${page}?id=x`, ALL_PAGES)).toBeNull()
    expect(unknownRoute('', ALL_PAGES)).toBeNull()
    expect(unknownRoute('#/', ALL_PAGES)).toBeNull()
  })
})
