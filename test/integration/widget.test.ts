/**
 * The merchant widget as a merchant's page gets it: served by the API, then run against a small
 * page (a minimal DOM in a VM context with no network API at all: fetch, XMLHttpRequest, Image and
 * the like do not exist there, so a script that tried a request would throw).
 */
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { widgetLabels, widgetScript } from '../../functions/widget/script';
import { checkAgainstContract } from './contract';
import { baseUrl } from './http';

/** An element of the fake page: attributes, a style, text and children. */
class FakeElement {
  readonly attributes = new Map<string, string>();
  readonly style: Record<string, string> = {};
  readonly children: FakeElement[] = [];
  textContent = '';
  constructor(
    readonly tagName: string,
    attributes: Record<string, string> = {},
  ) {
    for (const [name, value] of Object.entries(attributes)) this.attributes.set(name, value);
  }
  getAttribute(name: string) {
    return this.attributes.get(name) ?? null;
  }
  setAttribute(name: string, value: string) {
    this.attributes.set(name, String(value));
  }
  appendChild(child: FakeElement) {
    this.children.push(child);
    return child;
  }
}

const loadWidget = async () => {
  const response = await fetch(`${baseUrl()}/v1/widget.js`);
  const source = await response.text();
  await checkAgainstContract('GET', '/v1/widget.js', response.status, response.headers.get('content-type'), source);
  return { response, source };
};

/** Runs the script on a page holding `placeholders`, as loaded from `src`. */
const runOnPage = (source: string, placeholders: FakeElement[], src = `${baseUrl()}/v1/widget.js`) => {
  const document = {
    readyState: 'complete',
    currentScript: { src },
    querySelectorAll: (selector: string) => {
      expect(selector).toBe('[data-ccms-merchant]');
      return placeholders.filter((element) => element.getAttribute('data-ccms-merchant') !== null);
    },
    createElement: (tagName: string) => new FakeElement(tagName.toUpperCase()),
    addEventListener: () => undefined,
  };
  runInNewContext(source, { document, encodeURIComponent });
};

describe('the merchant widget', () => {
  it('is served as a cacheable script that other origins may load', async () => {
    const { response, source } = await loadWidget();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('cache-control')).toContain('public');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(source.length).toBeLessThan(4096);
  });

  it('turns each placeholder into a link to the filing page with the merchant and order preselected, in Bengali by default', async () => {
    const { source } = await loadWidget();
    const withOrder = new FakeElement('SPAN', { 'data-ccms-merchant': 'demo-bazaar', 'data-ccms-order': 'ORD 4471/B' });
    const english = new FakeElement('A', {
      'data-ccms-merchant': 'padma-electronics',
      'data-ccms-lang': 'en',
      'data-ccms-style': 'link',
    });
    const both = new FakeElement('DIV', { 'data-ccms-merchant': 'demo-bazaar', 'data-ccms-lang': 'both' });
    const unrelated = new FakeElement('DIV');
    runOnPage(source, [withOrder, english, both, unrelated]);

    const [link] = withOrder.children;
    expect(link!.tagName).toBe('A');
    expect(link!.getAttribute('href')).toBe(`${baseUrl()}/file?merchant=demo-bazaar&order=ORD%204471%2FB&lang=bn`);
    expect(link!.textContent).toBe(widgetLabels.bn);
    expect(link!.getAttribute('rel')).toBe('noopener');
    expect(link!.style.minHeight).toBe('44px');
    // An <a> placeholder becomes the link itself, unstyled when asked for a plain link.
    expect(english.children).toEqual([]);
    expect(english.getAttribute('href')).toBe(`${baseUrl()}/file?merchant=padma-electronics&lang=en`);
    expect(english.textContent).toBe(widgetLabels.en);
    expect(english.style).toEqual({});
    expect(both.children[0]!.textContent).toBe(`${widgetLabels.en} / ${widgetLabels.bn}`);
    expect(unrelated.children).toEqual([]);
  });

  it('keeps what the page passes in the query, never in the markup, and mounts each placeholder once', async () => {
    const { source } = await loadWidget();
    const hostile = new FakeElement('SPAN', {
      'data-ccms-merchant': 'demo-bazaar"><script>alert(1)</script>',
      'data-ccms-order': "javascript:alert('x')",
    });
    runOnPage(source, [hostile]);
    runOnPage(source, [hostile]);
    expect(hostile.children).toHaveLength(1);
    const href = hostile.children[0]!.getAttribute('href')!;
    expect(href.startsWith(`${baseUrl()}/file?merchant=demo-bazaar%22%3E%3Cscript%3E`)).toBe(true);
    expect(href).toContain("order=javascript%3Aalert('x')");
  });

  it('links to the configured site wherever it is loaded from (the local cloud’s site is its gateway)', async () => {
    const { source } = await loadWidget();
    const placeholder = new FakeElement('SPAN', { 'data-ccms-merchant': 'demo-bazaar' });
    runOnPage(source, [placeholder], 'https://cdn.example/v1/widget.js');
    expect(placeholder.children[0]!.getAttribute('href')).toBe(`${baseUrl()}/file?merchant=demo-bazaar&lang=bn`);
  });

  it('without a configured site, links to where it was loaded from (an API stage path included)', () => {
    const placeholder = new FakeElement('SPAN', { 'data-ccms-merchant': 'demo-bazaar' });
    runOnPage(
      widgetScript(undefined),
      [placeholder],
      'https://abc123.execute-api.ap-south-1.amazonaws.com/live/v1/widget.js?v=2',
    );
    expect(placeholder.children[0]!.getAttribute('href')).toBe(
      'https://abc123.execute-api.ap-south-1.amazonaws.com/live/file?merchant=demo-bazaar&lang=bn',
    );
  });
});
