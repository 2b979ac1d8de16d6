/**
 * WeChat's Cloud Development HTTP API (server-side, with the mini-program's AppSecret), for
 * collections, indexes and the editors' documents:
 * - access token: POST /cgi-bin/stable_token
 *   (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-access-token/getStableAccessToken.html)
 * - POST /tcb/databasecollectionget, /tcb/databasecollectionadd, /tcb/updateindex,
 *   /tcb/databasequery, /tcb/databaseadd
 *   (https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-http-api/database/)
 * Every answer carries `errcode` (0 = ok) and `errmsg`.
 */
import type { IndexSpec } from './manifest'
import { DeployError, networkLine } from './errors'
import { specKeys } from './plan'

export const WECHAT_API = 'https://api.weixin.qq.com'

/** A collection as `databasecollectionget` lists it. */
export interface LiveCollection {
  name: string
  index_count: number
}

/** Token errors the operator can fix, in their words. */
const TOKEN_ERRORS: Record<number, string> = {
  40001: 'AppSecret 不对（40001），请核对 WX_APPSECRET',
  40013: 'AppID 不对（40013），请核对 WX_APPID',
  40125: 'AppSecret 不对（40125），请核对 WX_APPSECRET',
  40164:
    '本机 IP 不在小程序的 API IP 白名单内（40164），请在 微信公众平台 → 开发管理 → 开发设置 中添加',
  61004:
    '本机 IP 不在小程序的 API IP 白名单内（61004），请在 微信公众平台 → 开发管理 → 开发设置 中添加',
}

/** Cloud Development errors that mean the environment id is wrong. */
const UNKNOWN_ENV = new Set([-501000, -501001, 85088])

/** The API under one AppID/AppSecret and one environment. */
export class WechatCloudApi {
  private token: string | null = null

  constructor(
    private readonly opts: { base: string; appid: string; secret: string; env: string },
  ) {}

  private async post(pathAndQuery: string, body: unknown): Promise<Record<string, unknown>> {
    const url = `${this.opts.base}${pathAndQuery}`
    let res: Response
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    } catch (e) {
      throw new DeployError(
        networkLine(e, new URL(url).host) ?? `请求 ${url} 失败：${(e as Error).message}`,
      )
    }
    const text = await res.text()
    try {
      return JSON.parse(text) as Record<string, unknown>
    } catch {
      throw new DeployError(
        `微信接口 ${pathAndQuery.split('?')[0]} 的回答不是 JSON（HTTP ${res.status}）`,
      )
    }
  }

  /** The access token (fetched once per run: a stable token lasts two hours). */
  async accessToken(): Promise<string> {
    if (this.token) return this.token
    const r = await this.post('/cgi-bin/stable_token', {
      grant_type: 'client_credential',
      appid: this.opts.appid,
      secret: this.opts.secret,
    })
    if (typeof r.access_token !== 'string') {
      const code = Number(r.errcode)
      throw new DeployError(
        TOKEN_ERRORS[code] ?? `取 access_token 失败：${code} ${String(r.errmsg)}`,
      )
    }
    this.token = r.access_token
    return this.token
  }

  private async tcb(
    action: string,
    body: Record<string, unknown>,
  ): Promise<Record<string, unknown>> {
    const token = await this.accessToken()
    const r = await this.post(`/tcb/${action}?access_token=${encodeURIComponent(token)}`, {
      env: this.opts.env,
      ...body,
    })
    const code = Number(r.errcode ?? 0)
    if (code === 0) return r
    if (UNKNOWN_ENV.has(code))
      throw new DeployError(`找不到云开发环境 ${this.opts.env}（${code}），请核对 --env`)
    throw new DeployError(`微信接口 tcb/${action} 失败：${code} ${String(r.errmsg)}`)
  }

  /** Every collection of the environment, with its number of indexes (`_id` counts as one). */
  async listCollections(): Promise<LiveCollection[]> {
    const out: LiveCollection[] = []
    for (let offset = 0; ;) {
      const r = await this.tcb('databasecollectionget', { limit: 100, offset })
      const page = (r.collections ?? []) as LiveCollection[]
      out.push(...page)
      const total = Number((r.pager as { Total?: number } | undefined)?.Total ?? out.length)
      offset += page.length
      if (page.length === 0 || offset >= total) return out
    }
  }

  async addCollection(name: string): Promise<void> {
    await this.tcb('databasecollectionadd', { collection_name: name })
  }

  /**
   * Creates indexes by name (an index that exists with the same keys is left as it is) and drops
   * indexes by name. The docs do not say in which order one call applies its drops and creates,
   * so an index to build again is dropped in one call and created in the next.
   */
  async updateIndexes(
    collection: string,
    change: { create?: IndexSpec[]; drop?: string[] },
  ): Promise<void> {
    await this.tcb('updateindex', {
      collection_name: collection,
      create_indexes: (change.create ?? []).map((i) => ({
        name: i.name,
        unique: i.unique ?? false,
        keys: specKeys(i),
      })),
      drop_indexes: (change.drop ?? []).map((name) => ({ name })),
    })
  }

  /** Which of `ids` have a document in `admins`. */
  async existingAdmins(ids: string[]): Promise<string[]> {
    if (ids.length === 0) return []
    const r = await this.tcb('databasequery', {
      query: `db.collection("admins").where({_id:db.command.in(${JSON.stringify(ids)})}).limit(100).get()`,
    })
    return ((r.data ?? []) as string[]).map((d) => (JSON.parse(d) as { _id: string })._id)
  }

  async addAdmins(ids: string[]): Promise<void> {
    if (ids.length === 0) return
    const docs = ids.map((id) => ({ _id: id }))
    await this.tcb('databaseadd', {
      query: `db.collection("admins").add({data:${JSON.stringify(docs)}})`,
    })
  }
}
