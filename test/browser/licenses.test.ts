import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { axeViolations, BROWSER_TESTS, useBrowser, JS_MODES, useBrowserSession } from './support'

const activeText = (page: Page) => page.evaluate(() => (document.activeElement?.textContent ?? '').trim())
const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '')
/** "40 assigned" in the licence counts, as a number: tests compare with what they found. */
async function assignedCount(page: Page): Promise<number> {
  const found = /(\d+) assigned/.exec((await page.locator('#license-counts').textContent()) ?? '')
  // Without the count there is nothing to compare: NaN would equal NaN − 2 and pass.
  if (!found) throw new Error('no "N assigned" in the licence counts')
  return Number(found[1])
}

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
  const browser = useBrowser()

  describe.each(JS_MODES)('with JavaScript %s', (_label, javaScriptEnabled) => {
    const session = useBrowserSession(browser, { javaScriptEnabled, signInAs: 'lea.martin@fabrikam.example' })
    let subscriptionUrl: string
    beforeAll(async () => {
      await session.page.getByRole('link', { name: 'Business Insights Pro' }).click()
      subscriptionUrl = session.page.url()
    })

    it('goes from 100 to 105 licenses with the pane and Save, keyboard only', async () => {
      await session.page.goto(subscriptionUrl)
      expect(await session.page.locator('.summary-list').textContent()).toContain('Total licenses100')
      await tabTo(session.page, 'Buy licenses')
      await session.page.keyboard.press('Enter')
      if (javaScriptEnabled) {
        // The pane opens in place and its heading takes focus.
        await expect.poll(() => activeId(session.page)).toBe('pane-title')
        expect(session.page.url()).toBe(subscriptionUrl)
      } else {
        await session.page.waitForURL(/\/licenses$/)
      }
      await tabTo(session.page, '') // the total field has no text content
      expect(await activeId(session.page)).toBe('total')
      await session.page.keyboard.press('Control+A')
      await session.page.keyboard.type('105')
      if (javaScriptEnabled)
        await expect
          .poll(() => session.page.locator('#license-change-summary').textContent())
          .toContain('You buy 5 licenses.')
      await tabTo(session.page, 'Save')
      await session.page.keyboard.press('Enter')
      await expect
        .poll(() => session.page.locator('#status').textContent())
        .toContain('Licenses bought: you now have 105.')
      expect(await session.page.locator('.summary-list').textContent()).toContain('Total licenses105')
      // Focus goes back to where the pane was opened from.
      if (javaScriptEnabled) await expect.poll(() => activeText(session.page)).toBe('Buy licenses')
    })

    it('returns focus to the exact opener when the pane closes', async () => {
      await session.page.goto(subscriptionUrl)
      await session.page.getByRole('link', { name: 'Remove licenses' }).click()
      if (javaScriptEnabled) await expect.poll(() => activeId(session.page)).toBe('pane-title')
      await session.page.getByRole('link', { name: 'Close' }).click()
      if (javaScriptEnabled) {
        await expect.poll(() => activeText(session.page)).toBe('Remove licenses')
        expect(await session.page.locator('#pane').innerHTML()).toBe('')
      } else {
        await session.page.waitForURL(subscriptionUrl)
      }
    })

    it('assigns three people found by typing part of their names', async () => {
      await session.page.goto(`${session.server.url}/billing/licenses`)
      await session.page.getByRole('link', { name: 'Business Insights Pro' }).click()
      const before = await assignedCount(session.page) // 40 in the demo data, fewer after unassigning
      expect(before).toBeGreaterThan(0)
      await session.page.getByRole('link', { name: 'Assign licenses' }).click()
      if (javaScriptEnabled) await expect.poll(() => activeId(session.page)).toBe('pane-title')
      await session.page.getByLabel('Name or email').fill('ma')
      if (!javaScriptEnabled) await session.page.getByRole('button', { name: 'Search people' }).click()
      const choices = session.page.locator('#assign-results input[name=userIds]:not([disabled])')
      await expect.poll(() => choices.count()).toBeGreaterThan(2)
      for (let i = 0; i < 3; i++) await choices.nth(i).check()
      await session.page.getByRole('button', { name: 'Assign', exact: true }).click()
      await expect.poll(() => session.page.locator('#status').textContent()).toContain('Licenses assigned to 3 people.')
      expect(await assignedCount(session.page)).toBe(before + 3)
    })

    it('unassigns two people after confirming', async () => {
      await session.page.goto(`${session.server.url}/billing/licenses`)
      await session.page.getByRole('link', { name: 'Business Insights Pro' }).click()
      const before = await assignedCount(session.page)
      const boxes = session.page.locator('#license-users tbody input[type=checkbox]')
      await boxes.nth(0).check()
      await boxes.nth(1).check()
      await session.page.getByRole('button', { name: 'Unassign licenses' }).click()
      await expect.poll(() => session.page.getByRole('heading', { name: 'Unassign licenses?' }).count()).toBe(1)
      if (javaScriptEnabled) await expect.poll(() => activeId(session.page)).toBe('pane-title')
      await session.page.locator('section.pane form button[type=submit]').click()
      await expect
        .poll(() => session.page.locator('#status').textContent())
        .toContain('Licenses unassigned from 2 people.')
      expect(await assignedCount(session.page)).toBe(before - 2)
    })
  })

  describe('accessibility', () => {
    const session = useBrowserSession(browser, { signInAs: 'lea.martin@fabrikam.example' })

    it('finds no axe violations at 375 px, where wide tables scroll in their own region', async () => {
      await session.page.setViewportSize({ width: 375, height: 800 })
      try {
        for (const path of ['/billing/products', '/billing/licenses']) {
          await session.page.goto(`${session.server.url}${path}`)
          expect(await axeViolations(session.page), path).toEqual([])
        }
        await session.page.locator('table tbody a').first().click()
        expect(await axeViolations(session.page), 'licence users').toEqual([])
        await session.page.goto(`${session.server.url}/billing/products`)
        await session.page.locator('table tbody a').first().click()
        expect(await axeViolations(session.page), 'details').toEqual([])
      } finally {
        await session.page.setViewportSize({ width: 1280, height: 720 })
      }
    })

    for (const lang of ['en', 'fr'] as const) {
      it(`finds no axe violations on the licence pages and panes in ${lang}`, async () => {
        if (lang === 'fr') {
          await session.page.goto(`${session.server.url}/billing/products`)
          await session.page.getByRole('button', { name: /Français/ }).click()
        }
        await session.page.goto(`${session.server.url}/billing/licenses`)
        expect(await axeViolations(session.page), 'licenses').toEqual([])
        await session.page.locator('table tbody a').first().click()
        const licensesPage = session.page.url()
        expect(await axeViolations(session.page), 'licence users').toEqual([])
        await session.page.goto(`${licensesPage}/assign`)
        await session.page.locator('#assign-q').fill('ma')
        await session.page.locator('#assign-q').press('Enter')
        await session.page.waitForLoadState()
        expect(await axeViolations(session.page), 'assign').toEqual([])
        await session.page.goto(licensesPage)
        await session.page.locator('#assign-opener a').click()
        await session.page.locator('#assign-q').fill('ma')
        await expect.poll(() => session.page.locator('#assign-results input').count()).toBeGreaterThan(0)
        expect(await axeViolations(session.page), 'assign pane').toEqual([])
        const id = licensesPage.split('/').pop()
        await session.page.goto(`${session.server.url}/billing/products/${id}/licenses?total=0`)
        expect(await axeViolations(session.page), 'change page').toEqual([])
        await session.page.goto(`${session.server.url}/billing/products/${id}`)
        await session.page.locator('#license-actions a').first().click()
        await session.page.locator('#total').fill('1')
        // Save (the last button; "Check the change" comes first so that Enter only previews).
        await session.page.locator('#pane form button[type=submit]').last().click()
        await expect.poll(() => session.page.locator('#pane .error-summary').count()).toBe(1)
        expect(await axeViolations(session.page), 'change pane with error').toEqual([])
        // The pane is modal: the page behind it cannot be clicked until Escape closes it.
        await session.page.keyboard.press('Escape')
        await expect.poll(() => session.page.locator('#pane-dialog[open]').count()).toBe(0)
        if (lang === 'fr') await session.page.getByRole('button', { name: /English/ }).click()
      })
    }
  })
})
