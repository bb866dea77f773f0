/**
 * Every message the platform sends (SMS, email, OTP, SNS), kept in order and appended to a file so
 * it survives restarts. Served at GET /__local/outbox.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';

export interface OutboxMessage {
  id: number;
  at: string;
  /** `subscription`: a delivery to a subscriber of a topic (to: `<protocol>:<endpoint>`). */
  channel: 'sns' | 'sms' | 'email' | 'otp' | 'webhook' | 'subscription';
  /** Topic name for SNS; phone number, address or URL otherwise. */
  to: string;
  subject?: string;
  body: unknown;
  attributes?: Record<string, string>;
}

/**
 * The parts an SMS is billed as: 160 characters in one GSM-7 part (153 per part when split), or 70
 * in UCS-2 (67 when split), which every Bengali message needs.
 */
export const smsPartsOf = (text: string) => {
  const characters = [...text].length;
  const gsm = /^[\n\r\x20-\x7E]*$/.test(text);
  const [single, split] = gsm ? [160, 153] : [70, 67];
  return characters <= single ? 1 : Math.ceil(characters / split);
};

export class Outbox {
  private readonly messages: OutboxMessage[] = [];

  constructor(private readonly file: string) {
    if (existsSync(file)) {
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        if (line.trim()) this.messages.push(JSON.parse(line) as OutboxMessage);
      }
    }
  }

  record(message: Omit<OutboxMessage, 'id' | 'at'>): OutboxMessage {
    const stored = { id: this.messages.length + 1, at: new Date().toISOString(), ...message };
    this.messages.push(stored);
    appendFileSync(this.file, `${JSON.stringify(stored)}\n`);
    return stored;
  }

  list(): readonly OutboxMessage[] {
    return this.messages;
  }
}
