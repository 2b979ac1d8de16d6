/** The error shape every function and port in the project returns instead of throwing. */
export interface Failure {
  code: string
  message: string
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: Failure }

export const ok = <T>(data: T): Result<T> => ({ ok: true, data })

export const fail = (code: string, message: string): { ok: false; error: Failure } => ({
  ok: false,
  error: { code, message },
})
