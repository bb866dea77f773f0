/** Category and district names in both languages, from GET /v1/categories (loaded once, cached by the browser). */
import { useApi } from './use-api';
import type { Language } from './i18n';

interface Named {
  id: string;
  label?: Record<Language, string>;
  name?: Record<Language, string>;
}
interface Choices {
  categories: Named[];
  districts: Named[];
}

export const useLabels = () => {
  const loaded = useApi<Choices>('/v1/categories');
  const names = (list: Named[] | undefined) => new Map((list ?? []).map((entry) => [entry.id, entry.label ?? entry.name!]));
  const categories = names(loaded.state === 'done' ? loaded.value.categories : undefined);
  const districts = names(loaded.state === 'done' ? loaded.value.districts : undefined);
  return {
    category: (id: string, lang: Language) => categories.get(id)?.[lang] ?? id,
    district: (id: string, lang: Language) => districts.get(id)?.[lang] ?? id,
  };
};
