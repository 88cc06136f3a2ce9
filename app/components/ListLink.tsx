/**
 * Links for long lists (the catalog's rows): plain `<a href="/absolute/path">`s that navigate client-side as
 * Remix's `<Link>` does, through one click handler shared by the whole list. `<Link>` resolves its `to` against the
 * route matches on every server render (twice per link, serialising the matches each time), which for the
 * catalog's 20 rows was a noticeable share of the page's CPU; an absolute path needs no resolving.
 * docs/benchmarks.md ("The app") has the measurement.
 */
import { useNavigate } from '@remix-run/react';
import { useCallback, type MouseEvent, type ReactNode } from 'react';

/**
 * The click handler of a list's links: a plain left click on a same-site absolute path navigates client-side;
 * anything else (a modifier key for a new tab or window, another button, another target, a download, a handler
 * that already prevented the default) keeps the browser's own behaviour.
 */
export function useListLinkNavigation() {
  const navigate = useNavigate();
  return useCallback(
    (event: MouseEvent<HTMLAnchorElement>) => {
      const link = event.currentTarget;
      const href = link.getAttribute('href') ?? '';
      const plainClick = event.button === 0 && !event.metaKey && !event.altKey && !event.ctrlKey && !event.shiftKey;
      const sameTab = !link.target || link.target === '_self';
      const sitePath = href.startsWith('/') && !href.startsWith('//');
      if (event.defaultPrevented || !plainClick || !sameTab || !sitePath || link.hasAttribute('download')) return;
      event.preventDefault();
      navigate(href);
    },
    [navigate],
  );
}

/**
 * One link of a list; `onNavigate` is the list's `useListLinkNavigation()`. `data-discover` asks Remix's lazy route
 * discovery to fetch the target route's manifest ahead of the click, as `<Link>` does.
 */
export function ListLink({
  to,
  onNavigate,
  children,
}: {
  to: `/${string}`;
  onNavigate: (event: MouseEvent<HTMLAnchorElement>) => void;
  children: ReactNode;
}) {
  return (
    <a href={to} onClick={onNavigate} data-discover="true">
      {children}
    </a>
  );
}
