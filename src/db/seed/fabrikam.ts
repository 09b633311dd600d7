import type { OrgScenario } from './scenario'

// The main demo organization. Léa is the member to sign in as: her subscriptions go through
// every status of "Your products" (trial, active, expired, disabled) and the Purchase, Renew,
// Add quantity and Cancel invoices. Hugo adds Convert and Remove quantity; with Emily (an
// ended card-less trial) he gives the admin view several purchasers.
export const FABRIKAM: OrgScenario = {
  name: 'Fabrikam',
  domain: 'fabrikam.example',
  createdDaysAgo: 400,
  people: [
    { displayName: 'Nadia Benali', email: 'admin@fabrikam.example', language: 'fr', role: 'admin' },
    { displayName: 'Léa Martin', email: 'lea.martin@fabrikam.example', language: 'en' },
    { displayName: 'Hugo Girard', email: 'hugo.girard@fabrikam.example', language: 'fr' },
    { displayName: 'Emily Carter', email: 'emily.carter@fabrikam.example', language: 'en' },
    { displayName: 'Jordan Ellis', email: 'guest.user@partner.example', language: 'en', kind: 'guest' },
  ],
  generated: { count: 200, seed: 20_240_611, frenchShare: 0.6, disabled: 4 },
  purchasers: [
    {
      email: 'lea.martin@fabrikam.example',
      billing: {
        accountName: 'Léa Martin',
        address: { line1: '24 rue des Petites-Écuries', city: 'Paris', postalCode: '75010', country: 'FR' },
        card: {
          brand: 'visa',
          last4: '4242',
          expMonth: 9,
          yearsAhead: 3,
          gatewayToken: 'tok_demo_fabrikam_lea_martin_visa',
        },
      },
      subscriptions: [
        // Nearly a year of monthly renewals, for the invoice range filters.
        { kind: 'paid', product: 'PROJ-P3', frequency: 'monthly', quantity: 10, assigned: 7, startDaysAgo: 330 },
        {
          kind: 'paid',
          product: 'PBI-PRO',
          frequency: 'annual',
          quantity: 100,
          assigned: 40,
          startDaysAgo: 150,
          quantityChange: { from: 80, daysAfterStart: 90 },
        },
        // Cancelled after the credit window: it ran to its term end and has expired since.
        {
          kind: 'paid',
          product: 'VISIO-P2',
          frequency: 'monthly',
          quantity: 5,
          assigned: 3,
          startDaysAgo: 70,
          cancel: {
            reason: 'not_used_enough',
            feedback: 'We went back to the diagram templates of our slide tool.',
            daysAfterStart: 45,
          },
        },
        // Cancelled within the credit window: refunded and disabled at once.
        {
          kind: 'paid',
          product: 'DEV-TOOLS',
          frequency: 'monthly',
          quantity: 3,
          assigned: 1,
          startDaysAgo: 45,
          cancel: { reason: 'too_expensive', daysAfterStart: 3 },
        },
        { kind: 'trial', product: 'TEAMS-ESS', startDaysAgo: 18, assigned: 5 },
        // Ends within a week, so Léa has a "trial ending" notification.
        { kind: 'trial', product: 'FORMS-PRO', startDaysAgo: 25, assigned: 3 },
      ],
    },
    {
      email: 'hugo.girard@fabrikam.example',
      billing: {
        accountName: 'Hugo Girard',
        address: { line1: '8 quai Saint-Vincent', city: 'Lyon', postalCode: '69001', country: 'FR' },
        card: {
          brand: 'mastercard',
          last4: '4444',
          expMonth: 3,
          yearsAhead: 2,
          gatewayToken: 'tok_demo_fabrikam_hugo_girard_mastercard',
        },
      },
      subscriptions: [
        // A trial with a card that converted, then went down to 15 within the credit window.
        {
          kind: 'paid',
          product: 'TEAMS-ESS',
          frequency: 'monthly',
          quantity: 15,
          assigned: 11,
          startDaysAgo: 130,
          fromTrial: true,
          quantityChange: { from: 25, daysAfterStart: 4 },
        },
        { kind: 'paid', product: 'PROJ-P3', frequency: 'annual', quantity: 2, assigned: 2, startDaysAgo: 240 },
      ],
    },
    {
      // Tried the whiteboard before the admin blocked it: a policy applies to later purchases only (§2).
      email: 'emily.carter@fabrikam.example',
      subscriptions: [{ kind: 'trial', product: 'WHITEBOARD', startDaysAgo: 50, assigned: 4 }],
    },
    {
      // Nadia bought Project Planning centrally for the IT team (not self-service, so not in her admin view):
      // the subscription Take over can move Léa's or Hugo's users to.
      email: 'admin@fabrikam.example',
      billing: {
        accountName: 'Fabrikam IT',
        address: { line1: '12 avenue de l’Europe', city: 'Paris', postalCode: '75008', country: 'FR' },
        card: {
          brand: 'visa',
          last4: '4242',
          expMonth: 6,
          yearsAhead: 4,
          gatewayToken: 'tok_demo_fabrikam_it_visa',
        },
      },
      subscriptions: [
        {
          kind: 'paid',
          product: 'PROJ-P3',
          frequency: 'annual',
          quantity: 25,
          assigned: 6,
          startDaysAgo: 200,
          source: 'admin',
        },
      ],
    },
  ],
  policies: [
    { product: 'FORMS-PRO', setting: 'trials_only', daysAgo: 60 },
    { product: 'WHITEBOARD', setting: 'blocked', daysAgo: 15 },
  ],
}
