/**
 * SMS through providers in order: when one refuses a message or fails before taking it, the next
 * is tried (one that may have taken it, `maybeSent`, ends the attempt: no SMS twice). A
 * message every provider refused for good is undeliverable; if any failed in a way a retry may
 * mend, the error is one a retry may mend, so the caller tries again later.
 */
import { UndeliverableError, type SmsSender } from '../domain/ports';

export interface NamedSmsSender {
  name: string;
  sender: SmsSender;
}

export class FallbackSmsSender implements SmsSender {
  constructor(
    private readonly providers: readonly NamedSmsSender[],
    /** Told of each provider that failed, never of the phone or the text. */
    private readonly onFailure: (provider: string, error: unknown) => void = () => {},
  ) {
    if (providers.length === 0) throw new Error('FallbackSmsSender needs at least one provider');
  }

  async send(phone: string, text: string, reference?: string): Promise<void> {
    const failures: { provider: string; error: unknown }[] = [];
    for (const { name, sender } of this.providers) {
      try {
        await sender.send(phone, text, reference);
        return;
      } catch (error) {
        failures.push({ provider: name, error });
        this.onFailure(name, error);
        // It may have gone: another provider would text the person twice. A retry later decides.
        if ((error as { maybeSent?: unknown }).maybeSent === true) throw error;
      }
    }
    const reasons = failures.map(({ provider, error }) => `${provider}: ${(error as Error).message}`).join('; ');
    if (failures.every(({ error }) => error instanceof UndeliverableError)) throw new UndeliverableError(reasons);
    throw new Error(`No SMS provider took the message (${reasons})`);
  }
}
