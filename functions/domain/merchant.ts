/** A merchant as onboarded by an operator. The grievance officer's contact is shown to consumers. */
export interface Merchant {
  merchantId: string;
  legalName: string;
  tradeName: string;
  website: string;
  grievanceOfficer: { name: string; designation: string; phone: string; email: string };
  categories: string[];
  webhookUrl?: string;
  active: boolean;
}
