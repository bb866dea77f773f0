import { inject } from 'vitest';

export const baseUrl = () => inject('localCloudUrl');

export const request = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
  const response = await fetch(`${baseUrl()}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
};

export const asConsumer = (phone = '+8801712345678') => ({ 'x-ccms-dev-consumer': phone });

export const advanceClock = (duration: string) => request('POST', '/__local/clock', { advance: duration });

/** Polls until `check` passes: the workflow runs asynchronously after the HTTP call returns. */
export const eventually = async <T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 10_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};
