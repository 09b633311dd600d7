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
      await expect.poll(() => session.page.locator('.summary-list').textContent()).toContain('Recurring billingOff')
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
