/**
 * A panel's signing key (merchant or regulator), in this tab's memory only: never in storage, gone
 * on reload or when the tab closes. The secret itself is not kept, only a key WebCrypto will sign
 * with but not give back (web/src/sigv4.ts).
 */
import { useEffect, useState } from 'preact/hooks';
import { getJson, type Authorization } from './api';
import { siteConfig } from './site-config';
import { signingKeyOf, signRequest, type SigningKey } from './sigv4';

export type PanelRole = 'merchant' | 'regulator';

export interface PanelSession {
  role: PanelRole;
  accessKeyId: string;
  /** What the panel shows as who is signed in: the merchant's trade name, or the key for a regulator. */
  name: string;
  sign: Exclude<Authorization, Record<string, string>>;
}

let current: PanelSession | undefined;
const listeners = new Set<() => void>();
const changed = () => {
  for (const listener of listeners) listener();
};

const signerOf =
  (key: SigningKey): PanelSession['sign'] =>
  ({ method, path, body, headers }) =>
    signRequest(key, { method, url: new URL(path, location.origin), body, headers });

/** The first signed read proves the key and tells who it belongs to. */
// biome-ignore lint/suspicious/noExplicitAny: each probe reads its own route's answer.
const probes: Record<PanelRole, { path: string; name: (answer: any, accessKeyId: string) => string }> = {
  merchant: {
    path: '/v1/merchant/scorecard',
    name: (answer: { merchant: { tradeName: string } }) => answer.merchant.tradeName,
  },
  regulator: { path: '/v1/regulator/cases?limit=1', name: (_answer, accessKeyId) => accessKeyId },
};

export const startPanel = async (role: PanelRole, accessKeyId: string, secretAccessKey: string) => {
  const { region } = await siteConfig();
  const sign = signerOf(await signingKeyOf(accessKeyId, secretAccessKey, region));
  const answer = await getJson<unknown>(probes[role].path, sign);
  current = { role, accessKeyId, name: probes[role].name(answer, accessKeyId), sign };
  changed();
};

export const endPanel = () => {
  current = undefined;
  changed();
};

/** The panel session for `role`, re-rendering on sign-in and sign-out. */
export const usePanel = (role: PanelRole) => {
  const [, setVersion] = useState(0);
  useEffect(() => {
    const listener = () => setVersion((n) => n + 1);
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }, []);
  return current?.role === role ? current : undefined;
};
