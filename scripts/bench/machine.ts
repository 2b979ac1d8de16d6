import os from 'os'

/** One line naming the machine a benchmark ran on, printed beside its figures. */
export function machineLine(): string {
  const cpus = os.cpus()
  return `machine: ${cpus[0]?.model.trim() ?? 'unknown cpu'} × ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, ${os.platform()} ${os.release()}, node ${process.version}`
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

export const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

export const ms = (n: number): string => `${n.toFixed(n < 10 ? 2 : 1)} ms`
