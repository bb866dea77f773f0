/**
 * What the local cloud starts with: demo merchants, and API keys for them, a regulator and an
 * operator, written to .local/seed-credentials.json (the secrets are shown nowhere else).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { issueKeyUseCase, registerRegulatorUseCase, type KeyIssuingDependencies } from '../functions/admin/use-cases';
import { AlreadyExistsError } from '../functions/domain/errors';
import type { Merchant } from '../functions/domain/merchant';
import type { RegulatorRegistry } from '../functions/domain/ports';

export interface SeedKey {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface SeedCredentials {
  region: string;
  merchants: Record<string, SeedKey>;
  regulator: SeedKey & { regulatorId: string; agency: string };
  operator: SeedKey & { operatorId: string };
}

export const demoMerchants: Merchant[] = [
  {
    merchantId: 'demo-bazaar',
    legalName: 'Demo Bazaar Limited',
    tradeName: 'Demo Bazaar',
    website: 'https://demo-bazaar.example',
    grievanceOfficer: {
      name: 'Nusrat Jahan',
      designation: 'Grievance Officer',
      phone: '+8801711000001',
      email: 'grievance@demo-bazaar.example',
    },
    categories: ['electronics', 'fashion', 'groceries'],
    district: 'dhaka',
    active: true,
  },
  {
    merchantId: 'padma-electronics',
    legalName: 'Padma Electronics Private Limited',
    tradeName: 'Padma Electronics',
    website: 'https://padma-electronics.example',
    grievanceOfficer: {
      name: 'Tanvir Ahmed',
      designation: 'Head of Customer Care',
      phone: '+8801811000002',
      email: 'care@padma-electronics.example',
    },
    categories: ['electronics'],
    district: 'chattogram',
    active: true,
  },
  {
    merchantId: 'meghna-fashion',
    legalName: 'Meghna Fashion House',
    tradeName: 'Meghna Fashion',
    website: 'https://meghna-fashion.example',
    grievanceOfficer: {
      name: 'Farzana Rahman',
      designation: 'Customer Relations Manager',
      phone: '+8801911000003',
      email: 'help@meghna-fashion.example',
    },
    categories: ['fashion'],
    active: true,
  },
];

/** Issues the seed keys once; later starts on the same data reuse the file. */
export const seedAccessKeys = async (
  file: string,
  deps: KeyIssuingDependencies & { regulators: RegulatorRegistry; region: string },
): Promise<SeedCredentials> => {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as SeedCredentials;
  const issueKey = issueKeyUseCase(deps);
  const keyOf = ({ accessKeyId, secretAccessKey }: SeedKey) => ({ accessKeyId, secretAccessKey });
  const merchants: Record<string, SeedKey> = {};
  for (const merchant of demoMerchants) {
    merchants[merchant.merchantId] = keyOf(await issueKey({ role: 'merchant', merchantId: merchant.merchantId }));
  }
  const regulator = {
    regulatorId: 'dncrp',
    agency: 'DNCRP',
    name: 'Directorate of National Consumer Rights Protection',
  };
  let regulatorKey: SeedKey;
  try {
    regulatorKey = keyOf((await registerRegulatorUseCase(deps)(regulator)).credentials);
  } catch (error) {
    if (!(error instanceof AlreadyExistsError)) throw error;
    regulatorKey = keyOf(
      await issueKey({ role: 'regulator', regulatorId: regulator.regulatorId, agency: regulator.agency }),
    );
  }
  const operatorId = 'local-operator';
  const seeded: SeedCredentials = {
    region: deps.region,
    merchants,
    regulator: { ...regulatorKey, regulatorId: regulator.regulatorId, agency: regulator.agency },
    operator: { ...keyOf(await issueKey({ role: 'operator', operatorId })), operatorId },
  };
  writeFileSync(file, JSON.stringify(seeded, null, 2));
  return seeded;
};
