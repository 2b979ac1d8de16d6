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
