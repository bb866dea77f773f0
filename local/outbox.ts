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

/** Which messages to list: to one recipient, on one channel, mentioning a text (a tracking number), after an id. */
export interface OutboxFilter {
  to?: string;
  channel?: string;
  mentions?: string;
  after?: number;
}

export class Outbox {
  private readonly messages: OutboxMessage[] = [];
  /** Each message as its JSON line, searched by `mentions`. */
  private readonly lines: string[] = [];

  constructor(private readonly file: string) {
    if (existsSync(file)) {
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        this.messages.push(JSON.parse(line) as OutboxMessage);
        this.lines.push(line);
      }
    }
  }

  record(message: Omit<OutboxMessage, 'id' | 'at'>): OutboxMessage {
    const stored = { id: this.messages.length + 1, at: new Date().toISOString(), ...message };
    const line = JSON.stringify(stored);
    this.messages.push(stored);
    this.lines.push(line);
    appendFileSync(this.file, `${line}\n`);
    return stored;
  }

  list(): readonly OutboxMessage[] {
    return this.messages;
  }

  /** The messages that match every part of `filter`, oldest first. */
  find({ to, channel, mentions, after = 0 }: OutboxFilter): OutboxMessage[] {
    // As the text appears inside a JSON line (quotes and backslashes escaped).
    const mentioned = mentions === undefined ? undefined : JSON.stringify(mentions).slice(1, -1);
    const found: OutboxMessage[] = [];
    // Ids are positions: a message's id is its index plus one.
    for (let index = Math.max(0, after); index < this.messages.length; index++) {
      const message = this.messages[index]!;
      if (to !== undefined && message.to !== to) continue;
      if (channel !== undefined && message.channel !== channel) continue;
      if (mentioned !== undefined && !this.lines[index]!.includes(mentioned)) continue;
      found.push(message);
    }
    return found;
  }
}
