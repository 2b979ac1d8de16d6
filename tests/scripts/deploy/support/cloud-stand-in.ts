/**
 * A local stand-in for the cloud the deploy talks to, with the request and response shapes of the
 * real APIs, so `npm run deploy` runs end to end without WeChat's servers:
 *
 * WeChat's server API (https://api.weixin.qq.com), answers `{ errcode, errmsg, … }`:
 * - POST /cgi-bin/stable_token {grant_type, appid, secret} → {access_token, expires_in}
 *   or 40013 (invalid appid) / 40125 (invalid appsecret)
 *   https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-access-token/getStableAccessToken.html
 * - POST /tcb/databasecollectionget {env, limit, offset} → {collections:[{name, count, size,
 *   index_count, index_size}], pager:{Offset, Limit, Total}}
 *   https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-http-api/database/databaseCollectionGet.html
 * - POST /tcb/databasecollectionadd {env, collection_name}
 *   https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-http-api/database/databaseCollectionAdd.html
 * - POST /tcb/updateindex {env, collection_name, create_indexes:[{name, unique, keys:[{name,
 *   direction}]}], drop_indexes:[{name}]}
 *   https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-http-api/database/updateIndex.html
 *   The docs do not say what creating an existing index does; this follows the MongoDB
 *   createIndexes behaviour the database is built on: the same name and keys is a no-op, the
 *   same name with other keys an error.
 * - POST /tcb/databasequery {env, query} → {pager, data:[JSON text]} and
 *   POST /tcb/databaseadd {env, query} → {id_list}; the query is the SDK-style text
 *   (https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-http-api/database/databaseQuery.html,
 *   …/databaseAdd.html); only the forms the deploy sends are understood.
 * An invalid access token answers 40014, an unknown environment -501000 (INVALID_ENV, the Cloud
 * Development error code list), a missing collection -502005 (DATABASE_COLLECTION_NOT_EXIST).
 *
 * Tencent Cloud API 3.0, service tcb 2018-06-08 (POST /, `X-TC-Action`, TC3-HMAC-SHA256 signed,
 * https://cloud.tencent.com/document/api/876/34813 for the signature), answers
 * `{ Response: { …, RequestId } }` or `{ Response: { Error: { Code, Message }, RequestId } }`:
 * - DescribeEnvs {EnvId} → {EnvList:[{EnvId, Storages:[{Bucket, Region}], Databases:[{InstanceId,
 *   Status, Region}]}]} (https://cloud.tencent.com/document/api/876/34820)
 * - DescribeTable {EnvId, MongoConnector:{DatabaseName, InstanceId:'flexdb'}, TableName} →
 *   {Indexes:[{Name, Size, Keys:[{Name, Direction}], Accesses:{Ops, Since}, Unique}], IndexNum}, as
 *   `@cloudbase/manager-node` (lib/database/index.js describeCollection) sends it, DatabaseName
 *   being DescribeEnvs' EnvList[0].Databases[0].InstanceId. Directions are strings ("1", "-1"):
 *   the tccli example tccli/examples/tcb/v20180608/DescribeTable.md answers `"Direction": "1"`,
 *   and tencentcloud-sdk-go tcb/v20180608/models.go types Indexkey.Direction as a string
 *   ("specify 1 for ascending or -1 for descending"). The indexes are those `updateindex` made.
 *   Errors, from that SDK's list for DescribeTable (client.go) and their meaning (errors.go): an
 *   unknown collection ResourceNotFound.Table (表未找到), a wrong connector
 *   ResourceNotFound.Connector (连接器未找到).
 * - DescribeResourcePermission {EnvId, ResourceType, Resources?} → {TotalCount, PermissionList:
 *   [{ResourceType, Resource, Permission, SecurityRule}]} and ModifyResourcePermission {EnvId,
 *   ResourceType, Resource?, Permission, SecurityRule?} → {Data:{Success}}
 *   (https://cloud.tencent.com/document/api/876/132255)
 * A wrong SecretId answers AuthFailure.SecretIdNotFound, a wrong signature
 * AuthFailure.SignatureFailure. A new collection starts on the console's preset PRIVATE (仅创建者可读写).
 *
 * Failures can be injected: `breakAfter(n)` lets n more changing requests through, then drops the
 * connection of the next one (a network failure half-way through a deploy).
 */
import { createHash, createHmac, randomBytes } from 'crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http'
import type { AddressInfo } from 'net'

export interface StandInIndex {
  name: string
  unique: boolean
  keys: { name: string; direction: string }[]
}

export interface StandInCollection {
  indexes: StandInIndex[]
  docs: Record<string, unknown>[]
  permission: { Permission: string; SecurityRule?: string }
}

export interface StandInOptions {
  appid: string
  secret: string
  env: string
  secretId: string
  secretKey: string
}

const ID_INDEX: StandInIndex = {
  name: '_id_',
  unique: true,
  keys: [{ name: '_id', direction: '1' }],
}

const CHANGING = new Set([
  '/tcb/databasecollectionadd',
  '/tcb/updateindex',
  '/tcb/databaseadd',
  'ModifyResourcePermission',
])

export class CloudStandIn {
  readonly collections = new Map<string, StandInCollection>()
  storagePermission: { Permission: string; SecurityRule?: string } = { Permission: 'PRIVATE' }
  functionPermission: { Permission: string; SecurityRule?: string } | null = null
  readonly bucket: string
  /** The environment's document database instance (DescribeEnvs' Databases[0].InstanceId). */
  readonly database: string
  /** Every request by endpoint (`/tcb/updateindex`, `ModifyResourcePermission`…), in order. */
  readonly requests: string[] = []
  private readonly tokens = new Set<string>()
  private server: Server | null = null
  private allowedChanges = Infinity

  constructor(readonly options: StandInOptions) {
    this.bucket = `${options.env}-1250000000`
    this.database = `tnt-${options.env}`
  }

  /** Lets `n` more changing requests through, then drops the connection of the next one. */
  breakAfter(n: number): void {
    this.allowedChanges = n
  }

  /** The number of changing requests so far. */
  get changes(): number {
    return this.requests.filter((r) => CHANGING.has(r)).length
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      void this.handle(req, res)
    })
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve))
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve())
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    const raw = Buffer.concat(chunks).toString('utf8')
    const url = new URL(req.url ?? '/', 'http://stand-in')
    const action = req.headers['x-tc-action']
    const endpoint = typeof action === 'string' ? action : url.pathname
    this.requests.push(endpoint)
    if (CHANGING.has(endpoint)) {
      if (this.allowedChanges <= 0) {
        this.allowedChanges = Infinity
        req.socket.destroy()
        return
      }
      this.allowedChanges--
    }
    let body: Record<string, unknown>
    try {
      body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {}
    } catch {
      return this.send(res, { errcode: 47001, errmsg: 'data format error' })
    }
    if (typeof action === 'string')
      return this.send(res, { Response: this.cloudApi(req, raw, action, body) })
    return this.send(res, this.wechat(url, body))
  }

  private send(res: ServerResponse, value: unknown): void {
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(JSON.stringify(value))
  }

  // ---- WeChat's server API ----

  private wechat(url: URL, body: Record<string, unknown>): Record<string, unknown> {
    if (url.pathname === '/cgi-bin/stable_token') {
      if (body.grant_type !== 'client_credential')
        return { errcode: 40002, errmsg: 'invalid grant_type' }
      if (body.appid !== this.options.appid) return { errcode: 40013, errmsg: 'invalid appid' }
      if (body.secret !== this.options.secret)
        return { errcode: 40125, errmsg: 'invalid appsecret' }
      const token = randomBytes(16).toString('hex')
      this.tokens.add(token)
      return { access_token: token, expires_in: 7200 }
    }
    const token = url.searchParams.get('access_token')
    if (!token) return { errcode: 41001, errmsg: 'access_token missing' }
    if (!this.tokens.has(token)) return { errcode: 40014, errmsg: 'invalid access_token' }
    if (body.env !== this.options.env) return { errcode: -501000, errmsg: 'INVALID_ENV' }
    const ok = (extra: Record<string, unknown> = {}) => ({ errcode: 0, errmsg: 'ok', ...extra })
    const collection = (name: unknown) => this.collections.get(String(name))
    const missing = { errcode: -502005, errmsg: 'DATABASE_COLLECTION_NOT_EXIST' }
    switch (url.pathname) {
      case '/tcb/databasecollectionget': {
        const limit = Number(body.limit ?? 10)
        const offset = Number(body.offset ?? 0)
        const all = [...this.collections.entries()]
        return ok({
          collections: all.slice(offset, offset + limit).map(([name, c]) => ({
            name,
            count: c.docs.length,
            size: JSON.stringify(c.docs).length,
            index_count: c.indexes.length,
            index_size: c.indexes.length * 4096,
          })),
          pager: { Offset: offset, Limit: limit, Total: all.length },
        })
      }
      case '/tcb/databasecollectionadd': {
        const name = String(body.collection_name ?? '')
        if (!name) return { errcode: 40101, errmsg: 'missing collection_name' }
        if (this.collections.has(name))
          return { errcode: -502001, errmsg: 'DATABASE_REQUEST_FAILED: collection exists' }
        this.collections.set(name, {
          indexes: [ID_INDEX],
          docs: [],
          permission: { Permission: 'PRIVATE' },
        })
        return ok()
      }
      case '/tcb/updateindex': {
        const c = collection(body.collection_name)
        if (!c) return missing
        if (!Array.isArray(body.create_indexes) || !Array.isArray(body.drop_indexes))
          return { errcode: 40101, errmsg: 'create_indexes and drop_indexes are required' }
        const next = [...c.indexes]
        for (const drop of body.drop_indexes as { name: string }[]) {
          const at = next.findIndex((i) => i.name === drop.name)
          if (at < 0) return { errcode: -502001, errmsg: `index not found: ${drop.name}` }
          next.splice(at, 1)
        }
        for (const create of body.create_indexes as StandInIndex[]) {
          const same = next.find((i) => i.name === create.name)
          if (same && JSON.stringify(same.keys) !== JSON.stringify(create.keys))
            return { errcode: -502001, errmsg: `index ${create.name} exists with other keys` }
          if (!same)
            next.push({ name: create.name, unique: create.unique === true, keys: create.keys })
        }
        c.indexes = next
        return ok()
      }
      case '/tcb/databasequery': {
        const m =
          /^db\.collection\("([\w-]+)"\)\.where\(\{_id:db\.command\.in\((\[.*\])\)\}\)\.limit\((\d+)\)\.get\(\)$/.exec(
            String(body.query),
          )
        if (!m) return { errcode: 40097, errmsg: 'query not understood by the stand-in' }
        const c = collection(m[1])
        if (!c) return missing
        const ids = JSON.parse(m[2]) as string[]
        const data = c.docs.filter((d) => ids.includes(String(d._id))).slice(0, Number(m[3]))
        return ok({
          pager: { Offset: 0, Limit: Number(m[3]), Total: data.length },
          data: data.map((d) => JSON.stringify(d)),
        })
      }
      case '/tcb/databaseadd': {
        const m = /^db\.collection\("([\w-]+)"\)\.add\(\{data:(\[.*\])\}\)$/.exec(
          String(body.query),
        )
        if (!m) return { errcode: 40097, errmsg: 'query not understood by the stand-in' }
        const c = collection(m[1])
        if (!c) return missing
        const docs = JSON.parse(m[2]) as { _id: string }[]
        if (docs.some((d) => c.docs.some((e) => e._id === d._id)))
          return { errcode: -502001, errmsg: 'DATABASE_REQUEST_FAILED: duplicate key _id' }
        c.docs.push(...docs)
        return ok({ id_list: docs.map((d) => d._id) })
      }
      default:
        return { errcode: 40066, errmsg: 'invalid url' }
    }
  }

  // ---- Tencent Cloud API 3.0 (tcb) ----

  private cloudApi(
    req: IncomingMessage,
    raw: string,
    action: string,
    body: Record<string, unknown>,
  ): Record<string, unknown> {
    const RequestId = randomBytes(8).toString('hex')
    const fail = (Code: string, Message: string) => ({ Error: { Code, Message }, RequestId })
    const auth = this.verify(req, raw)
    if (auth) return fail(auth, auth)
    const known = body.EnvId === this.options.env
    switch (action) {
      case 'DescribeEnvs':
        return {
          EnvList: known
            ? [
                {
                  EnvId: this.options.env,
                  Storages: [{ Bucket: this.bucket, Region: 'ap-shanghai' }],
                  Databases: [
                    { InstanceId: this.database, Status: 'RUNNING', Region: 'ap-shanghai' },
                  ],
                },
              ]
            : [],
          RequestId,
        }
      case 'DescribeTable': {
        if (!known) return fail('ResourceNotFound', `env ${String(body.EnvId)} not found`)
        const connector = body.MongoConnector as { DatabaseName?: unknown; InstanceId?: unknown }
        if (connector?.InstanceId !== 'flexdb' || connector?.DatabaseName !== this.database)
          return fail('ResourceNotFound.Connector', 'connector not found')
        const c = this.collections.get(String(body.TableName))
        if (!c) return fail('ResourceNotFound.Table', `table ${String(body.TableName)} not found`)
        return {
          Indexes: c.indexes.map((i) => ({
            Name: i.name,
            Size: 4096,
            Keys: i.keys.map((k) => ({ Name: k.name, Direction: k.direction })),
            Accesses: { Ops: 0, Since: '2026-01-01T00:00:00.000+08:00' },
            Unique: i.unique,
          })),
          IndexNum: c.indexes.length,
          RequestId,
        }
      }
      case 'DescribeResourcePermission': {
        if (!known) return fail('ResourceNotFound', `env ${String(body.EnvId)} not found`)
        const type = String(body.ResourceType)
        const wanted = body.Resources as string[] | undefined
        let list: Record<string, unknown>[] = []
        if (type === 'collection')
          list = [...this.collections.entries()]
            .filter(([name]) => !wanted || wanted.includes(name))
            .map(([name, c]) => ({ ResourceType: type, Resource: name, ...c.permission }))
        else if (type === 'storage')
          list =
            !wanted || wanted.includes(this.bucket)
              ? [{ ResourceType: type, Resource: this.bucket, ...this.storagePermission }]
              : []
        else if (type === 'function')
          list = this.functionPermission ? [{ ResourceType: type, ...this.functionPermission }] : []
        else return fail('InvalidParameter', `ResourceType ${type}`)
        return { TotalCount: list.length, PermissionList: list, RequestId }
      }
      case 'ModifyResourcePermission': {
        if (!known) return fail('ResourceNotFound', `env ${String(body.EnvId)} not found`)
        const permission = String(body.Permission)
        if (permission === 'CUSTOM') {
          try {
            JSON.parse(String(body.SecurityRule))
          } catch {
            return fail('InvalidParameter.SecurityRule', 'SecurityRule is not JSON')
          }
        }
        const value = {
          Permission: permission,
          ...(permission === 'CUSTOM' ? { SecurityRule: String(body.SecurityRule) } : {}),
        }
        const type = String(body.ResourceType)
        if (type === 'collection') {
          const c = this.collections.get(String(body.Resource))
          if (!c) return fail('ResourceNotFound', `collection ${String(body.Resource)} not found`)
          c.permission = value
        } else if (type === 'storage') {
          if (body.Resource !== this.bucket) return fail('ResourceNotFound', 'bucket not found')
          this.storagePermission = value
        } else if (type === 'function') {
          if (permission !== 'CUSTOM') return fail('InvalidParameter', 'functions take CUSTOM only')
          this.functionPermission = value
        } else return fail('InvalidParameter', `ResourceType ${type}`)
        return { Data: { Success: true }, RequestId }
      }
      default:
        return fail('InvalidAction', `${action} is not served by the stand-in`)
    }
  }

  /** Checks the TC3-HMAC-SHA256 signature; returns the error code, or null when it is right. */
  private verify(req: IncomingMessage, raw: string): string | null {
    const m =
      /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([a-z]+)\/tc3_request, SignedHeaders=([a-z;-]+), Signature=([0-9a-f]{64})$/.exec(
        String(req.headers.authorization ?? ''),
      )
    if (!m) return 'AuthFailure.InvalidAuthorization'
    const [, secretId, date, service, signedHeaders, signature] = m
    if (secretId !== this.options.secretId) return 'AuthFailure.SecretIdNotFound'
    const sha = (s: string) => createHash('sha256').update(s).digest('hex')
    const hmac = (key: string | Buffer, s: string) => createHmac('sha256', key).update(s).digest()
    // The host is signed without the port (real endpoints have none).
    const host = String(req.headers.host ?? '').replace(/:\d+$/, '')
    const headers = signedHeaders
      .split(';')
      .map((h) => `${h}:${h === 'host' ? host : String(req.headers[h] ?? '')}\n`)
      .join('')
    const url = new URL(req.url ?? '/', 'http://stand-in')
    const canonical = `${req.method}\n${url.pathname}\n${url.search.slice(1)}\n${headers}\n${signedHeaders}\n${sha(raw)}`
    const timestamp = String(req.headers['x-tc-timestamp'] ?? '')
    const toSign = `TC3-HMAC-SHA256\n${timestamp}\n${date}/${service}/tc3_request\n${sha(canonical)}`
    const key = hmac(hmac(hmac(`TC3${this.options.secretKey}`, date), service), 'tc3_request')
    return createHmac('sha256', key).update(toSign).digest('hex') === signature
      ? null
      : 'AuthFailure.SignatureFailure'
  }
}
