// A link to a help article: every warning and error in the UI has one. It opens the article in
// the Help view (the href keeps it a real link: middle-click, copy, screen-reader "link").
import type { MouseEvent, ReactNode } from 'react';
import { useAppStore } from '../../stores/appStore.js';
import { routeHash } from '../../app/route.js';

export function HelpLink({ helpId, children }: { helpId: string; children: ReactNode }) {
  const openArticle = useAppStore((s) => s.openArticle);
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    openArticle(helpId);
  };
  return (
    <a className="help-link" href={routeHash({ view: 'help', helpId })} onClick={onClick}>
      {children}
    </a>
  );
}
