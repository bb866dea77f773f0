/** The widget context's configuration, read once per cold start: the site the links go to (binding site:links). */
import { siteUrlConfig } from '../commons/config';
import { widgetScript } from './script';

export const configuredWidgetScript = () => widgetScript(siteUrlConfig()?.replace(/\/+$/, ''));
