/**
 * The consumer's session after phone verification: kept in sessionStorage, so it ends with the tab
 * (and at its expiry, an hour after sign-in), never in localStorage.
 */
export interface ConsumerSession {
  token: string;
  phone: string;
  expiresAt: string;
}

const key = 'ccms.session';

export const currentSession = (now = new Date()): ConsumerSession | undefined => {
  try {
    const stored = JSON.parse(sessionStorage.getItem(key) ?? 'null') as ConsumerSession | null;
    return stored && Date.parse(stored.expiresAt) > now.getTime() ? stored : undefined;
  } catch {
    return undefined;
  }
};

export const keepSession = (session: ConsumerSession) => sessionStorage.setItem(key, JSON.stringify(session));

export const endSession = () => sessionStorage.removeItem(key);
