/**
 * What a screen reader needs of a tappable View: its role and, when its text does not say it, a
 * name. WeChat reads `aria-role` / `aria-label`; browsers read `role` / `aria-label`.
 */
export function a11y(
  role: string,
  label?: string,
): { ariaRole: string; role: string; ariaLabel?: string } {
  return label ? { ariaRole: role, role, ariaLabel: label } : { ariaRole: role, role }
}
