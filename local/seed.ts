/** Demo merchants for the local cloud, so a complaint can be filed right after `npm start`. */
import type { Merchant } from '../functions/domain/merchant';

export const demoMerchants: Merchant[] = [
  {
    merchantId: 'demo-bazaar',
    legalName: 'Demo Bazaar Limited',
    tradeName: 'Demo Bazaar',
    website: 'https://demo-bazaar.example',
    grievanceOfficer: { name: 'Nusrat Jahan', designation: 'Grievance Officer', phone: '+8801711000001', email: 'grievance@demo-bazaar.example' },
    categories: ['electronics', 'fashion', 'groceries'],
    active: true,
  },
  {
    merchantId: 'padma-electronics',
    legalName: 'Padma Electronics Private Limited',
    tradeName: 'Padma Electronics',
    website: 'https://padma-electronics.example',
    grievanceOfficer: { name: 'Tanvir Ahmed', designation: 'Head of Customer Care', phone: '+8801811000002', email: 'care@padma-electronics.example' },
    categories: ['electronics'],
    active: true,
  },
  {
    merchantId: 'meghna-fashion',
    legalName: 'Meghna Fashion House',
    tradeName: 'Meghna Fashion',
    website: 'https://meghna-fashion.example',
    grievanceOfficer: { name: 'Farzana Rahman', designation: 'Customer Relations Manager', phone: '+8801911000003', email: 'help@meghna-fashion.example' },
    categories: ['fashion'],
    active: true,
  },
];
