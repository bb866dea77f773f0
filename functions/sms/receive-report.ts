/** POST /v1/sms/delivery-reports (public: the aggregator's signature is the proof): what became of an SMS. */
import { httpHandler, rawBody } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { smsReportSignatureHeader, smsReportTimestampHeader } from './report-use-case';
import { smsReports } from './wiring';

const receive = smsReports();

const headerOf = (headers: Record<string, string | undefined> | null, name: string) =>
  Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name)?.[1];

export const handler = httpHandler(async (event) =>
  jsonResponse(
    200,
    await receive({
      body: rawBody(event),
      timestamp: headerOf(event.headers, smsReportTimestampHeader),
      signature: headerOf(event.headers, smsReportSignatureHeader),
    }),
  ),
);
