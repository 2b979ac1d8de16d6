/**
 * CloudBase's management API (Tencent Cloud API 3.0, service `tcb`, version 2018-06-08) through
 * its maintained client `@cloudbase/manager-node`, with a CloudBase API key (SecretId/SecretKey):
 * - DescribeEnvs (https://cloud.tencent.com/document/api/876/34820): the environment and its bucket
 * - DescribeResourcePermission / ModifyResourcePermission
 *   (https://cloud.tencent.com/document/api/876/132255): security rules of collections, of the
 *   storage bucket and of the functions.
 * The client reads its endpoint from TCB_BASE_URL when set (it does so itself).
 */
import CloudBase from '@cloudbase/manager-node'
import { DeployError, networkLine } from './errors'

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
      const code = String((e as { code?: unknown }).code ?? '')
      const host = new URL(process.env.TCB_BASE_URL || 'https://tcb.tencentcloudapi.com').host
      if (AUTH_ERRORS[code]) throw new DeployError(AUTH_ERRORS[code])
      if (code.startsWith('ResourceNotFound'))
        throw new DeployError(`找不到云开发环境 ${this.opts.env}（${code}），请核对 --env`)
      throw new DeployError(
        networkLine(e, host) ?? `CloudBase 接口 ${Action} 失败：${code} ${(e as Error).message}`,
      )
    }
  }

  /** The environment's storage bucket; an unknown environment is an error. */
  async bucket(): Promise<string> {
    const r = await this.call<{ EnvList?: { EnvId: string; Storages?: { Bucket: string }[] }[] }>(
      'DescribeEnvs',
      { EnvId: this.opts.env },
    )
    const env = (r.EnvList ?? []).find((e) => e.EnvId === this.opts.env)
    if (!env) throw new DeployError(`找不到云开发环境 ${this.opts.env}，请核对 --env`)
    const bucket = env.Storages?.[0]?.Bucket
    if (!bucket) throw new DeployError(`云开发环境 ${this.opts.env} 没有开通云存储`)
    return bucket
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
