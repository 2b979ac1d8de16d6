/**
 * CloudBase's management API (Tencent Cloud API 3.0, service `tcb`, version 2018-06-08) through
 * its maintained client `@cloudbase/manager-node`, with a CloudBase API key (SecretId/SecretKey):
 * - DescribeEnvs (https://cloud.tencent.com/document/api/876/34820): the environment, its bucket
 *   and its document database instance
 * - DescribeTable: a collection's indexes with their keys, sent as the client's own
 *   `database.describeCollection` sends it (lib/database/index.js): `{ EnvId, MongoConnector:
 *   { DatabaseName: <Databases[0].InstanceId>, InstanceId: 'flexdb' }, TableName }` →
 *   `{ Indexes: [{ Name, Size, Keys: [{ Name, Direction }], Unique }], IndexNum }`
 *   (types/interfaces/flexdb.interface.d.ts). Direction is a string, "1" or "-1" for our indexes:
 *   the tccli example (TencentCloud/tencentcloud-cli tccli/examples/tcb/v20180608/DescribeTable.md)
 *   answers `"Direction": "1"`, tencentcloud-sdk-go (tcb/v20180608/models.go, Indexkey) types it
 *   string "1 for ascending or -1 for descending", and the client's own test creates indexes
 *   with `Direction: '1'` / `'-1'` (TencentCloudBase/cloudbase-manager-node test/database/
 *   index.test.ts). An unknown collection answers
 *   ResourceNotFound.Table (tencentcloud-sdk-go tcb/v20180608 client.go, DescribeTable's errors;
 *   errors.go: 表未找到).
 * - DescribeResourcePermission / ModifyResourcePermission
 *   (https://cloud.tencent.com/document/api/876/132255): security rules of collections, of the
 *   storage bucket and of the functions.
 * The client reads its endpoint from TCB_BASE_URL when set (it does so itself).
 */
import CloudBase from '@cloudbase/manager-node'
import { DeployError, networkLine } from './errors'
import type { LiveIndex } from './plan'

export type ResourceType = 'collection' | 'storage' | 'function'

/** One resource's permission as DescribeResourcePermission lists it. */
export interface LivePermission {
  ResourceType?: string
  Resource?: string
  Permission?: string
  SecurityRule?: string
}

const AUTH_ERRORS: Record<string, string> = {
  'AuthFailure.SecretIdNotFound': 'CloudBase API 密钥不存在，请核对 TCB_SECRET_ID',
  'AuthFailure.SignatureFailure': 'CloudBase API 密钥不对，请核对 TCB_SECRET_KEY',
  'AuthFailure.UnauthorizedOperation': 'CloudBase API 密钥没有这个环境的权限',
}

/** What the deploy needs to know of an environment. */
export interface LiveEnvironment {
  /** The storage bucket. */
  bucket: string
  /** The document database instance (`tnt-…`), the `DatabaseName` of its collections. */
  database: string
}

/** An index as DescribeTable lists it. */
interface IndexInfo {
  Name?: string
  Keys?: { Name?: string; Direction?: string | number }[]
  Unique?: boolean
}

/** The management API of one environment. */
export class CloudbaseManagerApi {
  private readonly tcb

  constructor(private readonly opts: { secretId: string; secretKey: string; env: string }) {
    const app = new CloudBase({
      secretId: opts.secretId,
      secretKey: opts.secretKey,
      envId: opts.env,
    })
    this.tcb = app.commonService('tcb', '2018-06-08')
  }

  private async call<T>(Action: string, Param: Record<string, unknown>): Promise<T> {
    try {
      return (await this.tcb.call({ Action, Param })) as T
    } catch (e) {
      return this.fail(Action, e)
    }
  }

  /** The one line for a refused or failed call. */
  private fail(Action: string, e: unknown): never {
    const code = String((e as { code?: unknown }).code ?? '')
    const host = new URL(process.env.TCB_BASE_URL || 'https://tcb.tencentcloudapi.com').host
    if (AUTH_ERRORS[code]) throw new DeployError(AUTH_ERRORS[code])
    if (code === 'ResourceNotFound.Connector')
      throw new DeployError(`找不到云开发环境 ${this.opts.env} 的数据库（${code}）`)
    if (code.startsWith('ResourceNotFound'))
      throw new DeployError(`找不到云开发环境 ${this.opts.env}（${code}），请核对 --env`)
    throw new DeployError(
      networkLine(e, host) ?? `CloudBase 接口 ${Action} 失败：${code} ${(e as Error).message}`,
    )
  }

  /** The environment's storage bucket and database, in one call; an unknown one is an error. */
  async environment(): Promise<LiveEnvironment> {
    const r = await this.call<{
      EnvList?: {
        EnvId: string
        Storages?: { Bucket: string }[]
        Databases?: { InstanceId: string }[]
      }[]
    }>('DescribeEnvs', { EnvId: this.opts.env })
    const env = (r.EnvList ?? []).find((e) => e.EnvId === this.opts.env)
    if (!env) throw new DeployError(`找不到云开发环境 ${this.opts.env}，请核对 --env`)
    const bucket = env.Storages?.[0]?.Bucket
    if (!bucket) throw new DeployError(`云开发环境 ${this.opts.env} 没有开通云存储`)
    const database = env.Databases?.[0]?.InstanceId
    if (!database) throw new DeployError(`云开发环境 ${this.opts.env} 没有开通数据库`)
    return { bucket, database }
  }

  /** A collection's indexes (`_id_` too), or null when the collection does not exist. */
  async indexes(database: string, collection: string): Promise<LiveIndex[] | null> {
    const Action = 'DescribeTable'
    let r: { Indexes?: IndexInfo[] | null }
    try {
      r = (await this.tcb.call({
        Action,
        Param: {
          EnvId: this.opts.env,
          MongoConnector: { DatabaseName: database, InstanceId: 'flexdb' },
          TableName: collection,
        },
      })) as typeof r
    } catch (e) {
      if ((e as { code?: unknown }).code === 'ResourceNotFound.Table') return null
      return this.fail(Action, e)
    }
    return (r.Indexes ?? []).map((i) => ({
      name: String(i.Name ?? ''),
      keys: (i.Keys ?? []).map((k) => ({
        name: String(k.Name ?? ''),
        direction: String(k.Direction ?? ''),
      })),
      unique: i.Unique === true,
    }))
  }

  async permissions(type: ResourceType, resources?: string[]): Promise<LivePermission[]> {
    const r = await this.call<{ PermissionList?: LivePermission[] }>('DescribeResourcePermission', {
      EnvId: this.opts.env,
      ResourceType: type,
      ...(resources ? { Resources: resources } : {}),
    })
    return r.PermissionList ?? []
  }

  /** Sets a custom security rule (`Permission: CUSTOM`) or one of the preset permissions. */
  async setPermission(
    type: ResourceType,
    resource: string | undefined,
    permission: { custom: string } | { preset: 'ADMINONLY' },
  ): Promise<void> {
    await this.call('ModifyResourcePermission', {
      EnvId: this.opts.env,
      ResourceType: type,
      ...(resource !== undefined ? { Resource: resource } : {}),
      ...('custom' in permission
        ? { Permission: 'CUSTOM', SecurityRule: permission.custom }
        : { Permission: permission.preset }),
    })
  }
}
