import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { axeViolations, BROWSER_TESTS, JS_MODES, useBrowser, useBrowserSession } from './support'

// Every page at phone widths (issue 11): nothing scrolls sideways, the header takes at most a fifth
// of the first screen, the Menu button opens the navigation with or without JavaScript, and axe
// finds nothing, in English and in French.

const WIDTHS = [320, 375] as const
const HEIGHT = 667

/** The pages a signed-in member reaches, found from the demo data through the pages themselves. */
async function everyPage(page: Page, base: string): Promise<string[]> {
  await page.goto(`${base}/billing/products`)
  const details = await page.locator('table tbody th a').first().getAttribute('href')
  await page.goto(`${base}/billing/licenses`)
  const licences = await page.locator('table tbody th a').first().getAttribute('href')
  await page.goto(`${base}/billing/purchase`)
  const offer = await page.locator('main a[href^="/billing/purchase/"]').first().getAttribute('href')
  return [
    '/billing/products',
    '/billing/products?tab=trials',
    details!,
    `${details}/licenses`,
    `${details}/cancel`,
    '/billing/licenses',
    licences!,
    `${licences}/assign`,
    '/billing/purchase',
    offer!,
    '/notifications',
    '/billing/invoices',
    '/billing/accounts',
    '/help',
    '/help/contact',
    '/help/requests',
  ]
}

async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
}

describe.skipIf(!BROWSER_TESTS)('small screens in Chromium', () => {
  const browser = useBrowser()

  describe.each(JS_MODES)('with JavaScript %s', (_label, javaScriptEnabled) => {
    const session = useBrowserSession(browser, { javaScriptEnabled, signInAs: 'lea.martin@fabrikam.example' })

    for (const width of WIDTHS) {
      it(`fits every page in ${width} px, with a header under a fifth of the screen`, async () => {
        const { page, server } = session
        const paths = await everyPage(page, server.url)
        await page.setViewportSize({ width, height: HEIGHT })
        try {
          for (const path of paths) {
            await page.goto(`${server.url}${path}`)
            expect(await sidewaysOverflow(page), path).toBeLessThanOrEqual(0)
            const header = await page.locator('.site-header').boundingBox()
            expect(header!.height, path).toBeLessThanOrEqual(HEIGHT / 5)
          }
        } finally {
          await page.setViewportSize({ width: 1280, height: 720 })
        }
      })
    }

    it('asks the server for each page once per navigation', async () => {
      const { page, server } = session
      const paths = await everyPage(page, server.url)
      const asked: string[] = []
      const count = (r: { url(): string }) => asked.push(new URL(r.url()).pathname)
      page.on('request', count)
      try {
        for (const path of paths) {
          asked.length = 0
          await page.goto(`${server.url}${path}`, { waitUntil: 'networkidle' })
          const pathname = new URL(`${server.url}${path}`).pathname
          expect(asked.filter((p) => p === pathname).length, path).toBe(1)
        }
      } finally {
        page.off('request', count)
      }
    })

    it('opens the navigation from the Menu button at 375 px', async () => {
      const { page, server } = session
      await page.setViewportSize({ width: 375, height: HEIGHT })
      try {
        await page.goto(`${server.url}/billing/products`)
        expect(await page.getByRole('link', { name: 'Licenses', exact: true }).count()).toBe(0)
        await page.getByText('Menu', { exact: true }).click()
        await page.getByRole('link', { name: 'Licenses', exact: true }).click()
        await page.waitForURL(`${server.url}/billing/licenses`)
        if (javaScriptEnabled) expect(await axeViolations(page)).toEqual([])
      } finally {
        await page.setViewportSize({ width: 1280, height: 720 })
      }
    })
  })

  describe('in French', () => {
    const session = useBrowserSession(browser, { signInAs: 'lea.martin@fabrikam.example' })

    it('fits every page in 375 px and axe finds nothing, menus and dialogs included', async () => {
      const { page, server } = session
      await page.getByRole('button', { name: /Français/ }).click()
      const paths = await everyPage(page, server.url)
      await page.setViewportSize({ width: 375, height: HEIGHT })
      try {
        for (const path of paths) {
          await page.goto(`${server.url}${path}`)
          expect(await sidewaysOverflow(page), path).toBeLessThanOrEqual(0)
          expect(await axeViolations(page), path).toEqual([])
        }
        await page.goto(`${server.url}${paths[2]}`)
        await page.locator('#remove-licenses').click()
        await expect.poll(() => page.locator('#pane-dialog[open]').count()).toBe(1)
        expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0)
        expect(await axeViolations(page), 'licence pane').toEqual([])
        await page.keyboard.press('Escape')
        await page.getByText('Menu', { exact: true }).click()
        expect(await axeViolations(page), 'menu open').toEqual([])
      } finally {
        await page.setViewportSize({ width: 1280, height: 720 })
      }
      // An axe scan per page, sixteen pages and more: longer than one journey's 30 seconds on two busy cores.
    }, 90_000)
  })
})
