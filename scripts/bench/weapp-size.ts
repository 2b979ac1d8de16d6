import { buildWeapp, MAIN_TARGET, measurePackages, weappIsStale } from '../check-weapp'

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`

/** weapp main package and subpackage sizes, raw and gzip (the platform limit is 2 MB each). */
export function benchWeappSize(): Record<string, number> {
  if (weappIsStale()) buildWeapp()
  const figures: Record<string, number> = {}
  for (const p of measurePackages()) {
    const note =
      p.name === 'main'
        ? ` (target ≤ ${kb(MAIN_TARGET)}: ${p.raw <= MAIN_TARGET ? 'met' : 'MISSED'}; bare Taro + MobX ≈ 385 KB)`
        : ''
    console.log(
      `weapp: ${p.name.padEnd(16)} ${kb(p.raw)} raw, ${kb(p.gzip)} gzip, ${p.files} files${note}`,
    )
    figures[`${p.name}Raw`] = p.raw
    figures[`${p.name}Gzip`] = p.gzip
  }
  return figures
}
