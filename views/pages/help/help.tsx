import type { MessageKey } from '../../../src/i18n/index'
import { LinkedText } from '../../components/linked-text'
import { RegionTip } from '../../components/region-tip'
import { paneLink } from '../../components/side-pane'
import type { ViewContext } from '../../context'
import { Fragment, h, type SafeHtml } from '../../html'
import { Layout } from '../../layout'
import {
  adminPolicyUrl,
  adminSelfServiceUrl,
  contactSupportUrl,
  helpUrl,
  invoicesUrl,
  licensesUrl,
  paymentMethodsUrl,
  productsUrl,
  purchaseUrl,
  supportRequestsUrl,
} from '../../urls'

type User = NonNullable<ViewContext['user']>

/** A paragraph of an answer, shown to everyone or only to the readers `show` names. `{link}` in it
 *  becomes a link to a page of the portal for the readers who can open that page (billing pages
 *  are members'), and plain words for the others. */
type Paragraph = {
  text: MessageKey
  show?: (u: User) => boolean
  link?: { href: string; label: MessageKey; for?: (u: User) => boolean }
}
type Question = { q: MessageKey; a: Paragraph[] }
type Section = { id: string; title: MessageKey; questions: Question[] }

const member = (u: User) => u.kind === 'member'
const admin = (u: User) => u.role === 'admin'

/** The FAQ of DESIGN §9, in the order a buyer meets the questions. Each answer says what the services
 *  do (src/rules.ts: 7-day windows, 30/90 days after expiry, 30-day trials of 25 licences). */
const SECTIONS: Section[] = [
  {
    id: 'who-can-buy',
    title: 'help.buy.title',
    questions: [
      {
        q: 'help.buy.q1',
        a: [{ text: 'help.buy.a1', link: { href: purchaseUrl(), label: 'nav.purchase', for: member } }],
      },
      { q: 'help.buy.q2', a: [{ text: 'help.buy.a2' }] },
    ],
  },
  {
    id: 'paying',
    title: 'help.pay.title',
    questions: [
      {
        q: 'help.pay.q1',
        a: [{ text: 'help.pay.a1', link: { href: paymentMethodsUrl(), label: 'help.pay.cardsLink', for: member } }],
      },
      { q: 'help.pay.q2', a: [{ text: 'help.pay.a2' }] },
      {
        q: 'help.pay.q3',
        a: [{ text: 'help.pay.a3', link: { href: invoicesUrl(), label: 'nav.billing', for: member } }],
      },
    ],
  },
  {
    id: 'licenses',
    title: 'help.licenses.title',
    questions: [
      {
        q: 'help.licenses.q1',
        a: [{ text: 'help.licenses.a1', link: { href: licensesUrl(), label: 'nav.licenses' } }],
      },
      {
        q: 'help.licenses.q2',
        a: [
          { text: 'help.licenses.a2', link: { href: productsUrl(), label: 'nav.products' } },
          { text: 'help.licenses.a3' },
        ],
      },
    ],
  },
  {
    id: 'cancelling',
    title: 'help.cancel.title',
    questions: [
      { q: 'help.cancel.q1', a: [{ text: 'help.cancel.a1', link: { href: productsUrl(), label: 'nav.products' } }] },
      { q: 'help.cancel.q2', a: [{ text: 'help.cancel.a2' }] },
      { q: 'help.cancel.q3', a: [{ text: 'help.cancel.a3' }] },
    ],
  },
  {
    id: 'trials',
    title: 'help.trials.title',
    questions: [{ q: 'help.trials.q1', a: [{ text: 'help.trials.a1' }] }],
  },
  {
    id: 'admins',
    title: 'help.admin.title',
    questions: [
      {
        q: 'help.admin.q1',
        a: [
          { text: 'help.admin.a1' },
          { text: 'help.admin.yours', show: admin, link: { href: adminSelfServiceUrl(), label: 'selfService.title' } },
        ],
      },
      {
        q: 'help.admin.q2',
        a: [
          { text: 'help.admin.a2' },
          { text: 'help.admin.policyYours', show: admin, link: { href: adminPolicyUrl(), label: 'policy.title' } },
        ],
      },
      { q: 'help.admin.q3', a: [{ text: 'help.admin.a3' }] },
    ],
  },
]

export const CONTACT_SECTION_ID = 'contact'
/** The Contact support link: an id, so focus comes back to it when the pane closes. */
export const CONTACT_OPENER_ID = 'contact-support'

function Answer(p: { ctx: ViewContext; user: User; paragraph: Paragraph }): SafeHtml {
  const { t } = p.ctx
  const { text, show, link } = p.paragraph
  if (show && !show(p.user)) return Fragment({})
  if (!link) return <p>{t(text)}</p>
  const href = !link.for || link.for(p.user) ? link.href : undefined
  return (
    <p>
      <LinkedText text={t(text)} link={{ href, label: t(link.label) }} />
    </p>
  )
}

/** Help (DESIGN §9): the region's tip when there is one, the FAQ with its contents, and Contact support. */
export function HelpPage(p: { ctx: ViewContext; user: User }): string {
  const { t } = p.ctx
  return Layout({
    ctx: p.ctx,
    title: t('help.title'),
    children: (
      <div class="help">
        <h1>{t('help.title')}</h1>
        <RegionTip ctx={p.ctx} />
        <p>
          <LinkedText text={t('help.intro')} link={{ href: helpUrl(CONTACT_SECTION_ID), label: t('help.introLink') }} />
        </p>
        <nav class="contents" aria-labelledby="help-contents">
          <h2 id="help-contents">{t('help.contents')}</h2>
          <ul>
            {[
              ...SECTIONS.map((s) => ({ id: s.id, title: s.title })),
              { id: CONTACT_SECTION_ID, title: 'help.contact.title' as const },
            ].map((s) => (
              <li>
                <a href={helpUrl(s.id)}>{t(s.title)}</a>
              </li>
            ))}
          </ul>
        </nav>
        {SECTIONS.map((s) => (
          <section id={s.id} aria-labelledby={`${s.id}-title`}>
            <h2 id={`${s.id}-title`}>{t(s.title)}</h2>
            {s.questions.map((q) => (
              <div class="faq">
                <h3>{t(q.q)}</h3>
                {q.a.map((paragraph) => (
                  <Answer ctx={p.ctx} user={p.user} paragraph={paragraph} />
                ))}
              </div>
            ))}
          </section>
        ))}
        <section id={CONTACT_SECTION_ID} aria-labelledby={`${CONTACT_SECTION_ID}-title`}>
          <h2 id={`${CONTACT_SECTION_ID}-title`}>{t('help.contact.title')}</h2>
          <p>
            <LinkedText
              text={t('help.contact.body')}
              link={{ href: supportRequestsUrl(), label: t('supportRequests.title') }}
            />
          </p>
          <p>
            <a class="button" id={CONTACT_OPENER_ID} {...paneLink(contactSupportUrl())}>
              {t('help.contact.open')}
            </a>
          </p>
          {admin(p.user) ? (
            <p>
              <a href={supportRequestsUrl({ all: true })}>{t('help.contact.all')}</a>
            </p>
          ) : null}
        </section>
      </div>
    ),
  })
}
