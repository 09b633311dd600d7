import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { axeViolations, BROWSER_TESTS, useBrowser, JS_MODES, useBrowserSession } from './support'

// The checkout's summary re-pricing (htmx asks the checkout page itself, with the order in its query).
const SUMMARY_REQUESTS = /\/billing\/purchase\/PROJ-P3\?/
const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms))

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

  // Issue 11: checkout never loses the buyer's work, and never charges a total the buyer did not see.
  describe.each(JS_MODES)('checkout with JavaScript %s keeps the buyer’s work', (_label, javaScriptEnabled) => {
    const session = useBrowserSession(browser, { javaScriptEnabled, signInAs: 'lea.martin@fabrikam.example' })
    const checkout = () => `${session.server.url}/billing/purchase/PROJ-P3`
    const summary = () => session.page.locator('#order-summary').textContent()

    it('changes quantity then frequency quickly, then Buy: bought at the total shown, card not retyped', async () => {
      const { page } = session
      // The summary answers slowly, as on a busy network: Buy is clicked before the new total shows.
      // (Without JavaScript nothing re-prices; Chromium's interception also stalls navigations then.)
      if (javaScriptEnabled)
        await page.route(SUMMARY_REQUESTS, async (route) => {
          if (route.request().headers()['hx-request']) await sleep(1500)
          await route.continue().catch(() => undefined) // aborted by the page meanwhile
        })
      await page.goto(checkout())
      await payWithNewCard(page, '4242 4242 4242 4242')
      await page.getByLabel('Number of licenses').fill('4')
      await page.getByLabel(/billed annually/).check()
      await page.getByRole('button', { name: 'Buy', exact: true }).click()
      // 4 licences a year at €281.00 and 20 % French VAT: €1,348.80, shown before anything is charged.
      await page.waitForURL(/\/billing\/purchase\/PROJ-P3\/confirm\?/)
      await page.unroute(SUMMARY_REQUESTS)
      const main = page.locator('main')
      expect(await page.locator('h1').textContent()).toBe('Check the new total for Project Planning Plan 3')
      expect(await main.textContent()).toContain('Payment methodVisa ending in 4242')
      expect(await summary()).toContain('Total due today€1,348.80')
      expect(await page.locator('input[name=cardNumber], input[name=cvc]').count()).toBe(0)
      // axe runs in the page: with JavaScript on only.
      if (javaScriptEnabled) expect(await axeViolations(page), 'confirmation').toEqual([])
      await page.getByRole('button', { name: 'Buy for €1,348.80' }).click()
      await page.waitForURL(/\/billing\/products\/[0-9a-f-]{36}\?done=purchased$/)
      const details = await main.textContent()
      expect(details).toContain('Total licenses4')
      expect(details).toContain('Billing frequencyAnnual')
      expect(details).toContain('Payment methodVisa ending in 4242')
      // Back: the confirmation again (a GET page), never the browser's "resend the form?" page.
      await page.goBack()
      expect(page.url()).toMatch(/\/confirm\?/)
      expect(await page.locator('h1').textContent()).toBe('Check the new total for Project Planning Plan 3')
    })

    it('re-prices with Update total on a GET page, the typed card kept: Back after Buy resends none', async () => {
      const { page } = session
      await page.goto(checkout())
      await payWithNewCard(page, '4242 4242 4242 4242')
      await page.getByLabel('Number of licenses').fill('2')
      await page.getByRole('button', { name: 'Update total' }).click()
      await page.waitForURL(/\/billing\/purchase\/PROJ-P3\?quantity=2&/)
      expect(await summary()).toContain('Total due today€67.44')
      const entered = page.getByLabel('Visa ending in 4242, expires 12/2030 (the card you entered)')
      expect(await entered.isChecked()).toBe(true)
      expect(await page.getByLabel('Card number').inputValue()).toBe('')
      expect(await page.getByLabel('Number of licenses').inputValue()).toBe('2')
      // axe runs in the page: with JavaScript on only.
      if (javaScriptEnabled) expect(await axeViolations(page), 'checkout with the card kept').toEqual([])
      await page.getByRole('button', { name: 'Buy', exact: true }).click()
      await page.waitForURL(/\?done=purchased$/)
      expect(await page.locator('main').textContent()).toContain('Total licenses2')
      await page.goBack()
      expect(page.url()).toMatch(/\/billing\/purchase\/PROJ-P3\?quantity=2&/)
      expect(await page.locator('h1').textContent()).toBe('Buy Project Planning Plan 3')
    })

    // Only with JavaScript: without it there are no summary requests to race (registered, not skipped).
    if (javaScriptEnabled)
      it('shows the total of the last change when an earlier answer comes back late', async () => {
        const { page } = session
        // The count's re-pricing answers late; the frequency clicked after it must be the total shown
        // (htmx's default queue let the count's answer replace the summary, then dropped the newer one).
        let calls = 0
        await page.route(SUMMARY_REQUESTS, async (route) => {
          if (route.request().headers()['hx-request'] && calls++ === 0) await sleep(1500)
          await route.continue().catch(() => undefined)
        })
        await page.goto(checkout())
        await page.getByLabel('Number of licenses').fill('4')
        await page.getByLabel(/billed annually/).check() // the count's change event fires first, on blur
        await expect.poll(summary, { timeout: 5000 }).toContain('Subtotal (4 licenses)')
        await sleep(2000) // past the slow first answer
        await page.unroute(SUMMARY_REQUESTS)
        expect(await summary()).toContain('Total due today€1,348.80') // 4 × €281.00 + 20 %
        await payWithNewCard(page, '4242 4242 4242 4242')
        await page.getByRole('button', { name: 'Buy', exact: true }).click()
        await page.waitForURL(/\?done=purchased$/) // the total shown was the total charged: no confirmation
        expect(await page.locator('main').textContent()).toContain('Billing frequencyAnnual')
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
