/**
 * Reports against sellers not on CCMS (functions/domain/unlisted-sellers.ts): a verified consumer
 * reports one; regulators rank the sellers by the consumers who reported them, read the reports and
 * record what they did to bring a seller onto CCMS. Written against the ports only.
 */
import type { Clock } from '../domain/clock';
import { dhakaDate } from '../domain/dates';
import { regulatorActor, type RegulatorActor } from '../domain/decisions';
import { IdentityRequiredError, NotFoundError, RefusedConflictError } from '../domain/errors';
import type { ConsumerProfiles, MerchantDirectory, PageRequest, UnlistedSellers } from '../domain/ports';
import {
  identifiersOf,
  newReportId,
  sellerKeyOf,
  type Onboarding,
  type OnboardingRequest,
  type UnlistedSellerReport,
  type UnlistedSellerReportRequest,
} from '../domain/unlisted-sellers';

export interface ReportDependencies {
  sellers: UnlistedSellers;
  profiles: ConsumerProfiles;
  merchants: MerchantDirectory;
  clock: Clock;
  randomBytes: (size: number) => Uint8Array;
}

/** A verified consumer's report: stored, and its consumer counted once for each identifier it names. */
export const reportUnlistedSellerUseCase =
  (deps: ReportDependencies) => async (request: UnlistedSellerReportRequest, consumerId: string) => {
    const profile = await deps.profiles.get(consumerId);
    if (!profile?.identity)
      throw new IdentityRequiredError(
        'Verify your identity once (NID, or birth registration if under 18) before reporting a seller.',
      );
    const identifiers = identifiersOf(request);
    const onboarded = (await deps.sellers.sellers(identifiers.map(({ key }) => key)))
      .map((seller) => seller.onboarding)
      .filter((onboarding) => onboarding?.status === 'ONBOARDED');
    // On CCMS while its merchant is active: a merchant deactivated since takes no complaint, so the report is taken.
    for (const { merchantId } of onboarded as Onboarding[])
      if (merchantId && (await deps.merchants.get(merchantId))?.active)
        throw new RefusedConflictError(
          'SELLER_ON_CCMS',
          'This seller is on CCMS now: file a complaint against it instead, and it must answer.',
          { merchantId },
        );
    const at = deps.clock.now();
    const reportedAt = at.toISOString();
    const report: UnlistedSellerReport & { consumerId: string } = {
      reportId: newReportId(deps.randomBytes(16)),
      consumerId,
      sellerName: request.sellerName,
      identifiers,
      category: request.category,
      description: request.description,
      ...(request.amount !== undefined && { amount: request.amount }),
      reportedAt,
    };
    // Counted by the phone that verified, as filing is: the identity register does not tie a document to one phone.
    await deps.sellers.record(report, consumerId, dhakaDate(at));
    return { reportId: report.reportId, reportedAt };
  };

const knownSeller = async (sellers: UnlistedSellers, sellerId: string) => {
  const key = sellerKeyOf(sellerId);
  const seller = key && (await sellers.seller(key));
  if (!seller) throw new NotFoundError('There is no reported seller with that id.');
  return seller;
};

/** The sellers most reported first (no consumer in it). */
export const rankUnlistedSellersUseCase = (sellers: UnlistedSellers) => async (page: PageRequest) => {
  const ranked = await sellers.ranked(page);
  return { sellers: ranked.items, nextCursor: ranked.nextCursor };
};

/** A seller with a page of the reports naming it, newest first: what consumers said, not who they are. */
export const unlistedSellerUseCase = (sellers: UnlistedSellers) => async (sellerId: string, page: PageRequest) => {
  const seller = await knownSeller(sellers, sellerId);
  const reports = await sellers.reportsOf(seller.key, page);
  return {
    seller,
    reports: reports.items.map(({ consumerId: _who, ...report }) => report),
    nextCursor: reports.nextCursor,
  };
};

/** What a regulator did to bring the seller onto CCMS; ONBOARDED names the merchant it now is. */
export const recordOnboardingUseCase =
  (deps: { sellers: UnlistedSellers; merchants: MerchantDirectory; clock: Clock }) =>
  async (regulator: RegulatorActor, sellerId: string, request: OnboardingRequest) => {
    const seller = await knownSeller(deps.sellers, sellerId);
    if (request.merchantId !== undefined && !(await deps.merchants.get(request.merchantId))?.active)
      throw new NotFoundError(`There is no active merchant ${request.merchantId} on CCMS to name.`);
    const updated = await deps.sellers.setOnboarding(seller.key, {
      status: request.status,
      ...(request.merchantId !== undefined && { merchantId: request.merchantId }),
      ...(request.note !== undefined && { note: request.note }),
      at: deps.clock.now().toISOString(),
      by: regulatorActor(regulator),
    });
    if (!updated) throw new NotFoundError('There is no reported seller with that id.');
    return updated;
  };

/** The consumer's reports, erased while `keepGoing` says there is time: what they wrote and that it was them; the counts stay. */
export const eraseReportsUseCase =
  (deps: { sellers: UnlistedSellers; clock: Clock }) => async (consumerId: string, keepGoing: () => boolean) => {
    const reports = await deps.sellers.reportsBy(consumerId);
    const at = deps.clock.now().toISOString();
    let erased = 0;
    for (const report of reports) {
      if (!keepGoing()) break;
      await deps.sellers.erase(report, at);
      erased += 1;
    }
    return { erased, remaining: erased < reports.length };
  };
