import { describe, expect, it } from 'vitest'
import { axeViolations, BROWSER_TESTS, useBrowser, JS_MODES, useBrowserSession } from './support'

// Cancel and recurring billing (issue 6), once with JavaScript on and once off.
describe.skipIf(!BROWSER_TESTS)('cancelling in Chromium', () => {
  const browser = useBrowser()

  describe.each(JS_MODES)('with JavaScript %s', (_label, javaScriptEnabled) => {
    const session = useBrowserSession(browser, { javaScriptEnabled, signInAs: 'lea.martin@fabrikam.example' })

    it('cancels from the More actions menu with a reason and feedback', async () => {
      await session.page.goto(`${session.server.url}/billing/products`)
      const row = session.page.locator('tbody tr', { hasText: 'Project Planning Plan 3' })
      await row.locator('summary').click()
      await row.getByRole('link', { name: 'Cancel subscription' }).click()
      await expect.poll(() => session.page.locator('#pane-title').textContent()).toBe('Cancel subscription')
      expect(await session.page.locator('.change-summary').textContent()).toContain('keep access until')
      await session.page.getByRole('button', { name: 'Cancel subscription' }).click()
      await expect
        .poll(() => session.page.locator('.error-summary').textContent())
        .toContain('Choose a reason for cancelling')
      await session.page.getByLabel('Missing features I need').check()
      await session.page.getByLabel('Feedback (optional)').fill('We need Gantt charts.')
      await session.page.getByRole('button', { name: 'Cancel subscription' }).click()
      await expect
        .poll(() => session.page.locator('#status').textContent())
        .toContain('Subscription cancelled: recurring billing is off')
      if (javaScriptEnabled) {
        // A drawer over Your products: the row is fresh behind it and focus is back on its ⋯ button.
        await expect.poll(() => session.page.locator('#pane-dialog[open]').count()).toBe(0)
        await expect.poll(() => row.textContent()).toContain('Expires ')
        expect(session.page.url()).toBe(`${session.server.url}/billing/products`)
        // Its ⋯ is gone (nothing more to cancel): focus lands on the same row's product link.
        await expect
          .poll(() => session.page.evaluate(() => document.activeElement?.textContent))
          .toBe('Project Planning Plan 3')
      } else {
        await expect.poll(() => session.page.locator('.summary-list').textContent()).toContain('Recurring billingOff')
      }
    })

    it('opens the cancel pane from ⋯ as a dialog that Escape closes, focus back on ⋯', async () => {
      if (!javaScriptEnabled) return
      await session.page.goto(`${session.server.url}/billing/products`)
      const row = session.page.locator('tbody tr', { hasText: 'Business Insights Pro' }).first()
      await row.locator('summary').focus()
      await session.page.keyboard.press('Enter')
      await session.page.keyboard.press('Tab')
      await session.page.keyboard.press('Enter')
      await expect.poll(() => session.page.evaluate(() => document.activeElement?.id)).toBe('pane-title')
      expect(await session.page.locator('#pane-dialog').evaluate((d) => (d as HTMLDialogElement).open)).toBe(true)
      await session.page.keyboard.press('Escape')
      await expect.poll(() => session.page.locator('#pane-dialog[open]').count()).toBe(0)
      expect(await session.page.evaluate(() => document.activeElement?.tagName)).toBe('SUMMARY')
      expect(await row.locator('details').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false)
    })

    it('closes the ⋯ menu on Escape and on a click elsewhere', async () => {
      if (!javaScriptEnabled) return
      await session.page.goto(`${session.server.url}/billing/products`)
      const menu = session.page.locator('details.more-actions').first()
      const rowHeight = () => menu.locator('xpath=ancestor::tr').evaluate((r) => r.getBoundingClientRect().height)
      const closed = await rowHeight()
      await menu.locator('summary').click()
      expect(await menu.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true)
      expect(await rowHeight()).toBe(closed) // the menu floats over the rows below
      await session.page.keyboard.press('Escape')
      expect(await menu.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false)
      await menu.locator('summary').click()
      await session.page.locator('h1').click()
      expect(await menu.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false)
    })

    it('turns recurring billing off on another subscription', async () => {
      await session.page.goto(`${session.server.url}/billing/products`)
      await session.page.getByRole('link', { name: 'Business Insights Pro' }).click()
      await session.page.getByRole('button', { name: 'Turn off recurring billing' }).click()
      await expect.poll(() => session.page.locator('#status').textContent()).toContain('Recurring billing is off.')
      expect(await session.page.locator('#renewal').textContent()).toContain(
        'Recurring billing is off: the subscription expires on',
      )
    })
  })

  describe('accessibility', () => {
    const session = useBrowserSession(browser, { signInAs: 'lea.martin@fabrikam.example' })

    for (const lang of ['en', 'fr'] as const) {
      it(`finds no axe violations on the cancel pane, the details page and notifications in ${lang}`, async () => {
        await session.page.goto(`${session.server.url}/billing/products`)
        if (lang === 'fr') await session.page.getByRole('button', { name: /Français/ }).click()
        await session.page.locator('tbody tr details summary').first().click()
        expect(await axeViolations(session.page), 'menu open').toEqual([])
        await session.page.locator('tbody tr details a').first().click()
        await session.page.locator('#pane button[type=submit]').click()
        await expect.poll(() => session.page.locator('.error-summary').count()).toBeGreaterThan(0)
        expect(await axeViolations(session.page), 'cancel pane with error').toEqual([])
        const id = new URL(session.page.url()).pathname.split('/')[3]
        await session.page.goto(`${session.server.url}/billing/products/${id}/cancel`)
        expect(await axeViolations(session.page), 'cancel page').toEqual([])
        await session.page.goto(`${session.server.url}/notifications`)
        expect(await axeViolations(session.page), 'notifications').toEqual([])
        if (lang === 'fr') await session.page.getByRole('button', { name: /English/ }).click()
      })
    }
  })
})
