import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { axeViolations, BROWSER_TESTS, useBrowser, JS_MODES, useBrowserSession } from './support'

// Buy and try (issue 4), once with JavaScript on (htmx) and once off.
describe.skipIf(!BROWSER_TESTS)('buying and trying in Chromium', () => {
  const browser = useBrowser()

  async function payWithNewCard(page: Page, number: string) {
    await page.getByLabel('A new card').check()
    await page.getByLabel('Card number').fill(number)
    await page.getByLabel('Expiry month (MM)').fill('12')
    await page.getByLabel('Expiry year (YYYY)').fill('2030')
    await page.getByLabel('Security code').fill('123')
    await page.getByLabel('Name on card').fill('Léa Martin')
  }

  describe.each(JS_MODES)('with JavaScript %s', (_label, javaScriptEnabled) => {
    const session = useBrowserSession(browser, { javaScriptEnabled, signInAs: 'lea.martin@fabrikam.example' })

    it('buys 3 licenses with a new card and sees 1 of 3 assigned', async () => {
      await session.page.goto(`${session.server.url}/billing/products`)
      await session.page.getByRole('link', { name: 'Purchase services' }).click()
      await session.page.getByRole('link', { name: 'Buy Developer Toolkit' }).click()
      await session.page.getByLabel('Number of licenses').fill('3')
      if (javaScriptEnabled) await session.page.getByLabel('Number of licenses').blur()
      else await session.page.getByRole('button', { name: 'Update total' }).click()
      await expect.poll(() => session.page.locator('#order-summary').textContent()).toContain('€43.20')
      await payWithNewCard(session.page, '4242 4242 4242 4242')
      await session.page.getByRole('button', { name: 'Buy', exact: true }).click()
      await session.page.waitForURL(/\/billing\/products\/[0-9a-f-]{36}\?done=purchased$/)
      expect(await session.page.locator('#status').textContent()).toContain('Purchase complete.')
      expect(await session.page.locator('main').textContent()).toContain('Assigned licenses1')
      await session.page.getByRole('link', { name: 'Your products' }).first().click()
      const row = session.page.locator('tbody tr', { hasText: 'Developer Toolkit' }).filter({ hasText: 'Active' })
      expect(await row.textContent()).toContain('1 of 3')
    })

    it('reads the decline message for card 4000 0000 0000 0002, and the card number is not kept', async () => {
      await session.page.goto(`${session.server.url}/billing/purchase/PROJ-P3`)
      await payWithNewCard(session.page, '4000 0000 0000 0002')
      await session.page.getByRole('button', { name: 'Buy', exact: true }).click()
      await expect.poll(() => session.page.locator('.error-summary').textContent()).toContain('Your card was declined.')
      expect(await session.page.getByLabel('Card number').inputValue()).toBe('')
      expect(await session.page.getByLabel('Security code').inputValue()).toBe('')
      expect(await session.page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true)
    })

    it('starts a trial and converts it to paid', async () => {
      await session.page.goto(`${session.server.url}/billing/purchase`)
      await session.page.getByRole('link', { name: 'Start free trial of Diagramming Plan 2' }).click()
      expect(await session.page.locator('main').textContent()).toContain('The trial ends on 25 December 2026.')
      await session.page.getByRole('button', { name: 'Start free trial' }).click()
      await session.page.waitForURL(/\?done=trial_started$/)
      expect(await session.page.locator('#status').textContent()).toContain('Your free trial has started')
      await session.page.getByRole('button', { name: 'Start paid subscription now' }).click()
      await session.page.waitForURL(/\?done=converted$/)
      expect(await session.page.locator('#status').textContent()).toContain('Your paid subscription has started.')
      expect(await session.page.locator('.summary-list').textContent()).toContain('Active')
    })
  })

  describe('accessibility', () => {
    const session = useBrowserSession(browser, { signInAs: 'lea.martin@fabrikam.example' })

    for (const lang of ['en', 'fr'] as const) {
      it(`finds no axe violations on catalog, checkout, decline, trial and result pages in ${lang}`, async () => {
        if (lang === 'fr') {
          await session.page.goto(`${session.server.url}/billing/products`)
          await session.page.getByRole('button', { name: /Français/ }).click()
        }
        for (const url of [
          '/billing/purchase',
          '/billing/purchase/PROJ-P3?quantity=3',
          '/billing/purchase/VISIO-P2/trial',
        ]) {
          await session.page.goto(session.server.url + url)
          expect(await axeViolations(session.page), url).toEqual([])
        }
        await session.page.goto(`${session.server.url}/billing/purchase/PROJ-P3`)
        await session.page.locator('#payment-1').check()
        await session.page.locator('#cardNumber').fill('4000 0000 0000 0002')
        await session.page.locator('#expMonth').fill('1')
        await session.page.locator('#expYear').fill('2020')
        await session.page.locator('.payment-form button[type=submit]').click()
        await session.page.waitForLoadState()
        expect(await axeViolations(session.page), 'checkout with errors').toEqual([])
        await session.page.locator('#payment-0').check()
        await session.page.locator('.payment-form button[type=submit]').click()
        await session.page.waitForURL(/\?done=purchased$/)
        expect(await axeViolations(session.page), 'result').toEqual([])
      })
    }
  })
})
