/**
 * The form's choices and the category and district names in both languages, from GET
 * /v1/categories: asked for once per page load, however many parts of the page need them.
 */
import { useEffect, useState } from 'preact/hooks';
import { getJson } from './api';
import type { Language } from './i18n';
import type { Loaded } from './use-api';

interface Named {
  id: string;
  label?: Record<Language, string>;
  name?: Record<Language, string>;
}
interface NamedChoices {
  categories: Named[];
  districts: Named[];
}

let asked: Promise<unknown> | undefined;
let answer: unknown;

/** The answer of GET /v1/categories, shared by every caller (a failed load is asked again on retry). */
export const useChoices = <T extends NamedChoices = NamedChoices>(): Loaded<T> => {
  const [loaded, setLoaded] = useState<Loaded<T>>(
    answer ? { state: 'done', value: answer as T } : { state: 'loading' },
  );
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (answer) return;
    let live = true;
    asked ??= getJson<T>('/v1/categories').then(
      (value) => (answer = value),
      (error: unknown) => {
        asked = undefined;
        throw error;
      },
    );
    asked.then(
      (value) => live && setLoaded({ state: 'done', value: value as T }),
      (error: unknown) => live && setLoaded({ state: 'error', error, retry: () => setAttempt((n) => n + 1) }),
    );
    return () => {
      live = false;
    };
  }, [attempt]);
  return loaded;
};

export const useLabels = () => {
  const loaded = useChoices();
  const names = (list: Named[] | undefined) =>
    new Map((list ?? []).map((entry) => [entry.id, entry.label ?? entry.name!]));
  const categories = names(loaded.state === 'done' ? loaded.value.categories : undefined);
  const districts = names(loaded.state === 'done' ? loaded.value.districts : undefined);
  return {
    category: (id: string, lang: Language) => categories.get(id)?.[lang] ?? id,
    district: (id: string, lang: Language) => districts.get(id)?.[lang] ?? id,
  };
};
