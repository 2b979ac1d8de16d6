/** A deploy that cannot go on: one Chinese line for the operator, exit status 2. */
export class DeployError extends Error {}

const NETWORK =
  /\b(ECONNREFUSED|ENOTFOUND|ECONNRESET|ETIMEDOUT|EAI_AGAIN|EHOSTUNREACH|UND_ERR_SOCKET|UND_ERR_CONNECT_TIMEOUT|socket hang up|other side closed)\b/

/**
 * The line for a request that never got an answer (refused, unknown host, reset, timed out),
 * or null when the error is something else. Clients differ in where they put the cause, so the
 * code and the message are both looked at.
 */
export function networkLine(e: unknown, host: string): string | null {
  const err = e as {
    code?: unknown
    message?: unknown
    cause?: { code?: unknown; message?: unknown }
  }
  const text = [err.code, err.cause?.code, err.message, err.cause?.message]
    .filter((v) => v !== undefined && v !== null)
    .map(String)
    .join(' ')
  const m = NETWORK.exec(text)
  return m
    ? `网络不通：无法连接 ${host}（${m[1]}），请检查网络后重新运行，已完成的步骤不会重做`
    : null
}

/**
 * The one line a command prints when it stops: a stop it explains itself (a DeployError, or
 * anything marked `explained`) as it is, anything else as `<what>中断` with its first line.
 */
export function stopLine(e: unknown, what: string, explained: (e: unknown) => boolean): string {
  if (e instanceof DeployError || explained(e)) return `错误：${(e as Error).message}`
  return `错误：${what}中断：${String((e as Error)?.message ?? e).split('\n')[0]}`
}
