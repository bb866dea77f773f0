/** Paths to pages, with history navigation; each page is its own chunk, loaded when first visited. */
import { useEffect, useState } from 'preact/hooks';

const listeners = new Set<() => void>();

export const navigate = (path: string) => {
  history.pushState(null, '', path);
  for (const listener of listeners) listener();
  window.scrollTo(0, 0);
};

export const usePath = () => {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const update = () => setPath(location.pathname);
    listeners.add(update);
    addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      removeEventListener('popstate', update);
    };
  }, []);
  return path;
};

/** Follows same-origin links inside the app without a page load. */
export const interceptLinks = () =>
  document.addEventListener('click', (event) => {
    const link = (event.target as Element).closest?.('a');
    if (
      !link ||
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      link.target ||
      // A file to save (a blob: URL shares the page's origin): the browser downloads it.
      link.hasAttribute('download')
    )
      return;
    const url = new URL(link.href, location.href);
    if (!/^https?:$/.test(url.protocol) || url.origin !== location.origin || url.pathname.startsWith('/v1/')) return;
    event.preventDefault();
    navigate(url.pathname + url.search);
  });
