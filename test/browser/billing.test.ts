import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { axeViolations, BROWSER_TESTS, JS_MODES, useBrowser, useBrowserSession } from './support'

// Billing accounts, billing profiles and payment methods (issue 12): the seed's walk-throughs ("Gérer
// vos détails de paiement", "Mise à jour d'un mode de paiement existant", "Ajouter un nouveau mode de
// paiement"), with JavaScript on (panes are dialogs) and off (panes are pages), in English and French.

const WORDS = {
  en: {
    accounts: 'Billing accounts',
    profiles: 'Billing profiles',
    replace: 'Replace',
    newCard: 'A new card',
    number: 'Card number',
    month: 'Expiry month (MM)',
    year: 'Expiry year (YYYY)',
    cvc: 'Security code',
    name: 'Name on card',
    line1: 'Address line 1',
    city: 'Town or city',
    postalCode: 'Postal code',
    country: 'Country',
    save: 'Save',
    bills: 'Bills & payments',
    methods: 'Payment methods',
    edit: 'Edit',
    add: 'Add a payment method',
    creditCard: 'Credit or debit card',
    delete: 'Delete',
    replaced: 'Visa ending in 4242 now pays for this billing profile and its subscriptions.',
    saved: 'The changes to Visa ending in 4242 were saved.',
    added: 'Mastercard ending in 4444 was added.',
    deleted: 'Mastercard ending in 4444 was deleted.',
    notUsed: 'Not used',
    deleteBody: 'Delete Mastercard ending in 4444? This cannot be undone.',
  },
  fr: {
    accounts: 'Comptes de facturation',
    profiles: 'Profils de facturation',
    replace: 'Remplacer',
    newCard: 'Une nouvelle carte',
    number: 'Numéro de carte',
    month: 'Mois d’expiration (MM)',
    year: 'Année d’expiration (AAAA)',
    cvc: 'Code de sécurité',
    name: 'Nom sur la carte',
    line1: 'Adresse, ligne 1',
    city: 'Ville',
    postalCode: 'Code postal',
    country: 'Pays',
    save: 'Enregistrer',
    bills: 'Factures et paiements',
    methods: 'Modes de paiement',
    edit: 'Modifier',
    add: 'Ajouter un mode de paiement',
    creditCard: 'Carte de crédit ou de débit',
    delete: 'Supprimer',
    replaced: 'Visa se terminant par 4242 paie désormais ce profil de facturation et ses abonnements.',
    saved: 'Les modifications de Visa se terminant par 4242 ont été enregistrées.',
    added: 'Mastercard se terminant par 4444 a été ajoutée.',
    deleted: 'Mastercard se terminant par 4444 a été supprimée.',
    notUsed: 'Non utilisée',
    deleteBody: 'Supprimer Mastercard se terminant par 4444\u00a0? Cette action est définitive.',
  },
} as const

const status = (page: Page) => page.locator('#status').textContent()
const dialogOpen = (page: Page) => page.locator('#pane-dialog[open]').count()
const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '')
/** Where the pane's content is: the dialog with JavaScript, the page (its own) without. */
const paneOf = (page: Page, js: boolean) => (js ? page.locator('#pane-dialog') : page.locator('main'))

async function fillCard(
  page: Page,
  w: (typeof WORDS)['en' | 'fr'],
  card: { number: string; month: string; year: string; cvc: string; name: string },
) {
  await page.getByLabel(w.number).fill(card.number)
  await page.getByLabel(w.month).fill(card.month)
  await page.getByLabel(w.year).fill(card.year)
  await page.getByLabel(w.cvc).fill(card.cvc)
  await page.getByLabel(w.name).fill(card.name)
}

describe.skipIf(!BROWSER_TESTS)('billing in Chromium', () => {
  const browser = useBrowser()

  for (const lang of ['en', 'fr'] as const) {
    const w = WORDS[lang]
    describe.each(JS_MODES)(`in ${lang}, with JavaScript %s`, (_label, js) => {
      const session = useBrowserSession(browser, { javaScriptEnabled: js, signInAs: 'lea.martin@fabrikam.example' })

      it('replaces the profile’s card with a new card 4242, from Billing accounts', async () => {
        const { page } = session
        if (lang === 'fr') await page.getByRole('button', { name: /Français/ }).click()
        await page.getByRole('navigation').getByRole('link', { name: w.accounts }).last().click()
        await page.locator('tbody a').first().click()
        await page.getByRole('link', { name: w.profiles, exact: true }).click()
        await page.locator('tbody a').first().click()
        await expect.poll(() => page.locator('#profile-invoices').textContent()).toContain('4242')
        await page.locator('#replace-card').click()
        if (js) await expect.poll(() => activeId(page)).toBe('pane-title')
        const pane = paneOf(page, js)
        await fillCard(page, w, { number: '4242 4242 4242 4242', month: '11', year: '2032', cvc: '321', name: 'Léa M' })
        await pane.getByRole('button', { name: w.save }).click()
        await expect.poll(() => status(page)).toContain(w.replaced)
        await expect.poll(() => page.locator('#profile-invoices').textContent()).toContain('11/2032')
        if (js) {
          await expect.poll(() => dialogOpen(page)).toBe(0)
          await expect.poll(() => activeId(page)).toBe('replace-card')
        }
        // The subscriptions billed to the profile moved with it.
        const rows = await page.locator('#profile-subscriptions tbody tr').allTextContents()
        expect(rows.length).toBeGreaterThan(0)
        const cards = await page.locator('#profile-subscriptions tbody tr td:last-child').allTextContents()
        expect(new Set(cards).size).toBe(1)
      })

      it('edits a card’s expiry with its security code, from Bills & payments → Payment methods', async () => {
        const { page } = session
        await page.getByRole('navigation').getByRole('link', { name: w.bills }).last().click()
        await page.getByRole('link', { name: w.methods, exact: true }).click()
        // The card just put on the profile (11/2032): open it, then Edit.
        const row = page.locator('tbody tr', { hasText: '11/2032' })
        await row.locator('a').first().click()
        if (js) await expect.poll(() => dialogOpen(page)).toBe(1)
        await paneOf(page, js).getByRole('link', { name: w.edit, exact: true }).click()
        await expect.poll(() => page.getByLabel(w.month).inputValue()).toBe('11')
        await page.getByLabel(w.month).fill('10')
        await page.getByLabel(w.year).fill('2033')
        await paneOf(page, js).getByRole('button', { name: w.save }).click()
        // No security code: refused, nothing saved.
        await expect
          .poll(() => page.locator('.error-summary').textContent())
          .toContain(lang === 'en' ? 'security' : 'sécurité')
        await page.getByLabel(w.cvc).fill('123')
        await paneOf(page, js).getByRole('button', { name: w.save }).click()
        await expect.poll(() => status(page)).toContain(w.saved)
        await expect.poll(() => page.locator('#payment-methods-list').textContent()).toContain('10/2033')
        if (js) await expect.poll(() => dialogOpen(page)).toBe(0)
      })

      it('adds a payment method from the menu, then deletes it after the confirmation', async () => {
        const { page } = session
        await page.getByRole('navigation').getByRole('link', { name: w.bills }).last().click()
        await page.getByRole('link', { name: w.methods, exact: true }).click()
        await page.locator('summary', { hasText: w.add }).click()
        await page.getByRole('link', { name: w.creditCard }).click()
        if (js) await expect.poll(() => activeId(page)).toBe('pane-title')
        await fillCard(page, w, { number: '5555 5555 5555 4444', month: '08', year: '2031', cvc: '456', name: 'Léa' })
        await page.getByLabel(w.line1).fill('24 rue des Petites-Écuries')
        await page.getByLabel(w.city).fill('Paris')
        await page.getByLabel(w.postalCode).fill('75010')
        await page.getByLabel(w.country).selectOption('FR')
        await paneOf(page, js).getByRole('button', { name: w.save }).click()
        await expect.poll(() => status(page)).toContain(w.added)
        const row = page.locator('tbody tr', { hasText: '4444' })
        await expect.poll(() => row.textContent()).toContain(w.notUsed)

        await row.locator('a').first().click()
        await paneOf(page, js).getByRole('link', { name: w.delete, exact: true }).click()
        // The confirmation: a small alert dialog with JavaScript, a page without.
        await expect.poll(() => paneOf(page, js).locator('#delete-card-body').textContent()).toBe(w.deleteBody)
        if (js) expect(await page.locator('#pane-dialog').getAttribute('role')).toBe('alertdialog')
        await paneOf(page, js).getByRole('button', { name: w.delete }).click()
        await expect.poll(() => status(page)).toContain(w.deleted)
        await expect.poll(() => page.locator('tbody tr', { hasText: '4444' }).count()).toBe(0)
      })
    })
  }

  describe('accessibility', () => {
    const session = useBrowserSession(browser, { signInAs: 'lea.martin@fabrikam.example' })

    for (const lang of ['en', 'fr'] as const) {
      // Thirteen pages and panes scanned by axe: over 25 s on two busy cores, so it gets more than the default 30.
      it(`finds no axe violations on the billing pages, panes and dialogs in ${lang}`, async () => {
        const { page } = session
        const base = session.server.url
        const scan = async (what: string) => expect(await axeViolations(page), `${lang}: ${what}`).toEqual([])
        const open = async (selector: string, what: string) => {
          await page.locator(selector).first().click()
          await expect.poll(() => dialogOpen(page)).toBe(1)
          await scan(what)
          await page.keyboard.press('Escape')
          await expect.poll(() => dialogOpen(page)).toBe(0)
        }
        await page.goto(`${base}/billing/accounts`)
        if (lang === 'fr') await page.getByRole('button', { name: /Français/ }).click()
        await scan('accounts')
        await page.locator('tbody a').first().click()
        const account = page.url()
        await scan('account overview')
        await open('#edit-account', 'edit account pane')
        await page.goto(`${account}?tab=profiles`)
        await scan('account profiles')
        await open('#add-profile', 'add profile pane')
        await page.locator('tbody a').first().click()
        const profile = page.url()
        await scan('profile')
        for (const id of ['#edit-name', '#edit-address', '#edit-po', '#edit-email', '#edit-card', '#replace-card'])
          await open(id, `pane ${id}`)
        // A pane with its errors, as a dialog and as a page.
        await page.locator('#replace-card').click()
        await page.locator('#pane button[type=submit]').click()
        await expect.poll(() => page.locator('#pane .error-summary').count()).toBe(1)
        await scan('replace pane with errors')
        await page.keyboard.press('Escape')
        for (const path of ['/payment-method', '/payment-method/edit', '/edit/email']) {
          await page.goto(`${profile}${path}`)
          await scan(`page ${path}`)
        }
        await page.goto(`${base}/billing/payment-methods`)
        await scan('payment methods')
        await page.locator('summary', { hasText: lang === 'en' ? 'Add a payment method' : 'Ajouter' }).click()
        await scan('add menu open')
        await open('#add-payment-method a', 'add card pane')
        await open('tbody a', 'card pane')
        await page.locator('tbody a').first().click()
        await page.locator('#pane a[href$="/delete"]').click()
        await expect.poll(() => page.locator('#pane-dialog').getAttribute('role')).toBe('alertdialog')
        await scan('delete dialog (card in use)')
        await page.keyboard.press('Escape')
        const card = await page.locator('tbody a').first().getAttribute('href')
        for (const path of ['', '/edit', '/delete']) {
          await page.goto(`${base}${card}${path}`)
          await scan(`card page ${path}`)
        }
        await page.goto(`${base}/billing/payment-methods/new`)
        await scan('add card page')
        await page.goto(`${base}/billing/invoices`)
        await scan('invoices tab')
        if (lang === 'fr') await page.getByRole('button', { name: /English/ }).click()
      }, 90_000)
    }
  })
})
