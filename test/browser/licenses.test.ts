import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeViolations, BROWSER_TESTS, launchBrowser, signIn, startServer } from './support'

const activeText = (page: Page) => page.evaluate(() => (document.activeElement?.textContent ?? '').trim())
const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '')

/** Presses Tab until the focused element's text is `text` (keyboard only), at most 80 times. */
async function tabTo(page: Page, text: string): Promise<void> {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab')
    if ((await activeText(page)) === text) return
  }
  throw new Error(`could not reach "${text}" with Tab`)
}

// Licences (issue 5), once with JavaScript on (htmx panes) and once off (pages).
describe.skipIf(!BROWSER_TESTS)('licences in Chromium', () => {
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
    let subscriptionUrl: string
    beforeAll(async () => {
      server = await startServer()
      context = await browser.newContext({ javaScriptEnabled, locale: 'en-GB' })
      page = await context.newPage()
      page.setDefaultTimeout(10_000)
      await signIn(page, server.url, 'lea.martin@fabrikam.example')
      await page.getByRole('link', { name: 'Business Insights Pro' }).click()
      subscriptionUrl = page.url()
    })
    afterAll(async () => {
      await context.close()
      await server.close()
    })

    it('goes from 100 to 105 licenses with the pane and Save, keyboard only', async () => {
      expect(await page.locator('.summary-list').textContent()).toContain('Total licenses100')
      await tabTo(page, 'Buy licenses')
      await page.keyboard.press('Enter')
      if (javaScriptEnabled) {
        // The pane opens in place and its heading takes focus.
        await expect.poll(() => activeId(page)).toBe('pane-title')
        expect(page.url()).toBe(subscriptionUrl)
      } else {
        await page.waitForURL(/\/licenses$/)
      }
      await tabTo(page, '') // the total field has no text content
      expect(await activeId(page)).toBe('total')
      await page.keyboard.press('Control+A')
      await page.keyboard.type('105')
      if (javaScriptEnabled) await expect.poll(() => page.locator('#license-change-summary').textContent()).toContain('You buy 5 licenses.')
      await tabTo(page, 'Save')
      await page.keyboard.press('Enter')
      await expect.poll(() => page.locator('#status').textContent()).toContain('Licenses bought: you now have 105.')
      expect(await page.locator('.summary-list').textContent()).toContain('Total licenses105')
      // Focus goes back to where the pane was opened from.
      if (javaScriptEnabled) await expect.poll(() => activeText(page)).toBe('Buy licenses')
    })

    it('returns focus to the opener when the pane closes', async () => {
      await page.goto(subscriptionUrl)
      await page.getByRole('link', { name: 'Remove licenses' }).click()
      if (javaScriptEnabled) await expect.poll(() => activeId(page)).toBe('pane-title')
      await page.getByRole('link', { name: 'Close' }).click()
      if (javaScriptEnabled) {
        await expect.poll(() => activeText(page)).toBe('Buy licenses')
        expect(await page.locator('#pane').innerHTML()).toBe('')
      } else {
        await page.waitForURL(subscriptionUrl)
      }
    })

    it('assigns three people found by typing part of their names', async () => {
      await page.goto(`${server.url}/billing/licenses`)
      await page.getByRole('link', { name: 'Business Insights Pro' }).click()
      const before = await page.locator('#license-counts').textContent()
      expect(before).toContain('40 assigned')
      await page.getByRole('link', { name: 'Assign licenses' }).click()
      if (javaScriptEnabled) await expect.poll(() => activeId(page)).toBe('pane-title')
      await page.getByLabel('Name or email').fill('ma')
      if (!javaScriptEnabled) await page.getByRole('button', { name: 'Search people' }).click()
      const choices = page.locator('#assign-results input[name=userIds]:not([disabled])')
      await expect.poll(() => choices.count()).toBeGreaterThan(2)
      for (let i = 0; i < 3; i++) await choices.nth(i).check()
      await page.getByRole('button', { name: 'Assign', exact: true }).click()
      await expect.poll(() => page.locator('#status').textContent()).toContain('Licenses assigned to 3 people.')
      expect(await page.locator('#license-counts').textContent()).toContain('43 assigned')
    })

    it('unassigns two people after confirming', async () => {
      const boxes = page.locator('#license-users tbody input[type=checkbox]')
      await boxes.nth(0).check()
      await boxes.nth(1).check()
      await page.getByRole('button', { name: 'Unassign licenses' }).click()
      await expect.poll(() => page.getByRole('heading', { name: 'Unassign licenses?' }).count()).toBe(1)
      if (javaScriptEnabled) await expect.poll(() => activeId(page)).toBe('pane-title')
      await page.locator('#pane form button[type=submit]').click()
      await expect.poll(() => page.locator('#status').textContent()).toContain('Licenses unassigned from 2 people.')
      expect(await page.locator('#license-counts').textContent()).toContain('41 assigned')
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
      it(`finds no axe violations on the licence pages and panes in ${lang}`, async () => {
        if (lang === 'fr') {
          await page.goto(`${server.url}/billing/products`)
          await page.getByRole('button', { name: /Français/ }).click()
        }
        await page.goto(`${server.url}/billing/licenses`)
        expect(await axeViolations(page), 'licenses').toEqual([])
        await page.locator('table tbody a').first().click()
        const licensesPage = page.url()
        expect(await axeViolations(page), 'licence users').toEqual([])
        await page.goto(`${licensesPage}/assign`)
        await page.locator('#assign-q').fill('ma')
        await page.locator('#assign-q').press('Enter')
        await page.waitForLoadState()
        expect(await axeViolations(page), 'assign').toEqual([])
        await page.goto(licensesPage)
        await page.locator('#assign-opener a').click()
        await page.locator('#assign-q').fill('ma')
        await expect.poll(() => page.locator('#assign-results input').count()).toBeGreaterThan(0)
        expect(await axeViolations(page), 'assign pane').toEqual([])
        const id = licensesPage.split('/').pop()
        await page.goto(`${server.url}/billing/products/${id}/licenses?total=0`)
        expect(await axeViolations(page), 'change page').toEqual([])
        await page.goto(`${server.url}/billing/products/${id}`)
        await page.locator('#license-actions a').first().click()
        await page.locator('#total').fill('1')
        await page.locator('#pane form button[type=submit]').first().click()
        await expect.poll(() => page.locator('#pane .error-summary').count()).toBe(1)
        expect(await axeViolations(page), 'change pane with error').toEqual([])
        if (lang === 'fr') await page.getByRole('button', { name: /English/ }).click()
      })
    }
  })
})
