// The current view's heading, as the place keyboard and screen-reader users land: after a
// route change (so they hear where they are, instead of staying on a nav link that no longer
// describes the page) and from the skip link. Made focusable on demand (tabindex -1), so it
// never joins the Tab order.
export function focusViewHeading(): boolean {
  const heading = document.querySelector<HTMLHeadingElement>('#main-content h1');
  if (!heading) return false;
  if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
  heading.focus();
  return true;
}
