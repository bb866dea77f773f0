/** Open data answers JSON, or CSV when asked by path (`.csv`) or by `Accept: text/csv`; both may be cached a few minutes. */
import { openDataCacheSeconds } from '../catalog';
import type { HttpEvent } from '../commons/http';
import { jsonResponse, type HttpResponse } from '../commons/http-response';

/** Counters move with every complaint: five minutes in browsers and caches (as in the API's stage cache) is fresh enough for open data. */
export const openDataCacheControl = `public, max-age=${openDataCacheSeconds}, s-maxage=${openDataCacheSeconds}`;

export const wantsCsv = (event: HttpEvent) =>
  event.path.endsWith('.csv') ||
  /\btext\/csv\b/.test(
    Object.entries(event.headers ?? {}).find(([name]) => name.toLowerCase() === 'accept')?.[1] ?? '',
  );

export const openDataAnswer = (event: HttpEvent, json: unknown, csv: () => string, fileName: string): HttpResponse =>
  wantsCsv(event)
    ? {
        statusCode: 200,
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `inline; filename="${fileName}"`,
          'cache-control': openDataCacheControl,
          vary: 'Accept',
        },
        body: csv(),
      }
    : jsonResponse(200, json, { 'cache-control': openDataCacheControl, vary: 'Accept' });
