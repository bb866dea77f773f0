/** What operators do: onboard merchants and regulators, replace a grievance officer, issue and revoke API keys. */
import type { Clock } from '../domain/clock';
import { isAccessKeyId, newAccessKey, type Principal } from '../domain/credentials';
import { KeyLimitError, NotFoundError } from '../domain/errors';
import type { GrievanceOfficer, Merchant, Regulator } from '../domain/merchant';
import {
  TooManyKeysError,
  type CaseAccessLog,
  type CredentialStore,
  type MerchantRegistry,
  type PageRequest,
  type RegulatorRegistry,
  type SecretSealer,
} from '../domain/ports';

export interface KeyIssuingDependencies {
  credentials: CredentialStore;
  sealer: SecretSealer;
  clock: Clock;
  randomBytes: (size: number) => Uint8Array;
}

const shownOnce = 'Store the secret now: CCMS keeps it sealed and will not show it again.';

/** Issues a key for `principal`: the secret is returned this once, and stored only sealed. */
export const issueKeyUseCase = (deps: KeyIssuingDependencies) => async (principal: Principal) => {
  const { accessKeyId, secretAccessKey } = newAccessKey(principal.role, deps.randomBytes);
  try {
    await deps.credentials.create({
      accessKeyId,
      principal,
      sealedSecret: await deps.sealer.seal(secretAccessKey, accessKeyId),
      status: 'ACTIVE',
      createdAt: deps.clock.now().toISOString(),
    });
  } catch (error) {
    if (error instanceof TooManyKeysError)
      throw new KeyLimitError('Two keys are already active: revoke one before issuing another.');
    throw error;
  }
  return { accessKeyId, secretAccessKey, note: shownOnce };
};

export const onboardMerchantUseCase =
  (deps: KeyIssuingDependencies & { merchants: MerchantRegistry }) =>
  async (onboarding: Omit<Merchant, 'active' | 'onboardedAt'>) => {
    const merchant: Merchant = { ...onboarding, active: true, onboardedAt: deps.clock.now().toISOString() };
    await deps.merchants.create(merchant);
    return {
      merchant,
      credentials: await issueKeyUseCase(deps)({ role: 'merchant', merchantId: merchant.merchantId }),
    };
  };

/** An operator replaces a merchant's grievance officer (the person changed, or asked to be taken off). */
export const replaceGrievanceOfficerUseCase =
  (deps: { merchants: MerchantRegistry; clock: Clock }) => async (merchantId: string, officer: GrievanceOfficer) => {
    const merchant = await deps.merchants.replaceGrievanceOfficer(merchantId, officer, deps.clock.now().toISOString());
    if (!merchant) throw new NotFoundError(`No merchant has the id "${merchantId}".`);
    return merchant;
  };

export const issueMerchantKeyUseCase =
  (deps: KeyIssuingDependencies & { merchants: MerchantRegistry }) => async (merchantId: string) => {
    if (!(await deps.merchants.get(merchantId))) throw new NotFoundError(`No merchant has the id "${merchantId}".`);
    return issueKeyUseCase(deps)({ role: 'merchant', merchantId });
  };

export const registerRegulatorUseCase =
  (deps: KeyIssuingDependencies & { regulators: RegulatorRegistry }) =>
  async (registration: Omit<Regulator, 'registeredAt'>) => {
    const regulator: Regulator = { ...registration, registeredAt: deps.clock.now().toISOString() };
    await deps.regulators.create(regulator);
    return {
      regulator,
      credentials: await issueKeyUseCase(deps)({
        role: 'regulator',
        regulatorId: regulator.regulatorId,
        agency: regulator.agency,
      }),
    };
  };

export const revokeKeyUseCase =
  (deps: { credentials: CredentialStore; clock: Clock }) => async (accessKeyId: string) => {
    if (!isAccessKeyId(accessKeyId) || !(await deps.credentials.revoke(accessKeyId, deps.clock.now()))) {
      throw new NotFoundError(`No active key has the id "${accessKeyId}".`);
    }
    return { accessKeyId, status: 'REVOKED' };
  };

/** Who read which case's personal data, newest first: one case's reads, or one regulator's. */
export const caseReadsUseCase =
  (accessLog: CaseAccessLog) =>
  async (subject: { trackingNumber: string } | { regulatorId: string }, page: PageRequest) => {
    const found =
      'trackingNumber' in subject
        ? await accessLog.byCase(subject.trackingNumber, page)
        : await accessLog.byRegulator(subject.regulatorId, page);
    return { reads: found.items, nextCursor: found.nextCursor };
  };
