/**
 * A list read page by page (`?limit=&cursor=`): the rows so far, the next page's cursor, and
 * whether a page is on its way or failed. A new `path` starts from nothing; only the latest
 * request's answer is shown, so a slower earlier one arriving late is dropped.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { getJson, type Authorization } from './api';

export interface PagedList<T> {
  rows: T[];
  cursor?: string;
  state: { loading: boolean; error?: unknown };
  /** The next page, or (after a failure) the page that failed. */
  more: () => void;
}

/** `path` holds its query (with `limit`); `field` names the answer's array. */
export const usePagedList = <T>(path: string, field: string, auth: Authorization): PagedList<T> => {
  const [rows, setRows] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string>();
  const [state, setState] = useState<PagedList<T>['state']>({ loading: true });
  const latest = useRef(0);
  const load = async (after?: string) => {
    const asked = ++latest.current;
    setState({ loading: true });
    if (!after) {
      setRows([]);
      setCursor(undefined);
    }
    try {
      const page = await getJson<Record<string, unknown> & { nextCursor?: string }>(
        `${path}${after ? `&cursor=${encodeURIComponent(after)}` : ''}`,
        auth,
      );
      if (asked !== latest.current) return;
      const items = page[field] as T[];
      setRows((shown) => (after ? [...shown, ...items] : items));
      setCursor(page.nextCursor);
      setState({ loading: false });
    } catch (error) {
      if (asked === latest.current) setState({ loading: false, error });
    }
  };
  useEffect(() => void load(), [path]);
  return { rows, cursor, state, more: () => void load(cursor) };
};
