// "Skip to content": the first stop on Tab, visible when focused, straight to the view's heading.
// The hash is the router's, so the link moves focus itself instead of following its href.
import type { MouseEvent } from 'react';
import { focusViewHeading } from './viewHeading.js';

export function SkipLink() {
  const skip = (event: MouseEvent<HTMLAnchorElement>) => {
    if (focusViewHeading()) event.preventDefault();
  };
  return (
    <a className="skip-link" href="#main-content" onClick={skip}>
      Skip to content
    </a>
  );
}
