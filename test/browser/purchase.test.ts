import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeViolations, BROWSER_TESTS, launchBrowser, signIn, startServer } from './support'

// Buy and try (issue 4), once with JavaScript on (htmx) and once off.
describe.skipIf(!BROWSER_TESTS)('buying and trying in Chromium', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(() => browser?.close())

  async function payWithNewCard(page: Page, number: string) {
    await page.getByLabel('A new card').check()
    await page.getByLabel('Card number').fill(number)
    await page.getByLabel('Expiry month (MM)').fill('12')
    await page.getByLabel('Expiry year (YYYY)').fill('2030')
    await page.getByLabel('Security code').fill('123')
    await page.getByLabel('Name on card').fill('Léa Martin')
  }

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

    it('buys 3 licenses with a new card and sees 1 of 3 assigned', async () => {
      await page.getByRole('link', { name: 'Purchase services' }).click()
      await page.getByRole('link', { name: 'Buy Developer Toolkit' }).click()
      await page.getByLabel('Number of licenses').fill('3')
      if (javaScriptEnabled) await page.getByLabel('Number of licenses').blur()
      else await page.getByRole('button', { name: 'Update total' }).click()
      await expect.poll(() => page.locator('#order-summary').textContent()).toContain('€43.20')
      await payWithNewCard(page, '4242 4242 4242 4242')
      await page.getByRole('button', { name: 'Buy', exact: true }).click()
      await page.waitForURL(/\/billing\/products\/[0-9a-f-]{36}\?done=purchased$/)
      expect(await page.locator('#status').textContent()).toContain('Purchase complete.')
      expect(await page.locator('main').textContent()).toContain('Assigned licenses1')
      await page.getByRole('link', { name: 'Your products' }).first().click()
      const row = page.locator('tbody tr', { hasText: 'Developer Toolkit' }).filter({ hasText: 'Active' })
      expect(await row.textContent()).toContain('1 of 3')
    })

    it('reads the decline message for card 4000 0000 0000 0002, and the card number is not kept', async () => {
      await page.goto(`${server.url}/billing/purchase/PROJ-P3`)
      await payWithNewCard(page, '4000 0000 0000 0002')
      await page.getByRole('button', { name: 'Buy', exact: true }).click()
      await expect.poll(() => page.locator('.error-summary').textContent()).toContain('Your card was declined.')
      expect(await page.getByLabel('Card number').inputValue()).toBe('')
      expect(await page.getByLabel('Security code').inputValue()).toBe('')
      expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true)
    })

    it('starts a trial and converts it to paid', async () => {
      await page.goto(`${server.url}/billing/purchase`)
      await page.getByRole('link', { name: 'Start free trial of Diagramming Plan 2' }).click()
      expect(await page.locator('main').textContent()).toContain('The trial ends on 25 December 2026.')
      await page.getByRole('button', { name: 'Start free trial' }).click()
      await page.waitForURL(/\?done=trial_started$/)
      expect(await page.locator('#status').textContent()).toContain('Your free trial has started')
      await page.getByRole('button', { name: 'Start paid subscription now' }).click()
      await page.waitForURL(/\?done=converted$/)
      expect(await page.locator('#status').textContent()).toContain('Your paid subscription has started.')
      expect(await page.locator('.summary-list').textContent()).toContain('Active')
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
      it(`finds no axe violations on catalog, checkout, decline, trial and result pages in ${lang}`, async () => {
        if (lang === 'fr') {
          await page.goto(`${server.url}/billing/products`)
          await page.getByRole('button', { name: /Français/ }).click()
        }
        for (const url of ['/billing/purchase', '/billing/purchase/PROJ-P3?quantity=3', '/billing/purchase/VISIO-P2/trial']) {
          await page.goto(server.url + url)
          expect(await axeViolations(page), url).toEqual([])
        }
        await page.goto(`${server.url}/billing/purchase/PROJ-P3`)
        await page.locator('#payment-1').check()
        await page.locator('#cardNumber').fill('4000 0000 0000 0002')
        await page.locator('#expMonth').fill('1')
        await page.locator('#expYear').fill('2020')
        await page.locator('.payment-form button[type=submit]').click()
        await page.waitForLoadState()
        expect(await axeViolations(page), 'checkout with errors').toEqual([])
        await page.locator('#payment-0').check()
        await page.locator('.payment-form button[type=submit]').click()
        await page.waitForURL(/\?done=purchased$/)
        expect(await axeViolations(page), 'result').toEqual([])
      })
    }
  })
})
