import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { axeViolations, BROWSER_TESTS, useBrowser, useBrowserSession } from './support'

// Every pane and confirmation (issue 11): with JavaScript a modal dialog (focus inside and kept
// there, Escape closes it, focus back on the exact control that opened it, axe clean in both
// languages); without, the same link is a page of its own.

type Opener = { name: string; page: (p: Page, base: string) => Promise<void>; open: (p: Page) => Promise<void> }

// The demo's Business Insights Pro subscription, by either of its names.
const PRODUCT = /Business Insights Pro|Analyses décisionnelles Pro/
const details = async (p: Page, base: string) => {
  await p.goto(`${base}/billing/products`)
  await p.locator('tbody tr', { hasText: PRODUCT }).first().locator('th a').click()
}
const licences = async (p: Page, base: string) => {
  await p.goto(`${base}/billing/licenses`)
  await p.locator('tbody tr', { hasText: PRODUCT }).first().locator('th a').click()
}

const OPENERS: Opener[] = [
  { name: 'Buy licenses', page: details, open: (p) => p.locator('#buy-licenses').click() },
  { name: 'Remove licenses', page: details, open: (p) => p.locator('#remove-licenses').click() },
  { name: 'Cancel subscription', page: details, open: (p) => p.locator('#cancel-subscription').click() },
  {
    name: 'Cancel from ⋯',
    page: async (p, base) => {
      await p.goto(`${base}/billing/products`)
    },
    open: async (p) => {
      const row = p.locator('tbody tr', { hasText: PRODUCT }).first()
      await row.locator('summary').click()
      await row.locator('details a').click()
    },
  },
  { name: 'Assign licenses', page: licences, open: (p) => p.locator('#assign-opener a').click() },
  {
    name: 'Unassign licenses',
    page: licences,
    open: async (p) => {
      await p.locator('#license-users tbody input[type=checkbox]').first().check()
      await p.locator('#unassign-open').click()
    },
  },
]

const focusInDialog = (p: Page) =>
  p.evaluate(() => !!document.activeElement && !!document.activeElement.closest('dialog[open]'))
const focused = (p: Page) =>
  p.evaluate(() => {
    const e = document.activeElement as HTMLElement | null
    return e ? `${e.tagName}#${e.id}:${e.textContent?.trim().slice(0, 40)}` : ''
  })

describe.skipIf(!BROWSER_TESTS)('panes and dialogs in Chromium', () => {
  const browser = useBrowser()

  describe('with JavaScript on', () => {
    const session = useBrowserSession(browser, { signInAs: 'lea.martin@fabrikam.example' })

    for (const o of OPENERS) {
      it(`${o.name}: a modal dialog that keeps focus, closes on Escape and gives focus back`, async () => {
        const { page, server } = session
        await o.page(page, server.url)
        const url = page.url()
        await o.open(page)
        await expect.poll(() => page.locator('#pane-dialog[open]').count()).toBe(1)
        expect(page.url()).toBe(url)
        await expect.poll(() => focusInDialog(page)).toBe(true)
        for (let i = 0; i < 12; i++) {
          await page.keyboard.press('Tab')
          expect(await focusInDialog(page), `Tab ${i + 1} stays in the dialog`).toBe(true)
        }
        expect(await axeViolations(page)).toEqual([])
        await page.keyboard.press('Escape')
        await expect.poll(() => page.locator('#pane-dialog[open]').count()).toBe(0)
        const back = await focused(page)
        if (o.name === 'Cancel from ⋯') expect(back).toMatch(/^SUMMARY/)
        else if (o.name === 'Unassign licenses') expect(back).toMatch(/^BUTTON#unassign-open/)
        else expect(back).toContain(o.name)
      })
    }

    it('has no axe violations in the dialogs in French', async () => {
      const { page, server } = session
      await page
        .getByRole('button', { name: /Français/ })
        .first()
        .click()
      for (const o of OPENERS) {
        await o.page(page, server.url)
        await o.open(page)
        await expect.poll(() => page.locator('#pane-dialog[open]').count()).toBe(1)
        expect(await axeViolations(page), o.name).toEqual([])
        await page.keyboard.press('Escape')
      }
    })
  })

  describe('with JavaScript off', () => {
    const session = useBrowserSession(browser, { javaScriptEnabled: false, signInAs: 'lea.martin@fabrikam.example' })

    for (const o of OPENERS) {
      it(`${o.name}: a page of its own`, async () => {
        const { page, server } = session
        await o.page(page, server.url)
        const url = page.url()
        await o.open(page)
        await page.waitForLoadState()
        expect(page.url()).not.toBe(url)
        expect(await page.locator('#pane-dialog[open]').count()).toBe(0)
        expect(await page.locator('main h1#pane-title').count()).toBe(1)
      })
    }
  })
})
