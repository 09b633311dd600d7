import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { axeViolations, BROWSER_TESTS, JS_MODES, signIn, useBrowser, useBrowserSession, watchPage } from './support'

// Help and Contact support (issue 14, DESIGN §9), as people walk it: a member reads the FAQ, files a
// support request (first with nothing typed, then properly) and finds it in their requests, Open; an
// admin of the organization opens it among all requests and marks it resolved; the member then sees
// Resolved. JavaScript on (the form in a pane) and off (a page of its own), English and French, axe
// clean with JavaScript on.

const WORDS = {
  en: {
    help: 'Help',
    faq: 'Cancelling and refunds',
    contact: 'Contact support',
    send: 'Send request',
    problem: 'There is a problem',
    subjectRequired: 'Enter a subject',
    filed: 'was sent. Its status is Open.',
    mine: 'Your support requests',
    all: 'Support requests of your organization',
    open: 'Open',
    resolve: 'Mark resolved',
    resolved: 'Request marked resolved.',
    resolvedBadge: 'Resolved',
  },
  fr: {
    help: 'Aide',
    faq: 'Résiliation et remboursements',
    contact: 'Contacter le support',
    send: 'Envoyer la demande',
    problem: 'Il y a un problème',
    subjectRequired: 'Saisissez un objet',
    filed: 'a été envoyée. Son statut est Ouverte.',
    mine: 'Vos demandes de support',
    all: 'Demandes de support de votre organisation',
    open: 'Ouverte',
    resolve: 'Marquer comme résolue',
    resolved: 'Demande marquée comme résolue.',
    resolvedBadge: 'Résolue',
  },
} as const

type Lang = keyof typeof WORDS

/** Switches the signed-in reader to `lang` with the header's language button, if needed. */
async function readIn(page: Page, lang: Lang): Promise<void> {
  const other = lang === 'en' ? /English/ : /Français/
  const button = page.getByRole('button', { name: other })
  if ((await page.locator('html').getAttribute('lang')) !== lang) await button.click()
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(lang)
}

describe.skipIf(!BROWSER_TESTS)('Help and support requests in Chromium', () => {
  const browser = useBrowser()

  for (const lang of ['en', 'fr'] as const) {
    const w = WORDS[lang]
    describe.each(JS_MODES)(`in ${lang}, with JavaScript %s`, (_label, js) => {
      const session = useBrowserSession(browser, { javaScriptEnabled: js, signInAs: 'lea.martin@fabrikam.example' })
      const scan = async (page: Page, what: string) => {
        // axe runs in the page: only with JavaScript on.
        if (js) expect(await axeViolations(page), `${lang}: ${what}`).toEqual([])
      }

      it('a member files a support request and sees it; an admin resolves it; the member sees Resolved', async () => {
        const { page } = session
        const base = session.server.url
        await readIn(page, lang)
        await page
          .getByRole('navigation', { name: /Main|Principale/ })
          .getByRole('link', { name: w.help })
          .click()
        await expect.poll(() => page.locator('h1').textContent()).toBe(w.help)
        expect(await page.locator('main').textContent()).toContain(w.faq)
        await scan(page, 'the FAQ')

        await page.locator('#contact-support').click()
        if (js) {
          await expect.poll(() => page.locator('dialog#pane-dialog').getAttribute('open')).toBe('')
          expect(page.url()).toBe(`${base}/help`)
        } else await page.waitForURL(`${base}/help/contact`)
        await scan(page, 'the Contact support form')

        // Nothing typed: the error summary, linked to the fields, takes focus.
        await page.getByRole('button', { name: w.send }).click()
        await expect.poll(() => page.locator('.error-summary h2').textContent()).toBe(w.problem)
        expect(await page.locator('.error-summary a').first().textContent()).toBe(w.subjectRequired)
        if (js) expect(await page.evaluate(() => document.activeElement?.className)).toBe('error-summary')
        await scan(page, 'the form with its errors')

        const subject = `Invoice question ${lang} ${js ? 'js' : 'no-js'}`
        await page.locator('#subject').fill(subject)
        await page.locator('#message').fill('Where is the invoice of my last purchase?\nThank you.')
        await page.locator('#subscription').selectOption({ index: 1 })
        const product = (await page.locator('#subscription option:checked').textContent())!.split(' (')[0]!
        await page.getByRole('button', { name: w.send }).click()
        await page.waitForURL(`${base}/help/requests`)
        await expect.poll(() => page.locator('#status').textContent()).toContain(w.filed)
        expect(await page.locator('h1').textContent()).toBe(w.mine)
        const row = page.locator('tbody tr').filter({ hasText: subject })
        expect(await row.locator('td').allTextContents()).toEqual([expect.any(String), product, w.open])
        await scan(page, 'the requests list')

        // The organization's admin (who reads French) resolves it from the list of all requests.
        const admin = await browser().newContext({ javaScriptEnabled: js, locale: 'en-GB' })
        try {
          const theirs = await admin.newPage()
          watchPage(theirs, session.problems)
          await signIn(theirs, base, 'admin@fabrikam.example')
          await readIn(theirs, lang)
          await theirs.goto(`${base}/help/requests?all=1`)
          expect(await theirs.locator('h1').textContent()).toBe(w.all)
          await theirs.getByRole('link', { name: subject }).click()
          await expect.poll(() => theirs.locator('h1').textContent()).toBe(subject)
          await scan(theirs, 'a request as the admin reads it')
          await theirs.getByRole('button', { name: w.resolve }).click()
          await expect.poll(() => theirs.locator('#status').textContent()).toContain(w.resolved)
          expect(await theirs.locator('#support-request .badge').textContent()).toBe(w.resolvedBadge)
          // With htmx the region was swapped in place: focus goes to its heading, not back to the top.
          if (js) expect(await theirs.evaluate(() => document.activeElement?.tagName)).toBe('H2')
          await scan(theirs, 'the request resolved')
        } finally {
          await admin.close()
        }

        await page.reload()
        await expect.poll(() => row.locator('.badge').textContent()).toBe(w.resolvedBadge)
        // Two people, two sign-ins and six axe scans: longer than one page's journey.
      }, 120_000)
    })
  }
})
