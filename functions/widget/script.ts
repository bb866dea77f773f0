/**
 * The merchant widget: a script a merchant's site embeds to show a "Complain via CCMS" link with
 * the merchant (and the order, if the page knows it) preselected on the CCMS filing page.
 *
 *   <a data-ccms-merchant="demo-bazaar" data-ccms-order="ORD-4471"></a>
 *   <script src="https://<site>/v1/widget.js" async></script>
 *
 * Each element with `data-ccms-merchant` becomes the link; `data-ccms-order` (optional) is the
 * order reference, `data-ccms-lang` `bn` (default), `en` or `both` the label's language, and
 * `data-ccms-style` `button` (default) or `link`. The script requests nothing from anywhere (no
 * fonts, images, styles or calls), writes text only as text (never as HTML) and puts the merchant
 * and order into the link's query, encoded. It is plain ES2015, for old phone browsers.
 */

export const widgetLabels = {
  bn: 'CCMS-এ অভিযোগ করুন',
  en: 'Complain via CCMS',
} as const;

/** The script, for a site whose filing page is `<siteUrl>/file`. Without a configured site it links to the origin it was loaded from. */
export const widgetScript = (
  siteUrl: string | undefined,
) => `/* CCMS complaint widget: no requests, no cookies, no third parties. */
(function () {
  'use strict';
  var configured = ${JSON.stringify(siteUrl ?? null)};
  var script = document.currentScript;
  var site = configured || (script && script.src ? script.src.replace(/\\/v1\\/widget\\.js(\\?.*)?$/, '') : '');
  if (!site) return;
  var labels = ${JSON.stringify(widgetLabels)};
  var mount = function (element) {
    if (element.getAttribute('data-ccms-mounted') === 'yes') return;
    var merchant = (element.getAttribute('data-ccms-merchant') || '').trim();
    if (!merchant) return;
    var order = (element.getAttribute('data-ccms-order') || '').trim();
    var lang = element.getAttribute('data-ccms-lang') || 'bn';
    var query = 'merchant=' + encodeURIComponent(merchant) + (order ? '&order=' + encodeURIComponent(order) : '') + '&lang=' + (lang === 'en' ? 'en' : 'bn');
    var link = element.tagName === 'A' ? element : document.createElement('a');
    link.setAttribute('href', site + '/file?' + query);
    link.setAttribute('target', '_blank');
    link.setAttribute('rel', 'noopener');
    link.setAttribute('lang', lang === 'en' ? 'en' : 'bn');
    link.textContent = lang === 'en' ? labels.en : lang === 'both' ? labels.en + ' / ' + labels.bn : labels.bn;
    if (element.getAttribute('data-ccms-style') !== 'link') {
      var style = link.style;
      style.display = 'inline-block';
      style.padding = '0.6em 1em';
      style.minHeight = '44px';
      style.boxSizing = 'border-box';
      style.borderRadius = '6px';
      style.background = '#006a4e';
      style.color = '#ffffff';
      style.fontWeight = '600';
      style.textDecoration = 'none';
      style.lineHeight = '1.5';
    }
    element.setAttribute('data-ccms-mounted', 'yes');
    if (link !== element) element.appendChild(link);
  };
  var mountAll = function () {
    var elements = document.querySelectorAll('[data-ccms-merchant]');
    for (var i = 0; i < elements.length; i++) mount(elements[i]);
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mountAll);
  else mountAll();
})();
`;
