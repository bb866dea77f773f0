/** The widget context's configuration, read once per cold start: the site the links go to (binding site:links). */
import { z } from 'zod';
import { envNames, loadConfig } from '../commons/config';
import { widgetScript } from './script';

export const configuredWidgetScript = () => {
  const siteUrl = loadConfig({ [envNames.siteUrl]: z.url({ protocol: /^https?$/ }).optional() })[envNames.siteUrl];
  return widgetScript(siteUrl?.replace(/\/+$/, ''));
};
