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

/**
 * Takes the secret a link carries in its fragment (an emailed token, an SMS's one-tap code) out of
 * the address bar and the history as it is read, before anything is shown: an effect would run after
 * the first paint, leaving it visible (in a screenshot or a shared URL) until then. An unreadable
 * fragment (a broken % escape) is none.
 */
export const takeSecretFromLink = () => {
  let secret = '';
  try {
    secret = decodeURIComponent(location.hash.slice(1));
  } catch {
    // none
  }
  if (location.hash) history.replaceState(null, '', location.pathname);
  return secret;
};
