// Selfserve's own script: the few things htmx does not do (docs/architecture.md "Panes and dialogs").
// Every page works without it. It opens the pane slot (#pane, filled by htmx) as a modal <dialog>,
// closes it on Escape or Close, gives focus back to the control that opened it, and closes the
// ⋯ menus on Escape or a click elsewhere. No inline code: the CSP allows scripts from our origin only.
;(() => {
  const dialog = document.getElementById('pane-dialog')
  const pane = () => document.getElementById('pane')
  const openMenus = () => document.querySelectorAll('details.more-actions[open], details.small-menu[open]')
  const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select, textarea, summary, [tabindex]'

  // The control that opened the pane, and the ids around it: a change re-renders the region it sits
  // in, so after the dialog closes the same control (or the nearest region still there) is found by id.
  let opener = null
  let openerIds = []

  function remember(elt) {
    opener = elt
    openerIds = []
    for (let e = elt; e && e !== document.body; e = e.parentElement) if (e.id) openerIds.push(e.id)
  }

  function returnFocus() {
    let target = opener?.isConnected ? opener : null
    for (const id of target ? [] : openerIds) {
      const region = document.getElementById(id)
      target = region && (region.matches(FOCUSABLE) ? region : region.querySelector(FOCUSABLE))
      if (target) break
    }
    // A ⋯ menu item is hidden once its menu closes: its button takes focus.
    const menu = target?.closest('details')
    if (menu && !menu.open) target = menu.querySelector('summary')
    if (!target) {
      target = document.querySelector('main h1')
      target?.setAttribute('tabindex', '-1')
    }
    opener = null
    target?.focus()
    // openerIds stay: a list refreshed just after (HX-Trigger) may replace the focused element.
  }

  // After every swap: a pane with content is shown as a modal dialog; an empty one closes it.
  function sync() {
    const slot = pane()
    if (!dialog || !slot) return
    // Focus fell to the page when a swap replaced the control it was given back to: find it again.
    if (!dialog.open && openerIds.length && document.activeElement === document.body) returnFocus()
    const content = slot.querySelector('[data-dialog]')
    if (!slot.firstElementChild) {
      if (dialog.open) dialog.close()
      return
    }
    const confirm = content?.dataset.dialog === 'confirm'
    dialog.className = confirm ? 'dialog-confirm' : 'drawer'
    if (confirm) dialog.setAttribute('role', 'alertdialog')
    else dialog.removeAttribute('role')
    const describedBy = content?.dataset.describedBy
    if (describedBy) dialog.setAttribute('aria-describedby', describedBy)
    else dialog.removeAttribute('aria-describedby')
    if (!dialog.open) {
      for (const menu of openMenus()) menu.open = false
      dialog.showModal()
    }
    if (!dialog.contains(document.activeElement)) slot.querySelector('[autofocus]')?.focus()
  }

  if (dialog) {
    // A request that will fill the pane: its source is the control to give focus back to. It also
    // notes how many times the dialog has closed, so an answer that arrives after the user closed it
    // (a slow server, a double click) does not open it again.
    let closes = 0
    document.addEventListener('htmx:before:request', (e) => {
      const ctx = e.detail?.ctx
      if (!ctx || ctx.target !== pane()) return
      ctx.paneCloses = closes
      if (!dialog.open && e.target instanceof Element) remember(e.target)
    })
    document.addEventListener('htmx:before:swap', (e) => {
      const ctx = e.detail?.ctx
      if (ctx && ctx.target === pane() && ctx.paneCloses !== undefined && ctx.paneCloses !== closes) e.preventDefault()
    })
    document.addEventListener('htmx:after:swap', sync)
    // Once the user acts on the page again, where the dialog was opened from no longer matters.
    const forget = () => {
      if (!dialog.open) openerIds = []
    }
    document.addEventListener('pointerdown', forget, true)
    document.addEventListener('keydown', forget, true)
    // Escape (the dialog's own cancel) and every other way it closes: empty the slot, focus back.
    dialog.addEventListener('close', () => {
      closes++
      pane()?.replaceChildren()
      returnFocus()
    })
    // Tab and Shift+Tab go round inside the dialog instead of leaving it for the browser's own bar.
    dialog.addEventListener('keydown', (e) => {
      if (e.key !== 'Tab') return
      const stops = [...dialog.querySelectorAll(FOCUSABLE)].filter(
        (el) => el.tabIndex >= 0 && el.getClientRects().length > 0,
      )
      if (!stops.length) return
      const first = stops[0]
      const last = stops[stops.length - 1]
      const at = document.activeElement
      if (e.shiftKey && (at === first || !dialog.contains(at))) {
        e.preventDefault()
        last.focus()
      } else if (!e.shiftKey && (at === last || !dialog.contains(at))) {
        e.preventDefault()
        first.focus()
      }
    })
    // "Close" is a link back to the page for a browser without JavaScript; here it only closes.
    dialog.addEventListener('click', (e) => {
      if (e.target instanceof Element && e.target.closest('[data-pane-close]')) {
        e.preventDefault()
        dialog.close()
      }
    })
  }

  // "Selected: n" beside a list's action counts the boxes ticked in its form as they change.
  document.addEventListener('change', (e) => {
    const box = e.target
    if (!(box instanceof HTMLInputElement) || box.type !== 'checkbox' || !box.form) return
    const count = box.form.querySelector(`[data-selected-count="${CSS.escape(box.name)}"]`)
    if (!count) return
    const ticked = box.form.querySelectorAll(`input[name="${CSS.escape(box.name)}"]:checked`).length
    count.textContent = new Intl.NumberFormat(document.documentElement.lang || undefined).format(ticked)
  })

  // The ⋯ menus and the narrow screen's Menu are <details>: they open without this file; here they
  // also close on Escape and on a click anywhere else, like any menu.
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return
    for (const menu of openMenus()) {
      if (!menu.contains(document.activeElement)) {
        menu.open = false
        continue
      }
      menu.open = false
      menu.querySelector('summary')?.focus()
      e.preventDefault()
    }
  })
  document.addEventListener('click', (e) => {
    for (const menu of openMenus()) if (!(e.target instanceof Node && menu.contains(e.target))) menu.open = false
  })
  // Opening one menu closes the others. An open menu is pinned under its button: a table's scroll
  // box would otherwise clip it; it follows the button when the page scrolls.
  function pin(menu) {
    const button = menu.querySelector('summary')
    const list = menu.querySelector('ul')
    if (!button || !list) return
    const at = button.getBoundingClientRect()
    list.style.position = 'fixed'
    list.style.top = `${at.bottom}px`
    list.style.right = `${Math.max(0, document.documentElement.clientWidth - at.right)}px`
  }
  document.addEventListener(
    'toggle',
    (e) => {
      const opened = e.target
      if (!(opened instanceof HTMLDetailsElement) || !opened.open) return
      if (!opened.matches('.more-actions, .small-menu')) return
      for (const menu of openMenus()) if (menu !== opened) menu.open = false
      if (opened.matches('.more-actions')) pin(opened)
    },
    true,
  )
  const repin = () => {
    for (const menu of openMenus()) if (menu.matches('.more-actions')) pin(menu)
  }
  document.addEventListener('scroll', repin, { capture: true, passive: true })
  window.addEventListener('resize', repin)
})()
