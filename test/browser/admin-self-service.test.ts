import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { axeViolations, BROWSER_TESTS, JS_MODES, signIn, useBrowser, useBrowserSession, watchPage } from './support'

// Admin → Self-service purchases (issue 14), as the seed's admin walks it: open the view from a bookmark
// with filters, expand a purchase's users, export the CSV, block a product on the policy page; a member
// then no longer finds it in Purchase services. JavaScript on and off, English and French, axe clean.

const WORDS = {
  en: {
    title: 'Self-service purchases',
    active: 'Active',
    policy: 'Self-service purchase policy',
    block: 'Do not allow',
    save: 'Save policy',
    saved: 'Policy saved.',
    csv: 'Export purchases (CSV)',
  },
  fr: {
    title: 'Achats en libre-service',
    active: 'Actif',
    policy: 'Stratégie d’achat en libre-service',
    block: 'Ne pas autoriser',
    save: 'Enregistrer la stratégie',
    saved: 'Stratégie enregistrée.',
    csv: 'Exporter les achats (CSV)',
  },
} as const

describe.skipIf(!BROWSER_TESTS)('the admin’s self-service view in Chromium', () => {
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

      it('opens a bookmark, expands a purchase’s users, exports, blocks a product for members', async () => {
        const { page } = session
        const base = session.server.url
        if (lang === 'en') await page.getByRole('button', { name: /English/ }).click()
        await page.goto(`${base}/admin/self-service?status=active&sort=price_desc`)
        await expect.poll(() => page.locator('h1').textContent()).toBe(w.title)
        expect(await page.locator('#filter-status').inputValue()).toBe('active')
        expect(await page.locator('#filter-sort').inputValue()).toBe('price_desc')
        const rows = page.locator('#self-service-results tbody tr')
        expect(await rows.count()).toBeGreaterThan(0)
        for (const status of await page.locator('#self-service-results tbody .badge').allTextContents())
          expect(status).toBe(w.active)
        await scan('the list from a bookmark')

        // The holders of the first purchase that has any: a disclosure, no script needed.
        const users = page.locator('details.assigned-users').first()
        await users.locator('summary').click()
        await expect.poll(() => users.locator('li').first().isVisible()).toBe(true)
        await scan('a purchase’s users expanded')

        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('link', { name: w.csv }).click(),
        ])
        expect(download.suggestedFilename()).toMatch(/^self-service-purchases-.*\.csv$/)
        const csv = await readFile((await download.path())!, 'utf8')
        expect(csv.split('\r\n').length).toBe((await rows.count()) + 2)

        await page.getByRole('link', { name: w.policy }).click()
        await expect.poll(() => page.locator('h1').textContent()).toBe(w.policy)
        await scan('the policy page')
        // The first product members may buy today.
        const group = page.locator('fieldset.radios').filter({ has: page.locator('input[value="allowed"]:checked') })
        const product = (await group.first().locator('legend').textContent())!.trim()
        // Lea found it in Purchase services before; after the save, it is gone.
        const member = await browser().newContext({ javaScriptEnabled: js, locale: 'en-GB' })
        try {
          const theirs = await member.newPage()
          watchPage(theirs, session.problems)
          await signIn(theirs, base, 'lea.martin@fabrikam.example')
          // She reads the product's name in the admin's language.
          if (lang === 'fr') await theirs.getByRole('button', { name: /Français/ }).click()
          await theirs.goto(`${base}/billing/purchase`)
          expect(await theirs.locator('main').textContent()).toContain(product)
          await group.first().getByLabel(w.block).check()
          await page.getByRole('button', { name: w.save }).click()
          await expect.poll(() => page.locator('#status').textContent()).toContain(w.saved)
          await scan('the policy saved')
          await theirs.reload()
          expect(await theirs.locator('main').textContent()).not.toContain(product)
          expect(await theirs.locator('main a').count()).toBeGreaterThan(0)
        } finally {
          await member.close()
        }
      })
    })
  }
})
