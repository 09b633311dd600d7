import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { axeViolations, BROWSER_TESTS, JS_MODES, useBrowser, useBrowserSession } from './support'

// Bills & payments → Invoices (issue 13), as the seed's "Afficher vos factures" walks it: open Bills &
// payments, switch to the past 6 months, open an invoice, download its PDF; with JavaScript on (the range
// swaps the list in place) and off (the form is a plain GET), in English and French, axe clean.

const WORDS = {
  en: {
    bills: 'Bills & payments',
    past6: 'Past 6 months',
    apply: 'Show invoices',
    custom: 'Specify a date range',
    from: 'Start date',
    to: 'End date',
    afterEnd: 'The end date must be the same as or after the start date',
    invoice: /^(Invoice|Credit note) \d+$/,
    pdf: 'Download PDF',
  },
  fr: {
    bills: 'Factures et paiements',
    past6: '6 derniers mois',
    apply: 'Afficher les factures',
    custom: 'Spécifier une plage de dates',
    from: 'Date de début',
    to: 'Date de fin',
    afterEnd: 'La date de fin doit être identique ou postérieure à la date de début',
    invoice: /^(Facture|Avoir) \d+$/,
    pdf: 'Télécharger le PDF',
  },
} as const

describe.skipIf(!BROWSER_TESTS)('invoices in Chromium', () => {
  const browser = useBrowser()

  for (const lang of ['en', 'fr'] as const) {
    const w = WORDS[lang]
    describe.each(JS_MODES)(`in ${lang}, with JavaScript %s`, (_label, js) => {
      const session = useBrowserSession(browser, { javaScriptEnabled: js, signInAs: 'lea.martin@fabrikam.example' })
      const scan = async (what: string) => {
        // axe runs in the page: only with JavaScript on.
        if (js) expect(await axeViolations(session.page), `${lang}: ${what}`).toEqual([])
      }

      it('opens Bills & payments, switches to 6 months, opens an invoice and downloads its PDF', async () => {
        const { page } = session
        if (lang === 'fr') await page.getByRole('button', { name: /Français/ }).click()
        await page.getByRole('navigation').getByRole('link', { name: w.bills }).last().click()
        await expect.poll(() => page.locator('h1').textContent()).toBe(w.bills)
        await scan('invoices, past 3 months')
        const before = await page.locator('#invoices-results tbody tr').count()
        await page.getByLabel(w.past6).check()
        if (!js) await page.getByRole('button', { name: w.apply }).click()
        await expect.poll(() => new URL(page.url()).searchParams.get('range')).toBe('past6')
        await expect.poll(() => page.locator('#invoices-results .count').textContent()).toMatch(/6/)
        const rows = await page.locator('#invoices-results tbody tr').count()
        expect(rows).toBeGreaterThanOrEqual(before)
        expect(rows).toBeGreaterThan(0)
        if (js) {
          // The list changed in place: the live region said how many, and focus stayed on the radio.
          await expect.poll(() => page.locator('#status').textContent()).not.toBe('')
          expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe('past6')
        }
        await scan('invoices, past 6 months')
        await page.locator('#invoices-results tbody th a').first().click()
        await expect.poll(() => page.locator('h1').textContent()).toMatch(w.invoice)
        await scan('an invoice')
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('link', { name: w.pdf }).click(),
        ])
        expect(download.suggestedFilename()).toMatch(/\.pdf$/)
        const bytes = await readFile((await download.path())!)
        expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
      })

      it('refuses a range whose end is before its start, with the error summary', async () => {
        const { page } = session
        await page.getByRole('navigation').getByRole('link', { name: w.bills }).last().click()
        await page.getByLabel(w.custom).check()
        await page.getByLabel(w.from).fill('2026-05-02')
        await page.getByLabel(w.to).fill('2026-05-01')
        await page.getByRole('button', { name: w.apply }).click()
        await expect.poll(() => page.locator('.error-summary a').allTextContents()).toEqual([w.afterEnd])
        await expect.poll(() => page.evaluate(() => document.activeElement?.className ?? '')).toBe('error-summary')
        await scan('invoices with an error')
        if (lang === 'fr') await page.getByRole('button', { name: /English/ }).click()
      })
    })
  }
})
