/** Bundled files (tab icons) in jsdom: the URL webpack would give them. */
export default 'bundled-file.png'
