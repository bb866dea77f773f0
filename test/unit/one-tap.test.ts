import { describe, expect, it } from 'vitest';
import {
  consumerActions,
  merchantActions,
  parseAction,
  performActionUseCase,
} from '../../functions/complaints/actions';
import { actOneTapUseCase, openOneTapUseCase } from '../../functions/complaints/one-tap-use-cases';
import { fileComplaintUseCase } from '../../functions/complaints/use-cases';
import { fixedClock } from '../../functions/domain/clock';
import { DAY_MS } from '../../functions/domain/lifecycle';
import { consumerMessage, oneTapLinkOf, smsLinkOf } from '../../functions/domain/messages';
import {
  newOneTapCode,
  oneTapClaimMs,
  oneTapCodeHash,
  oneTapCodeLength,
  oneTapOffer,
  parseOneTapCode,
} from '../../functions/domain/one-tap';
import { fireTimerUseCase } from '../../functions/workflow/use-cases';
import { filingRequest } from './fixtures';
import {
  InMemoryComplaints,
  InMemoryEvidence,
  InMemoryMerchants,
  InMemoryOneTapLinks,
  verifiedProfiles,
  wrappingSealer,
} from './in-memory';

describe('one-tap codes', () => {
  it('are 11 letters and digits, every symbol equally likely, and only their hash is kept', () => {
    const { code, codeHash } = newOneTapCode();
    expect(code).toMatch(/^[0-9A-Za-z]{11}$/);
    expect(codeHash).toBe(oneTapCodeHash(code));
    expect(codeHash).not.toContain(code);
    expect(parseOneTapCode(code)).toBe(codeHash);
    // Bytes from 248 up would favour the first symbols: they are drawn again.
    const draws = [new Uint8Array(22).fill(255), new Uint8Array(22).fill(61)];
    expect(newOneTapCode(() => draws.shift()!).code).toBe('z'.repeat(oneTapCodeLength));
  });

  it('parse only what a code can be (a tracking number, a padded or longer string is none)', () => {
    for (const notOne of ['7K3M9-Q2TXB', 'abc', 'abcdefghijk ', 'abcdefghijkl', 'abcdefghij_', ''])
      expect(parseOneTapCode(notOne)).toBeUndefined();
  });

  it('fit where the tracking number went: the longest SMS with one is as long as with the tracking number', () => {
    const site = 'https://ccms.gov.bd';
    expect(oneTapLinkOf(site, 'a'.repeat(oneTapCodeLength))).toBe(`ccms.gov.bd/t#${'a'.repeat(11)}`);
    expect(oneTapLinkOf(site, 'a'.repeat(oneTapCodeLength)).length).toBe(smsLinkOf(site, '7K3M9-Q2TXB').length);
  });
});

const setup = async () => {
  const clock = fixedClock('2026-05-01T08:00:00.000Z');
  const complaints = new InMemoryComplaints();
  const links = new InMemoryOneTapLinks();
  const file = fileComplaintUseCase({
    complaints,
    merchants: new InMemoryMerchants([{ merchantId: 'demo-bazaar', tradeName: 'Demo Bazaar', active: true }]),
    profiles: verifiedProfiles(),
    personalData: wrappingSealer,
    clock,
    randomBytes: (size) => new Uint8Array(size).fill(3),
  });
  const { trackingNumber } = await file(filingRequest(), '+8801712345678');
  const fire = fireTimerUseCase({ complaints, clock });
  const fireCurrent = () => fire(trackingNumber, complaints.complaints.get(trackingNumber)!.timer!.seq);
  await fireCurrent();
  const perform = performActionUseCase({ complaints, evidence: new InMemoryEvidence(), clock });
  const asMerchant = (name: string, body: unknown) =>
    perform({ trackingNumber, by: 'merchant', owns: () => true, ...parseAction(merchantActions, name, body) });
  const asConsumer = (name: string, body: unknown) =>
    perform({ trackingNumber, by: 'consumer', owns: () => true, ...parseAction(consumerActions, name, body) });
  /** What the workflow does as it texts the consumer of the newest change: a link for what that change offers. */
  const linkOfLatest = async () => {
    const complaint = complaints.complaints.get(trackingNumber)!;
    const offer = oneTapOffer(complaint.lastAction!, complaint);
    if (!offer) return undefined;
    const { code, codeHash } = newOneTapCode();
    await links.issue({ ...offer, codeHash, issuedAt: clock.now().toISOString() });
    return code;
  };
  const deps = { links, complaints, perform, clock };
  const propose = () =>
    asMerchant('propose-resolution', { remedy: 'REFUND', amount: 2450, message: 'Refunded to bKash.', evidence: [] });
  return {
    clock,
    complaints,
    links,
    trackingNumber,
    fireCurrent,
    asConsumer,
    propose,
    linkOfLatest,
    open: openOneTapUseCase(deps),
    act: actOneTapUseCase(deps),
    status: () => complaints.complaints.get(trackingNumber)!.status,
  };
};

describe('one tap from an SMS', () => {
  it('opens the proposal with confirm and dispute until it settles on its own; the SMS carries the link', async () => {
    const { propose, linkOfLatest, open, trackingNumber, complaints } = await setup();
    await propose();
    const code = (await linkOfLatest())!;
    const opened = await open({ code });
    expect(opened).toMatchObject({
      trackingNumber,
      status: 'RESOLUTION_PROPOSED',
      purpose: 'ANSWER_PROPOSAL',
      actions: ['confirm', 'dispute'],
      answerBy: complaints.complaints.get(trackingNumber)!.autoSettleAt,
      resolution: { remedy: 'REFUND', amount: 2450, message: 'Refunded to bKash.' },
    });
    const sms = consumerMessage(
      'PROPOSE_RESOLUTION',
      complaints.complaints.get(trackingNumber)!,
      'https://ccms.gov.bd',
      code,
    )!.sms!;
    expect(sms).toMatch(new RegExp(` ccms\\.gov\\.bd/t#${code}$`));
    expect(sms.length).toBeLessThanOrEqual(70);
  });

  it('confirms with one tap, answers the same tap again alike, and refuses any other use after', async () => {
    const { propose, linkOfLatest, act, open, status, links } = await setup();
    await propose();
    const code = (await linkOfLatest())!;
    expect(await act({ code, action: 'confirm', body: {} })).toMatchObject({ status: 'SETTLED' });
    expect(status()).toBe('SETTLED');
    expect([...links.items.values()][0]).toMatchObject({ usedFor: 'confirm' });
    expect(await act({ code, action: 'confirm', body: {} })).toMatchObject({ status: 'SETTLED' });
    await expect(act({ code, action: 'dispute', body: { reason: 'The refund never came.' } })).rejects.toMatchObject({
      code: 'LINK_USED',
      details: { status: 'SETTLED' },
    });
    await expect(open({ code })).rejects.toMatchObject({ code: 'LINK_USED' });
  });

  it('disputes with a reason; a too-short reason is refused and leaves the link usable', async () => {
    const { propose, linkOfLatest, act, status } = await setup();
    await propose();
    const code = (await linkOfLatest())!;
    await expect(act({ code, action: 'dispute', body: { reason: 'no' } })).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
    });
    expect(
      await act({ code, action: 'dispute', body: { reason: 'The refund never reached my bKash.' } }),
    ).toMatchObject({ status: 'DISPUTED' });
    expect(status()).toBe('DISPUTED');
  });

  it('refuses an action the link does not offer, and a code that is not one as 404', async () => {
    const { propose, linkOfLatest, act, open } = await setup();
    await propose();
    const code = (await linkOfLatest())!;
    await expect(
      act({ code, action: 'reopen', body: { reason: 'It broke again after a week.' } }),
    ).rejects.toMatchObject({
      code: 'ACTION_NOT_OFFERED',
    });
    await expect(act({ code, action: 'withdraw', body: {} })).rejects.toMatchObject({ code: 'ACTION_NOT_OFFERED' });
    const other = newOneTapCode().code;
    await expect(open({ code: other })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(act({ code: other, action: 'confirm', body: {} })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(open({ code: '7K3M9-Q2TXB' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('is refused once its window ends (the proposal settled on its own), and then reopens with the settlement SMS link', async () => {
    const { propose, linkOfLatest, act, open, clock, fireCurrent, status } = await setup();
    await propose();
    const answer = (await linkOfLatest())!;
    clock.advance(8 * DAY_MS);
    await expect(act({ code: answer, action: 'confirm', body: {} })).rejects.toMatchObject({ code: 'LINK_EXPIRED' });
    await fireCurrent();
    expect(status()).toBe('AUTO_SETTLED');
    // The automatic settlement's SMS asks whether it was resolved: "no" within the window reopens.
    const survey = (await linkOfLatest())!;
    expect(await open({ code: survey })).toMatchObject({ purpose: 'SURVEY', actions: ['answer-survey'] });
    await expect(act({ code: survey, action: 'answer-survey', body: { resolved: false } })).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
    });
    expect(
      await act({
        code: survey,
        action: 'answer-survey',
        body: { resolved: false, reason: 'The refund was never made.' },
      }),
    ).toMatchObject({ status: 'REOPENED' });
  });

  it('takes "resolved" with a rating from the survey link once; the answer is kept with the settlement it answers', async () => {
    const { propose, linkOfLatest, act, clock, fireCurrent, complaints, trackingNumber } = await setup();
    await propose();
    clock.advance(8 * DAY_MS);
    await fireCurrent();
    const survey = (await linkOfLatest())!;
    expect(await act({ code: survey, action: 'answer-survey', body: { resolved: true, score: 4 } })).toMatchObject({
      status: 'AUTO_SETTLED',
    });
    const answered = complaints.complaints.get(trackingNumber)!;
    expect(answered).toMatchObject({
      status: 'AUTO_SETTLED',
      survey: { resolved: true, settledAt: answered.settledAt },
      rating: { score: 4 },
    });
    // The same tap again answers with where the complaint stands, and changes nothing.
    expect(
      await act({
        code: survey,
        action: 'answer-survey',
        body: { resolved: false, reason: 'Changed my mind about it.' },
      }),
    ).toMatchObject({ status: 'AUTO_SETTLED' });
    expect(complaints.complaints.get(trackingNumber)!.survey).toEqual(answered.survey);
  });

  it('lets a later tap take over a link whose tap was cut short (a timeout), not one still running', async () => {
    const { propose, linkOfLatest, act, links, clock, status } = await setup();
    await propose();
    const code = (await linkOfLatest())!;
    // A tap took the link and was cut short before it acted.
    expect(await links.take(oneTapCodeHash(code), 'confirm', clock.now().toISOString())).toBe('TAKEN');
    await expect(act({ code, action: 'confirm', body: {} })).rejects.toMatchObject({ code: 'REQUEST_IN_PROGRESS' });
    clock.advance(oneTapClaimMs);
    expect(await act({ code, action: 'confirm', body: {} })).toMatchObject({ status: 'SETTLED' });
    expect(status()).toBe('SETTLED');
  });

  it('ends at the second its window ends, though the window is written without milliseconds', async () => {
    const { propose, linkOfLatest, act, clock, complaints, trackingNumber } = await setup();
    await propose();
    const code = (await linkOfLatest())!;
    const ends = Date.parse(complaints.complaints.get(trackingNumber)!.autoSettleAt!);
    clock.advance(ends - clock.now().getTime() + 500);
    await expect(act({ code, action: 'confirm', body: {} })).rejects.toMatchObject({ code: 'LINK_EXPIRED' });
  });

  it('is refused after a newer proposal: the first proposal’s link does not answer the second', async () => {
    const { propose, linkOfLatest, act, open, asConsumer, fireCurrent, status, clock } = await setup();
    await propose();
    const first = (await linkOfLatest())!;
    // Answered on the complaint's page instead: the link stays unused.
    await asConsumer('confirm', {});
    await expect(open({ code: first })).rejects.toMatchObject({ code: 'LINK_SUPERSEDED' });
    const reopen = (await linkOfLatest())!;
    await act({ code: reopen, action: 'reopen', body: { reason: 'The parcel was the wrong size.' } });
    await fireCurrent();
    clock.advance(1000);
    await propose();
    expect(status()).toBe('RESOLUTION_PROPOSED');
    await expect(
      act({ code: first, action: 'dispute', body: { reason: 'Still the wrong size.' } }),
    ).rejects.toMatchObject({
      code: 'LINK_SUPERSEDED',
    });
    const second = (await linkOfLatest())!;
    expect(await act({ code: second, action: 'dispute', body: { reason: 'Still the wrong size.' } })).toMatchObject({
      status: 'DISPUTED',
    });
  });

  it('gives the link back when the action is refused after it was taken (the complaint changed meanwhile)', async () => {
    const { propose, linkOfLatest, complaints, clock, links, trackingNumber } = await setup();
    await propose();
    const code = (await linkOfLatest())!;
    const refusing = actOneTapUseCase({
      links,
      complaints,
      perform: async () => {
        throw Object.assign(new Error('Another request changed this complaint first'), { code: 'TRANSITION_REFUSED' });
      },
      clock,
    });
    await expect(refusing({ code, action: 'confirm', body: {} })).rejects.toMatchObject({ code: 'TRANSITION_REFUSED' });
    expect([...links.items.values()][0]!.usedAt).toBeUndefined();
    const working = actOneTapUseCase({
      links,
      complaints,
      perform: performActionUseCase({ complaints, evidence: new InMemoryEvidence(), clock }),
      clock,
    });
    expect(await working({ code, action: 'confirm', body: {} })).toMatchObject({ trackingNumber, status: 'SETTLED' });
  });
});
