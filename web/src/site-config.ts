/** What the pages learn from the site that serves them (`/config.json`, written at deploy and by the local cloud). */
export interface SiteConfig {
  /** The region the panels sign their requests for. */
  region: string;
  /** AWS WAF's JavaScript integration of the web ACL that challenges sign-in; none: nothing is challenged. */
  wafIntegrationUrl?: string;
}

let loaded: Promise<SiteConfig> | undefined;

/** Read once per page load; a failed read is tried again next time. */
export const siteConfig = (): Promise<SiteConfig> =>
  (loaded ??= fetch('/config.json', { headers: { accept: 'application/json' } })
    .then((response) => {
      if (!response.ok) throw new Error(`/config.json answered ${response.status}`);
      return response.json() as Promise<SiteConfig>;
    })
    .catch((error: unknown) => {
      loaded = undefined;
      throw error;
    }));
