import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeViolations, BROWSER_TESTS, launchBrowser, signIn, startServer } from './support'

// Cancel and recurring billing (issue 6), once with JavaScript on and once off.
describe.skipIf(!BROWSER_TESTS)('cancelling in Chromium', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(() => browser?.close())

  describe.each([
    ['on', true],
    ['off', false],
  ])('with JavaScript %s', (_label, javaScriptEnabled) => {
    let server: Awaited<ReturnType<typeof startServer>>
    let context: BrowserContext
    let page: Page
    beforeAll(async () => {
      server = await startServer()
      context = await browser.newContext({ javaScriptEnabled, locale: 'en-GB' })
      page = await context.newPage()
      page.setDefaultTimeout(10_000)
      await signIn(page, server.url, 'lea.martin@fabrikam.example')
    })
    afterAll(async () => {
      await context.close()
      await server.close()
    })

    it('cancels from the More actions menu with a reason and feedback', async () => {
      const row = page.locator('tbody tr', { hasText: 'Project Planning Plan 3' })
      await row.locator('summary').click()
      await row.getByRole('link', { name: 'Cancel subscription' }).click()
      await expect.poll(() => page.locator('#pane-title').textContent()).toBe('Cancel subscription')
      expect(await page.locator('.change-summary').textContent()).toContain('keep access until')
      await page.getByRole('button', { name: 'Cancel subscription' }).click()
      await expect.poll(() => page.locator('.error-summary').textContent()).toContain('Choose a reason for cancelling')
      await page.getByLabel('Missing features I need').check()
      await page.getByLabel('Feedback (optional)').fill('We need Gantt charts.')
      await page.getByRole('button', { name: 'Cancel subscription' }).click()
      await expect.poll(() => page.locator('#status').textContent()).toContain('Subscription cancelled: recurring billing is off')
      await expect.poll(() => page.locator('.summary-list').textContent()).toContain('Recurring billingOff')
    })

    it('turns recurring billing off on another subscription', async () => {
      await page.goto(`${server.url}/billing/products`)
      await page.getByRole('link', { name: 'Business Insights Pro' }).click()
      await page.getByRole('button', { name: 'Turn off recurring billing' }).click()
      await expect.poll(() => page.locator('#status').textContent()).toContain('Recurring billing is off.')
      expect(await page.locator('#renewal').textContent()).toContain('Recurring billing is off: the subscription expires on')
    })
  })

  describe('accessibility', () => {
    let server: Awaited<ReturnType<typeof startServer>>
    let context: BrowserContext
    let page: Page
    beforeAll(async () => {
      server = await startServer()
      context = await browser.newContext({ locale: 'en-GB' })
      page = await context.newPage()
      page.setDefaultTimeout(10_000)
      await signIn(page, server.url, 'lea.martin@fabrikam.example')
    })
    afterAll(async () => {
      await context.close()
      await server.close()
    })

    for (const lang of ['en', 'fr'] as const) {
      it(`finds no axe violations on the cancel pane, the details page and notifications in ${lang}`, async () => {
        await page.goto(`${server.url}/billing/products`)
        if (lang === 'fr') await page.getByRole('button', { name: /Français/ }).click()
        await page.locator('tbody tr details summary').first().click()
        expect(await axeViolations(page), 'menu open').toEqual([])
        await page.locator('tbody tr details a').first().click()
        await page.locator('#pane button[type=submit]').click()
        await expect.poll(() => page.locator('.error-summary').count()).toBeGreaterThan(0)
        expect(await axeViolations(page), 'cancel pane with error').toEqual([])
        const id = new URL(page.url()).pathname.split('/')[3]
        await page.goto(`${server.url}/billing/products/${id}/cancel`)
        expect(await axeViolations(page), 'cancel page').toEqual([])
        await page.goto(`${server.url}/notifications`)
        expect(await axeViolations(page), 'notifications').toEqual([])
        if (lang === 'fr') await page.getByRole('button', { name: /English/ }).click()
      })
    }
  })
})
