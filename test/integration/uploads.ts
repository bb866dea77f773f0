/** Uploading evidence as a browser does: shared by the integration tests that need a stored file. */
import { createHash } from 'node:crypto';
import { request } from './http';

/** A real one-page PDF, its xref offsets computed. */
export const pdf = (text: string) => {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${text.length + 30} >>\nstream\nBT /F1 12 Tf 10 50 Td (${text}) Tj ET\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
};
/** A 1x1 PNG. */
export const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

export interface UploadForm {
  url: string;
  fields: Record<string, string>;
}

/** What a browser does with the form: the fields, then the file, as multipart/form-data. */
export const post = async (form: UploadForm, bytes: Buffer, fieldOverrides: Record<string, string> = {}) => {
  const data = new FormData();
  for (const [name, value] of Object.entries({ ...form.fields, ...fieldOverrides })) data.append(name, value);
  data.append('file', new Blob([bytes]), 'upload');
  const response = await fetch(form.url, { method: 'POST', body: data });
  return { status: response.status, text: await response.text() };
};

/** Asks for an upload form as the party whose session this is. */
export const askToUpload = (
  trackingNumber: string,
  session: Record<string, string>,
  file: { fileName: string; contentType: string; size: number },
) => request('POST', `/v1/complaints/${trackingNumber}/attachments`, file, session);
