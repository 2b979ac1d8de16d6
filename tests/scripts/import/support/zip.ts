import { deflatedZip } from '../../../../scripts/bench/hostile-files'

/** A zip of the given files (name → text), for hand-made archives in tests. */
export const zipOf = (files: Record<string, string>): Buffer =>
  deflatedZip(Object.entries(files).map(([name, content]) => ({ name, content })))
