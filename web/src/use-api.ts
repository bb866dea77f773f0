/** Loads a GET answer for a component, with loading and error states and a retry. */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { getJson, type Authorization } from './api';

export type Loaded<T> =
  | { state: 'loading' }
  | { state: 'error'; error: unknown; retry: () => void }
  | { state: 'done'; value: T };

/**
 * `auth`: a consumer session's token (sent as a bearer token), or a panel's signer. `reload`: change
 * it to read again (after an action); the answer on screen stays until the new one arrives, so
 * nothing below it is unmounted.
 */
export const useApi = <T>(
  path: string | undefined,
  auth?: string | Exclude<Authorization, Record<string, string>>,
  reload = 0,
): Loaded<T> => {
  const token = typeof auth === 'string' ? auth : auth ? 'signed' : '';
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const shown = useRef<string>();
  useEffect(() => {
    if (!path) return;
    const key = `${path} ${token}`;
    if (shown.current !== key) setLoaded({ state: 'loading' });
    shown.current = key;
    let live = true;
    getJson<T>(path, typeof auth === 'function' ? auth : auth ? { authorization: `Bearer ${auth}` } : {}).then(
      (value) => live && setLoaded({ state: 'done', value }),
      (error: unknown) => live && setLoaded({ state: 'error', error, retry }),
    );
    return () => {
      live = false;
    };
  }, [path, token, reload, attempt, retry]);
  return loaded;
};
