import { ContentApi } from '@/services/content-api'
import { localOpenid } from '@/services/local-identity'
import { createMemoryStorage } from '@/services/storage'
import { SubscriptionApi } from '@/services/subscription-api'
import { withEarlyArticle } from '@/services/early-article'
import { createCloudTransport, createHttpTransport, type Transport } from '@/services/transport'

const jsonResponse = (status: number, body: unknown) =>
  ({ status, json: async () => body }) as unknown as Response
const textResponse = (status: number) =>
  ({
    status,
    json: async () => {
      throw new SyntaxError('not json')
    },
  }) as unknown as Response

describe('h5 transport', () => {
  it('POSTs the input as JSON to /api/<fn> and returns the envelope whatever the status', async () => {
    const fetchImpl = jest.fn(async () =>
      jsonResponse(404, { ok: false, error: { code: 'not_found', message: 'no such article' } }),
    )
    const api = new ContentApi(createHttpTransport(fetchImpl as unknown as typeof fetch))
    const res = await api.getArticle('i1-01')
    expect(res).toEqual({ ok: false, error: { code: 'not_found', message: 'no such article' } })
    const [url, init] = fetchImpl.mock.calls[0] as unknown as [string, RequestInit]
    expect(url).toBe('/api/content')
    expect(init.method).toBe('POST')
    expect(JSON.parse(String(init.body))).toEqual({ action: 'articles.get', id: 'i1-01' })
  })

  it('sends no undefined fields (the server schemas are strict)', async () => {
    const fetchImpl = jest.fn(async () =>
      jsonResponse(200, { ok: true, data: { items: [], nextCursor: null } }),
    )
    await new ContentApi(createHttpTransport(fetchImpl as unknown as typeof fetch)).listIssues()
    const init = (fetchImpl.mock.calls[0] as unknown as [string, RequestInit])[1]
    expect(JSON.parse(String(init.body))).toEqual({ action: 'issues.list' })
  })

  it('reports a network failure or a gateway error as unavailable, a broken answer as internal', async () => {
    const down = createHttpTransport((async () => {
      throw new TypeError('Failed to fetch')
    }) as unknown as typeof fetch)
    expect(await down.call('content', { action: 'regions.list' })).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    })
    const gateway = createHttpTransport((async () => textResponse(502)) as unknown as typeof fetch)
    expect(await gateway.call('content', { action: 'regions.list' })).toMatchObject({
      error: { code: 'unavailable' },
    })
    const broken = createHttpTransport((async () =>
      jsonResponse(200, { hello: 1 })) as unknown as typeof fetch)
    expect(await broken.call('content', { action: 'regions.list' })).toMatchObject({
      error: { code: 'internal' },
    })
  })
})

describe('weapp transport', () => {
  it('calls the cloud function and returns its result envelope', async () => {
    const callFunction = jest.fn(async () => ({ result: { ok: true, data: { items: [] } } }))
    const t = createCloudTransport({ callFunction })
    expect(await t.call('content', { action: 'regions.list' })).toEqual({
      ok: true,
      data: { items: [] },
    })
    expect(callFunction).toHaveBeenCalledWith({ name: 'content', data: { action: 'regions.list' } })
  })

  it('maps a rejected call to unavailable, a crashed function to internal', async () => {
    const offline = createCloudTransport({
      callFunction: async () => Promise.reject({ errCode: -1, errMsg: 'request:fail' }),
    })
    expect(await offline.call('content', { action: 'regions.list' })).toMatchObject({
      error: { code: 'unavailable' },
    })
    const crashed = createCloudTransport({
      callFunction: async () => Promise.reject({ errCode: -504002 }),
    })
    expect(await crashed.call('content', { action: 'regions.list' })).toMatchObject({
      error: { code: 'internal' },
    })
  })
})

describe('the h5 identity', () => {
  it('is made once as h5-<12 hex>, kept, and sent as x-wx-openid on every call', async () => {
    const storage = createMemoryStorage()
    const id = localOpenid(storage)
    expect(id).toMatch(/^h5-[0-9a-f]{12}$/)
    expect(localOpenid(storage)).toBe(id)
    expect(localOpenid(createMemoryStorage({ 'dev.openid': 'h5-set-by-test' }))).toBe(
      'h5-set-by-test',
    )
    expect(localOpenid(createMemoryStorage({ 'dev.openid': 'bad id!' }))).toMatch(
      /^h5-[0-9a-f]{12}$/,
    )

    const fetchImpl = jest.fn(async () => jsonResponse(200, { ok: true, data: { remaining: 0 } }))
    const api = new SubscriptionApi(
      createHttpTransport(fetchImpl as unknown as typeof fetch, '', () => id),
    )
    await api.status()
    const [url, init] = fetchImpl.mock.calls[0] as unknown as [string, RequestInit]
    expect(url).toBe('/api/subscription')
    expect((init.headers as Record<string, string>)['x-wx-openid']).toBe(id)
    expect(JSON.parse(String(init.body))).toEqual({ action: 'subscription.status' })
  })
})

describe('the article index.html fetched early (h5)', () => {
  const article = { ok: true, data: { article: { id: 'i1-01' } } }
  const server = () =>
    ({
      call: jest.fn(async () => ({ ok: true, data: 'from the server' })),
    }) as unknown as Transport & {
      call: jest.Mock
    }

  it('answers the first articles.get of that id from the early response, once', async () => {
    const inner = server()
    const host: { __EARLY_ARTICLE__?: { id: string; response: Promise<unknown> } } = {
      __EARLY_ARTICLE__: { id: 'i1-01', response: Promise.resolve(article) },
    }
    const api = new ContentApi(withEarlyArticle(inner, host))
    await expect(api.getArticle('i1-01')).resolves.toEqual(article)
    expect(inner.call).not.toHaveBeenCalled()
    expect(host.__EARLY_ARTICLE__).toBeUndefined()
    await expect(api.getArticle('i1-01')).resolves.toEqual({ ok: true, data: 'from the server' })
    expect(inner.call).toHaveBeenCalledTimes(1)
  })

  it('asks the server for any other call, and when the early answer failed or was not an envelope', async () => {
    for (const response of [
      Promise.resolve({ ok: false, error: { code: 'not_found', message: 'gone' } }),
      Promise.resolve('<html>'),
      Promise.reject(new TypeError('Failed to fetch')),
    ]) {
      response.catch(() => {})
      const inner = server()
      const host = { __EARLY_ARTICLE__: { id: 'i1-01', response } }
      const api = new ContentApi(withEarlyArticle(inner, host))
      await api.getArticle('i1-02')
      expect(host.__EARLY_ARTICLE__).toBeDefined()
      await expect(api.getArticle('i1-01')).resolves.toEqual({ ok: true, data: 'from the server' })
      expect(inner.call).toHaveBeenCalledTimes(2)
    }
  })
})
