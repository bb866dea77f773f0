/**
 * The stage's SMS sender (binding sms:send): its providers in order (SMS_PROVIDERS), each tried
 * when the one before refuses or fails. The aggregator's API key is read from Secrets Manager only
 * when it is a provider (commons/secrets.ts).
 */
import * as z from 'zod';
import { FallbackSmsSender } from '../adapters/fallback-sms';
import { HttpsSmsGateway } from '../adapters/https-sms-gateway';
import { SnsSmsSender } from '../adapters/sns-sms';
import { smsProviders } from '../bindings';
import { UndeliverableError, type SmsSender } from '../domain/ports';
import { sns } from './clients/sns';
import { apiKeyFromSecret } from './secrets';
import { envNames, loadConfig } from './config';
import { logger } from './logger';

export const smsSenderFrom = (env: NodeJS.ProcessEnv = process.env, fetchImpl: typeof fetch = fetch): SmsSender => {
  const config = loadConfig(
    {
      [envNames.smsProviders]: z
        .string()
        .default('sns')
        .transform((list) => list.split(','))
        .pipe(z.array(z.enum(smsProviders)).min(1)),
      [envNames.smsGatewayUrl]: z.url({ protocol: /^https?$/ }).optional(),
      [envNames.smsSenderId]: z.string().min(1).optional(),
      [envNames.smsGatewayApiKeySecret]: z.string().min(1).optional(),
    },
    env,
  );
  const senders = config[envNames.smsProviders].map((provider) => {
    if (provider === 'sns') return { name: provider, sender: new SnsSmsSender(sns()) };
    const url = config[envNames.smsGatewayUrl];
    const senderId = config[envNames.smsSenderId];
    const secretId = config[envNames.smsGatewayApiKeySecret];
    if (!url || !senderId || !secretId)
      throw new Error(
        `SMS through the gateway needs ${envNames.smsGatewayUrl}, ${envNames.smsSenderId} and ${envNames.smsGatewayApiKeySecret}`,
      );
    return {
      name: provider,
      sender: new HttpsSmsGateway({ url, senderId, apiKey: apiKeyFromSecret(secretId) }, fetchImpl),
    };
  });
  if (senders.length === 1) return senders[0]!.sender;
  return new FallbackSmsSender(senders, (provider, error) =>
    // The kind of failure only: a provider's words may repeat the phone number.
    logger.warn('An SMS provider failed', {
      provider,
      refused: error instanceof UndeliverableError,
      maybeSent: (error as { maybeSent?: unknown }).maybeSent === true,
    }),
  );
};
