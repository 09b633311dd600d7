import { describe, expect, it } from 'vitest'
import { axeViolations, BROWSER_TESTS, JS_MODES, useBrowser, useBrowserSession } from './support'

// Admin → Audit log (issue 14), as the seed's admin uses it: open the log from a bookmark with filters,
// expand an event's changes, change the action, and get the error summary for a date that is not one.
// JavaScript on and off, English and French, axe clean with JavaScript on.

const WORDS = {
  en: { title: 'Audit log', purchased: 'Subscription purchased', added: 'Licenses bought', apply: 'Apply filters' },
  fr: {
    title: 'Journal d’audit',
    purchased: 'Abonnement acheté',
    added: 'Licences achetées',
    apply: 'Appliquer les filtres',
  },
} as const

describe.skipIf(!BROWSER_TESTS)('the admin’s audit log in Chromium', () => {
  const browser = useBrowser()

  for (const lang of ['en', 'fr'] as const) {
    const w = WORDS[lang]
    describe.each(JS_MODES)(`in ${lang}, with JavaScript %s`, (_label, js) => {
      // The seed's admin reads French; the English run switches the language first.
      const session = useBrowserSession(browser, { javaScriptEnabled: js, signInAs: 'admin@fabrikam.example' })
      const scan = async (what: string) => {
        // axe runs in the page: only with JavaScript on.
        if (js) expect(await axeViolations(session.page), `${lang}: ${what}`).toEqual([])
      }
      const actions = () => session.page.locator('#audit-results tbody tr td:nth-child(3)').allTextContents()

      it('opens a bookmark with filters, expands an event, filters by another action', async () => {
        const { page } = session
        const base = session.server.url
        if (lang === 'en') await page.getByRole('button', { name: /English/ }).click()
        await page.goto(`${base}/admin/audit?action=subscription.purchased&from=2025-01-01&to=2026-11-25`)
        await expect.poll(() => page.locator('h1').textContent()).toBe(w.title)
        expect(await page.locator('#audit-action').inputValue()).toBe('subscription.purchased')
        expect(await page.locator('#from').inputValue()).toBe('2025-01-01')
        expect(await page.locator('#to').inputValue()).toBe('2026-11-25')
        const shown = await actions()
        expect(shown.length).toBeGreaterThan(0)
        for (const action of shown) expect(action.trim()).toBe(w.purchased)
        await scan('the log from a bookmark')

        // An event's changed fields: a disclosure, no script needed.
        const changes = page.locator('details.audit-changes').first()
        await changes.locator('summary').click()
        await expect.poll(() => changes.locator('li').first().isVisible()).toBe(true)
        expect(await changes.locator('li').first().textContent()).toMatch(/→|:/)
        await scan('an event expanded')

        // Another action: with JavaScript the results change at once, without it the button applies it.
        await page.locator('#audit-action').selectOption('subscription.licenses_added')
        if (!js) await page.getByRole('button', { name: w.apply }).click()
        await expect.poll(() => page.url()).toContain('action=subscription.licenses_added')
        await expect.poll(async () => [...new Set((await actions()).map((a) => a.trim()))]).toEqual([w.added])
        expect(page.url()).toContain('from=2025-01-01')
        await scan('another action')
      })

      it('shows the error summary for a date that is not one, linked to its field', async () => {
        const { page } = session
        const base = session.server.url
        const res = await page.goto(`${base}/admin/audit?from=2026-02-30`)
        expect(res?.status()).toBe(422)
        const summary = page.locator('.error-summary')
        await expect.poll(() => summary.isVisible()).toBe(true)
        expect(await summary.locator('a').first().getAttribute('href')).toBe('#from')
        await scan('the date refused')
      })
    })
  }
})
