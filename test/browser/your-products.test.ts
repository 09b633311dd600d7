import { describe, expect, it } from 'vitest'
import { axeViolations, BROWSER_TESTS, useBrowser, JS_MODES, signIn, useBrowserSession } from './support'

// Key journeys of the walking skeleton, once with JavaScript on (htmx) and once off.
describe.skipIf(!BROWSER_TESTS)('Your products in Chromium', () => {
  const browser = useBrowser()

  describe.each(JS_MODES)('with JavaScript %s', (_label, javaScriptEnabled) => {
    // Each mode gets its own server and database, so one run's language switch or failure
    // cannot leak into the other's. Each test starts from its own page, in any order.
    const session = useBrowserSession(browser, { javaScriptEnabled, signInAs: 'lea.martin@fabrikam.example' })

    it('signs in and sees Your products', async () => {
      await session.context.clearCookies()
      await signIn(session.page, session.server.url, 'lea.martin@fabrikam.example')
      await expect.poll(() => session.page.getByRole('heading', { level: 1 }).textContent()).toBe('Your products')
      const rows = session.page.locator('table tbody tr')
      expect(await rows.count()).toBeGreaterThan(1)
      expect(await session.page.getByRole('link', { name: 'Project Planning Plan 3' }).count()).toBe(1)
    })

    it('filters by status, with the filter in the URL', async () => {
      await session.page.goto(`${session.server.url}/billing/products`)
      await session.page.getByLabel('Status').focus()
      await session.page.getByLabel('Status').selectOption('expired')
      // With htmx the change alone applies the filter; without JS the button submits the GET form.
      if (!javaScriptEnabled) await session.page.getByRole('button', { name: 'Apply filter' }).click()
      await session.page.waitForURL(/status=expired/)
      await expect.poll(() => session.page.locator('#products-results .count').textContent()).toBe('1 subscription')
      expect(await session.page.locator('table tbody tr').count()).toBe(1)
      if (javaScriptEnabled) {
        // Focus stays on the control being used; the result is announced in the live region.
        expect(await session.page.evaluate(() => document.activeElement?.id)).toBe('filter-status')
        await expect.poll(() => session.page.locator('#status').textContent()).toBe('1 subscription')
      }
    })

    it('shows trials on their own tab', async () => {
      await session.page.goto(`${session.server.url}/billing/products`)
      await session.page.getByRole('link', { name: 'Self-service trials' }).click()
      await session.page.waitForURL(/tab=trials/)
      expect(await session.page.locator('table tbody tr').count()).toBeGreaterThan(0)
      expect(await session.page.locator('table').textContent()).toContain('Trial ends')
    })

    it('opens a subscription', async () => {
      await session.page.goto(`${session.server.url}/billing/products`)
      await session.page.getByRole('link', { name: 'Project Planning Plan 3' }).click()
      await session.page.waitForURL(/\/billing\/products\/[0-9a-f-]{36}$/)
      await expect
        .poll(() => session.page.getByRole('heading', { level: 1 }).textContent())
        .toBe('Project Planning Plan 3')
      expect(await session.page.getByRole('table').textContent()).toContain('Léa Martin')
    })

    it('switches to French and back', async () => {
      await session.page.goto(`${session.server.url}/billing/products`)
      await session.page.getByRole('link', { name: 'Project Planning Plan 3' }).click()
      await session.page.getByRole('button', { name: /Français/ }).click()
      await expect
        .poll(() => session.page.getByRole('heading', { level: 1 }).textContent())
        .toBe('Planification de projets Plan 3')
      expect(await session.page.locator('html').getAttribute('lang')).toBe('fr')
      await session.page.goto(`${session.server.url}/billing/products`)
      await expect.poll(() => session.page.getByRole('heading', { level: 1 }).textContent()).toBe('Vos produits')
      await session.page.getByRole('button', { name: /English/ }).click()
      await expect.poll(() => session.page.getByRole('heading', { level: 1 }).textContent()).toBe('Your products')
    })

    it('reaches the main content with the skip link from the keyboard', async () => {
      await session.page.goto(`${session.server.url}/billing/products`)
      await session.page.keyboard.press('Tab')
      expect(await session.page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to main content')
      await session.page.keyboard.press('Enter')
      expect(await session.page.evaluate(() => document.activeElement?.id)).toBe('main')
    })
  })

  describe('accessibility', () => {
    const session = useBrowserSession(browser)

    for (const lang of ['en', 'fr'] as const) {
      it(`finds no axe violations on sign-in, products and details pages in ${lang}`, async () => {
        await session.context.clearCookies()
        await session.page.goto(`${session.server.url}/login`)
        if (lang === 'fr') await session.page.getByRole('button', { name: /Français/ }).click()
        expect(await axeViolations(session.page)).toEqual([])
        // The sign-in page with its error summary.
        await session.page.locator('form[action="/login"] button[type=submit]').click()
        await session.page.waitForLoadState()
        expect(await axeViolations(session.page)).toEqual([])
        await session.page.locator('#email').fill('lea.martin@fabrikam.example')
        await session.page.locator('#password').fill('selfserve-demo')
        await session.page.locator('form[action="/login"] button[type=submit]').click()
        await session.page.waitForURL(/\/billing\/products$/)
        if (lang === 'fr') {
          await session.page.getByRole('button', { name: /Français/ }).click()
          await session.page.waitForURL(/\/billing\/products$/)
        }
        for (const url of ['/billing/products', '/billing/products?tab=trials', '/billing/products?status=disabled']) {
          await session.page.goto(session.server.url + url)
          expect(await axeViolations(session.page), url).toEqual([])
        }
        await session.page.locator('table tbody a').first().click()
        await session.page.waitForURL(/\/billing\/products\/[0-9a-f-]{36}$/)
        expect(await axeViolations(session.page)).toEqual([])
        // Leave the demo user in English for the next run.
        if (lang === 'fr') await session.page.getByRole('button', { name: /English/ }).click()
      })
    }
  })
})
