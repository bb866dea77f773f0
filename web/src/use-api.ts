/** Loads a GET answer for a component, with loading and error states and a retry. */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { getJson } from './api';

export type Loaded<T> = { state: 'loading' } | { state: 'error'; error: unknown; retry: () => void } | { state: 'done'; value: T };

/**
 * `token`: a consumer session, sent as a bearer token. `reload`: change it to read again (after an
 * action); the answer on screen stays until the new one arrives, so nothing below it is unmounted.
 */
export const useApi = <T,>(path: string | undefined, token?: string, reload = 0): Loaded<T> => {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const shown = useRef<string>();
  useEffect(() => {
    if (!path) return;
    const key = `${path} ${token ?? ''}`;
    if (shown.current !== key) setLoaded({ state: 'loading' });
    shown.current = key;
    let live = true;
    getJson<T>(path, token ? { authorization: `Bearer ${token}` } : {}).then(
      (value) => live && setLoaded({ state: 'done', value }),
      (error: unknown) => live && setLoaded({ state: 'error', error, retry }),
    );
    return () => {
      live = false;
    };
  }, [path, token, reload, attempt, retry]);
  return loaded;
};
