import Taro from '@tarojs/taro'

/** Colours of what surrounds the page (window background, tab bar) for the theme in effect. */
export function applyThemeChrome(dark: boolean, isTabPage: boolean): void {
  const background = dark ? '#121417' : '#f7f7f5'
  if (process.env.TARO_ENV === 'h5') {
    document.documentElement.style.backgroundColor = background
    document.body.style.backgroundColor = background
    document.documentElement.style.colorScheme = dark ? 'dark' : 'light'
  } else {
    Taro.setBackgroundColor({
      backgroundColor: background,
      backgroundColorTop: background,
      backgroundColorBottom: background,
    })?.catch?.(() => {})
  }
  if (!isTabPage) return
  Taro.setTabBarStyle({
    color: dark ? '#a3a9b0' : '#5c6570',
    selectedColor: dark ? '#9dbce6' : '#1d3557',
    backgroundColor: dark ? '#1c1f24' : '#ffffff',
    borderStyle: dark ? 'black' : 'white',
  })?.catch?.(() => {})
}
