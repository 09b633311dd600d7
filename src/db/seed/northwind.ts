import type { OrgScenario } from './scenario'

// A second tenant, so that isolation can be seen: nothing here may ever show up for Fabrikam.
// Billed to Germany, for a second tax rate on the invoices.
export const NORTHWIND: OrgScenario = {
  name: 'Northwind',
  domain: 'northwind.example',
  createdDaysAgo: 300,
  people: [
    { displayName: 'Grace Whitfield', email: 'admin@northwind.example', language: 'en', role: 'admin' },
    { displayName: 'Jonas Weber', email: 'jonas.weber@northwind.example', language: 'en' },
  ],
  generated: { count: 9, seed: 1_979_031, frenchShare: 0.2, disabled: 1 },
  purchasers: [
    {
      email: 'jonas.weber@northwind.example',
      billing: {
        accountName: 'Northwind Traders GmbH',
        address: { line1: 'Große Bleichen 21', city: 'Hamburg', postalCode: '20354', country: 'DE' },
        taxId: 'DE123456789',
        card: {
          brand: 'visa',
          last4: '4242',
          expMonth: 11,
          yearsAhead: 2,
          gatewayToken: 'tok_demo_northwind_jonas_weber_visa',
        },
      },
      subscriptions: [
        // Down to 6 at the next renewal: a removal after the credit window waits (§3).
        {
          kind: 'paid',
          product: 'PBI-PRO',
          frequency: 'monthly',
          quantity: 8,
          assigned: 6,
          startDaysAgo: 125,
          pendingQuantity: { to: 6, daysAgo: 5 },
        },
        { kind: 'paid', product: 'VISIO-P2', frequency: 'annual', quantity: 3, assigned: 3, startDaysAgo: 60 },
      ],
    },
  ],
  policies: [],
}
