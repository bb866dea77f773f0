/** "My complaints": the signed-in consumer's complaints, newest first, a page at a time. */
import { useEffect, useState } from 'preact/hooks';
import type { ComplaintStatus } from '../../../functions/domain/lifecycle';
import { ApiError, getJson } from '../api';
import { Failed, Loading } from '../components';
import { formatDate, statusNames, t, useLanguage } from '../i18n';
import { useLabels } from '../labels';
import { MessagePreferences } from '../message-preferences';
import { OwnData } from '../own-data';
import { navigate } from '../router';
import { currentSession } from '../session';

interface Row {
  trackingNumber: string;
  status: ComplaintStatus;
  merchantId: string;
  category: string;
  filedAt: string;
}

export default function MyComplaintsPage() {
  const lang = useLanguage();
  const labels = useLabels();
  const session = currentSession();
  const [rows, setRows] = useState<Row[]>([]);
  const [cursor, setCursor] = useState<string | null>();
  const [state, setState] = useState<{ loading: boolean; error?: unknown }>({ loading: true });

  const load = async (after?: string) => {
    setState({ loading: true });
    try {
      const page = await getJson<{ complaints: Row[]; nextCursor?: string }>(
        `/v1/consumer/complaints?limit=20${after ? `&cursor=${encodeURIComponent(after)}` : ''}`,
        { authorization: `Bearer ${session!.token}` },
      );
      setRows((shown) => [...shown, ...page.complaints]);
      setCursor(page.nextCursor ?? null);
      setState({ loading: false });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401)
        return navigate(`/sign-in?next=${encodeURIComponent('/my')}`);
      setState({ loading: false, error });
    }
  };
  useEffect(() => {
    if (!session) navigate(`/sign-in?next=${encodeURIComponent('/my')}`);
    else void load();
  }, []);

  if (!session) return null;
  return (
    <>
      <h1>{t('myComplaints')}</h1>
      <p>
        <a href="/file">{t('fileNew')}</a>
      </p>
      {rows.length === 0 && !state.loading && !state.error && <p class="note">{t('noComplaints')}</p>}
      {rows.length > 0 && (
        <ul class="cards">
          {rows.map((row) => (
            <li key={row.trackingNumber}>
              <a href={`/track/${row.trackingNumber}`} class="tracking-number">
                {row.trackingNumber}
              </a>
              <strong>{statusNames[row.status][lang]}</strong>
              <span>
                {row.merchantId} · {labels.category(row.category, lang)} · {t('filedOn')}{' '}
                {formatDate(row.filedAt, lang)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {state.loading && <Loading />}
      {state.error !== undefined && <Failed error={state.error} retry={() => load(cursor ?? undefined)} />}
      {cursor && !state.loading && (
        <button type="button" onClick={() => load(cursor)}>
          {t('more')}
        </button>
      )}
      <MessagePreferences token={session.token} />
      <OwnData token={session.token} />
    </>
  );
}
