/** The web app: one shell, a page per path, Bengali first. */
import { render, type ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { currentLanguage, setLanguage, t, useLanguage } from './i18n';
import { interceptLinks, usePath } from './router';
import { Loading } from './components';
import { setChallengeSolver } from './api';
import { challengeToken } from './waf';
import './styles.css';

/** Where to go after signing in: a path of this site only (never another origin: no open redirect). */
const safeNext = (next: string | null) => (next && /^\/(?![/\\])/.test(next) ? next : '/file');

// biome-ignore lint/suspicious/noExplicitAny: each page takes its own props, given from its route's match.
type Page = { load: () => Promise<{ default: ComponentType<any> }>; props: Record<string, string> };

const pageFor = (path: string): Page | undefined => {
  const track = /^\/track(?:\/([^/]+))?\/?$/.exec(path);
  if (track)
    return {
      load: () => import('./pages/track'),
      props: track[1] ? { trackingNumber: decodeURIComponent(track[1]) } : {},
    };
  // A one-tap link an SMS carries (`/t#<code>`, functions/domain/messages.ts oneTapLinkOf).
  if (path === '/t' || path === '/t/') return { load: () => import('./pages/one-tap'), props: {} };
  // The short link an SMS carries (functions/domain/messages.ts smsLinkOf): the tracking page.
  const short = /^\/t\/([^/]+)\/?$/.exec(path);
  if (short) return { load: () => import('./pages/track'), props: { trackingNumber: decodeURIComponent(short[1]!) } };
  const merchant = /^\/merchants\/([^/]+)\/?$/.exec(path);
  if (merchant)
    return { load: () => import('./pages/merchant-stats'), props: { merchantId: decodeURIComponent(merchant[1]!) } };
  const filed = /^\/filed\/([^/]+)\/?$/.exec(path);
  if (filed) return { load: () => import('./pages/filed'), props: { trackingNumber: decodeURIComponent(filed[1]!) } };
  if (path === '/file') {
    const query = new URLSearchParams(location.search);
    return {
      load: () => import('./pages/file'),
      props: {
        ...(query.get('merchant') && { merchant: query.get('merchant')! }),
        ...(query.get('order') && { order: query.get('order')! }),
      },
    };
  }
  const panel = /^\/merchant(?:\/(webhook|scorecard|orders)|\/complaints\/([^/]+))?\/?$/.exec(path);
  if (panel) {
    const props: Record<string, string> = panel[2]
      ? { view: 'case', trackingNumber: decodeURIComponent(panel[2]) }
      : { view: panel[1] ?? 'queue' };
    return { load: () => import('./pages/merchant-panel'), props };
  }
  const regulator =
    /^\/regulator(?:\/cases\/([^/]+)|\/(alerts|collective|unlisted)|\/collective\/([^/]+)|\/unlisted\/([^/]+))?\/?$/.exec(
      path,
    );
  if (regulator) {
    const props: Record<string, string> = regulator[1]
      ? { view: 'case', trackingNumber: decodeURIComponent(regulator[1]) }
      : regulator[3]
        ? { view: 'collectiveCase', caseId: decodeURIComponent(regulator[3]) }
        : regulator[4]
          ? { view: 'unlistedSeller', sellerId: decodeURIComponent(regulator[4]) }
          : { view: regulator[2] ?? 'cases' };
    return { load: () => import('./pages/regulator-console'), props };
  }
  if (path === '/report-seller') return { load: () => import('./pages/report-seller'), props: {} };
  if (path === '/email/confirm') return { load: () => import('./pages/confirm-email'), props: {} };
  if (path === '/my') return { load: () => import('./pages/my-complaints'), props: {} };
  if (path === '/sign-in')
    return {
      load: () => import('./pages/sign-in'),
      props: {
        next: safeNext(new URLSearchParams(location.search).get('next')),
        // ?fresh=1: a new code even with a live session (the data download asks for a recent sign-in).
        fresh: new URLSearchParams(location.search).get('fresh') ?? '',
      },
    };
  if (path === '/' || path === '/stats') return { load: () => import('./pages/dashboard'), props: {} };
  return undefined;
};

/** The page for a path, or none where its parts do not decode (/track/%E0: CloudFront sends any page path here). */
const pageOrNone = (path: string) => {
  try {
    return pageFor(path);
  } catch (error) {
    if (error instanceof URIError) return undefined;
    throw error;
  }
};

const Routed = () => {
  useLanguage();
  const path = usePath();
  // biome-ignore lint/suspicious/noExplicitAny: as Page's component.
  const [loaded, setLoaded] = useState<{ path: string; Component: ComponentType<any> } | undefined>();
  const page = pageOrNone(path);
  useEffect(() => {
    let live = true;
    page?.load().then((module) => live && setLoaded({ path, Component: module.default }));
    return () => {
      live = false;
    };
  }, [path]);
  if (!page) return <p>{t('notFound')}</p>;
  if (loaded?.path !== path) return <Loading />;
  return <loaded.Component {...page.props} />;
};

const App = () => {
  const lang = useLanguage();
  return (
    <>
      <header>
        <a class="brand" href="/">
          {t('siteName')}
        </a>
        <nav aria-label={t('siteName')}>
          <a href="/">{t('navDashboard')}</a>
          <a href="/track">{t('navTrack')}</a>
          <a href="/my">{t('myComplaints')}</a>
        </nav>
        <button
          type="button"
          class="language"
          lang={lang === 'bn' ? 'en' : 'bn'}
          aria-label={t('switchLanguageLabel')}
          onClick={() => setLanguage(lang === 'bn' ? 'en' : 'bn')}
        >
          {t('switchLanguage')}
        </button>
      </header>
      <main id="main">
        <Routed />
      </main>
      <footer>
        <a href="/merchant">{t('merchantPanel')}</a>
        <a href="/regulator">{t('regulatorConsole')}</a>
        <a href="/v1/openapi.json">API</a>
      </footer>
    </>
  );
};

// A merchant's widget link says the language its site was in (`?lang=en`); that choice is remembered.
const asked = new URLSearchParams(location.search).get('lang');
if (asked === 'bn' || asked === 'en') setLanguage(asked);
document.documentElement.lang = currentLanguage();
interceptLinks();
// Sign-in is challenged by the firewall: the page solves it with AWS WAF's integration (waf.ts).
setChallengeSolver(challengeToken);
render(<App />, document.getElementById('app')!);
