/** Loads a GET answer for a component, with loading and error states and a retry. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { getJson } from './api';

export type Loaded<T> = { state: 'loading' } | { state: 'error'; error: unknown; retry: () => void } | { state: 'done'; value: T };

export const useApi = <T,>(path: string | undefined): Loaded<T> => {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  useEffect(() => {
    if (!path) return;
    let live = true;
    setLoaded({ state: 'loading' });
    getJson<T>(path).then(
      (value) => live && setLoaded({ state: 'done', value }),
      (error: unknown) => live && setLoaded({ state: 'error', error, retry }),
    );
    return () => {
      live = false;
    };
  }, [path, attempt, retry]);
  return loaded;
};
