/**
 * Debian's Chromium as the browser tests and the h5 benchmark drive it (`CHROMIUM_PATH` points
 * elsewhere): headless, without the sandbox (CI runs as root), and quiet, so no background
 * traffic or QUIC adds noise to what is measured.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]
