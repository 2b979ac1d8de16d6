/**
 * What a screen reader needs of a tappable View: its role and, when its text does not say it, a
 * name. WeChat reads `aria-role` / `aria-label`; browsers read `role` / `aria-label` (an
 * `aria-role` there is an invalid attribute).
 */
export function a11y(
  role: string,
  label?: string,
): { ariaRole?: string; role?: string; ariaLabel?: string } {
  const named = label ? { ariaLabel: label } : {}
  return process.env.TARO_ENV === 'weapp' ? { ariaRole: role, ...named } : { role, ...named }
}
