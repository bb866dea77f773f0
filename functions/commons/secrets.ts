/**
 * An API key kept in Secrets Manager (a gateway's: the national ID gateway, the SMS aggregator),
 * asked for when needed and kept by Powertools for 5 minutes, so a rotated key is picked up. The
 * Secrets Manager client is loaded on the first ask, not at a cold start.
 */
export const apiKeyFromSecret = (secretId: string) => async () => {
  const { getSecret } = await import('@aws-lambda-powertools/parameters/secrets');
  const key = await getSecret(secretId, { maxAge: 300 });
  if (typeof key !== 'string' || key === '') throw new Error(`The secret ${secretId} holds no API key`);
  return key;
};
