import { describe, expect, it } from 'vitest'
import { axeViolations, BROWSER_TESTS, JS_MODES, useBrowser, useBrowserSession } from './support'

// Admin → Take over (issue 14), as the seed's admin does it: find Léa's Project Planning purchase,
// open it, take it over by moving its users to the subscription the organization bought centrally,
// and see it Deleted. JavaScript on (a pane) and off (a page), English and French, axe clean with JS on.

const WORDS = {
  en: {
    product: 'Project Planning Plan 3',
    takeOver: 'Take over',
    title: 'Take over subscription',
    central: /^Bought centrally by Nadia Benali/,
    move: 'Move users and delete',
    required: 'Choose the subscription to move the users to.',
    deleted: 'Deleted',
    done: /^Project Planning Plan 3 bought by Léa Martin is taken over: \d+ users moved/,
  },
  fr: {
    product: 'Planification de projets Plan 3',
    takeOver: 'Reprendre',
    title: 'Reprendre l’abonnement',
    central: /^Acheté de façon centralisée par Nadia Benali/,
    move: 'Déplacer les utilisateurs et supprimer',
    required: 'Choisissez l’abonnement vers lequel déplacer les utilisateurs.',
    deleted: 'Supprimé',
    done: /^Planification de projets Plan 3 acheté par Léa Martin est repris\u00a0: \d+ utilisateurs déplacés/,
  },
} as const

describe.skipIf(!BROWSER_TESTS)('taking a purchase over in Chromium', () => {
  const browser = useBrowser()

  for (const lang of ['en', 'fr'] as const) {
    const w = WORDS[lang]
    describe.each(JS_MODES)(`in ${lang}, with JavaScript %s`, (_label, js) => {
      // The seed's admin reads French; the English run switches the language first.
      const session = useBrowserSession(browser, { javaScriptEnabled: js, signInAs: 'admin@fabrikam.example' })
      const scan = async (what: string) => {
        if (js) expect(await axeViolations(session.page), `${lang}: ${what}`).toEqual([])
      }

      it('opens Léa’s purchase, moves its users to the organization’s subscription, and sees it Deleted', async () => {
        const { page } = session
        const base = session.server.url
        if (lang === 'en') await page.getByRole('button', { name: /English/ }).click()
        await page.goto(`${base}/admin/self-service?q=L%C3%A9a`)
        await page.locator('#self-service-results tbody tr').getByRole('link', { name: w.product }).click()
        await expect.poll(() => page.locator('h1').textContent()).toContain(w.product)
        const purchaseUrl = page.url()

        await page.getByRole('link', { name: w.takeOver, exact: true }).click()
        const pane = js ? page.locator('#pane-dialog') : page.locator('main')
        await expect.poll(() => pane.locator('#pane-title').textContent()).toBe(w.title)
        if (js) expect(await page.evaluate(() => document.activeElement?.id)).toBe('pane-title')
        await scan('the take-over pane')

        // Without a choice: the error summary, linked to the choices.
        await pane.getByRole('button', { name: w.move }).click()
        await expect.poll(() => pane.locator('.error-summary').textContent()).toContain(w.required)
        await scan('the take-over pane with an error')

        await pane.getByLabel(w.central).check()
        await pane.getByRole('button', { name: w.move }).click()
        await expect.poll(async () => (await page.locator('#status').textContent())?.trim()).toMatch(w.done)
        expect(page.url()).toBe(purchaseUrl)
        if (js) expect(await page.locator('#pane-dialog').evaluate((d) => (d as HTMLDialogElement).open)).toBe(false)
        expect(await page.locator('main .badge').first().textContent()).toBe(w.deleted)
        expect(await page.getByRole('link', { name: w.takeOver, exact: true }).count()).toBe(0)
        await scan('the purchase taken over')

        // The list says Deleted too.
        await page.goto(`${base}/admin/self-service?q=L%C3%A9a&status=deleted`)
        const row = page.locator('#self-service-results tbody tr').filter({ hasText: w.product })
        expect(await row.locator('.badge').textContent()).toBe(w.deleted)
      })
    })
  }
})
