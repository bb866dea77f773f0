/** GET /v1/widget.js (public, cacheable): the script a merchant's site embeds for a "Complain via CCMS" link. */
import { httpHandler } from '../commons/http';
import { configuredWidgetScript } from './wiring';

const script = configuredWidgetScript();

export const handler = httpHandler(async () => ({
  statusCode: 200,
  headers: {
    'content-type': 'text/javascript; charset=utf-8',
    // Changes with a deploy: an hour in browsers, a day in caches.
    'cache-control': 'public, max-age=3600, s-maxage=86400',
    'x-content-type-options': 'nosniff',
    // Merchants' pages on other origins load it.
    'cross-origin-resource-policy': 'cross-origin',
  },
  body: script,
}));
