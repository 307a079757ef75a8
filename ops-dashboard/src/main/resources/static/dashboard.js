'use strict';
// The ops dashboard page: renders the server's snapshots (server-sent events from /api/stream) and calls
// the dashboard's API for the review queue, dead-letter replay and trails. Every value from the topics is
// foreign data, so it is only ever put into the page as text (never as HTML).
(function () {
  const $ = (id) => document.getElementById(id);
  let snapshot = null;
  let selectedReview = null;
  let signedInAs = null;

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([key, value]) => {
      if (value === undefined || value === null || value === false) return;
      if (key === 'class') node.className = value;
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else if (key.startsWith('data-')) node.setAttribute(key, value);
      else node[key] = value;
    });
    children.flat().forEach((child) => {
      if (child === null || child === undefined) return;
      node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
    });
    return node;
  }
  const slug = (text) => String(text || '').toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const pill = (text, kind) => text ? el('span', { class: 'pill ' + slug(kind || text) }, text) : el('span', { class: 'muted' }, '–');
  const time = (iso) => iso ? new Date(iso).toLocaleTimeString() : '';
  const when = (iso) => iso ? new Date(iso).toLocaleString() : '';
  const replaceBody = (table, rows) => { const body = $(table).tBodies[0]; body.replaceChildren(...rows); };

  async function api(method, path, body) {
    const headers = { 'Accept': 'application/json' };
    if (method !== 'GET') headers['X-Requested-With'] = 'ops-dashboard';
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(path, { method, headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body) });
    if (response.status === 401) { location.href = '/login.html'; throw new Error('signed out'); }
    const data = await response.json().catch(() => null);
    if (!response.ok) {
      const detail = data && (data.detail || data.title);
      throw new Error(detail || ('HTTP ' + response.status));
    }
    return data;
  }

  // ---------------------------------------------------------------- tabs
  $('tabs').addEventListener('click', (event) => {
    const button = event.target.closest('button[data-view]');
    if (!button) return;
    document.querySelectorAll('#tabs button').forEach((b) => b.classList.toggle('active', b === button));
    document.querySelectorAll('section.view').forEach((s) => s.classList.toggle('active', s.id === 'view-' + button.dataset.view));
    if (button.dataset.view === 'reviews') loadReviews();
    if (button.dataset.view === 'emails') loadUnconfirmedEmails();
  });

  // ---------------------------------------------------------------- live snapshot
  // Each part of the page is rebuilt only when its data changed, so what the reviewer is looking at
  // (an open payload, a button under the pointer) stays put while other parts update.
  const rendered = {};
  function changed(part, data) {
    const json = JSON.stringify(data);
    if (rendered[part] === json) return false;
    rendered[part] = json;
    return true;
  }

  function render(data) {
    const previous = snapshot;
    snapshot = data;
    if (changed('steps', [data.steps, data.awaitingManualReview, data.notificationsFailed, data.deadLetters.map((t) => t.total)])) renderSteps(data);
    if (changed('refunds', data.refunds)) renderRefunds(data, previous);
    if (changed('mix', data.decisionMix)) replaceBody('mix', data.decisionMix.map((row) => el('tr', {},
      el('td', {}, row.productKind), el('td', {}, row.ground),
      el('td', { class: 'num' }, row.approved), el('td', { class: 'num' }, row.rejected),
      el('td', { class: 'num' }, row.manualReview), el('td', { class: 'num' }, row.reviewApproved),
      el('td', { class: 'num' }, row.reviewRejected))));
    if (changed('amounts', data.approvedAmounts)) replaceBody('amounts', data.approvedAmounts.map((row) => el('tr', { 'data-currency': row.currency },
      el('td', {}, row.currency), el('td', { class: 'num mono' }, row.amount), el('td', { class: 'num' }, row.approvals))));
    if (changed('lag', data.consumerLag)) renderLag(data);
    if (changed('charts', [data.lastHour, data.reviewAge])) renderCharts(data);
    if (changed('dead-letters', data.deadLetters)) renderDeadLetters(data);
    if (changed('events', data.topics)) renderEvents(data);
    loadMoney();
    const awaiting = data.awaitingManualReview;
    $('review-badge').hidden = !awaiting;
    $('review-badge').textContent = awaiting;
    if (previous && previous.awaitingManualReview !== awaiting && $('view-reviews').classList.contains('active')) {
      loadReviews();
    }
  }

  // ---------------------------------------------------------------- charts (inline SVG, drawn here)
  const SVG = 'http://www.w3.org/2000/svg';
  function svg(tag, attrs, ...children) {
    const node = document.createElementNS(SVG, tag);
    Object.entries(attrs || {}).forEach(([key, value]) => node.setAttribute(key, value));
    children.forEach((child) => node.appendChild(child instanceof Node ? child : document.createTextNode(String(child))));
    return node;
  }

  // Stacked bars, one per row; each series is a field of the row and a CSS class that colours it.
  function barChart(id, rows, series, labelOf, axisLabels) {
    const width = 600, height = 110, left = 28, bottom = 14;
    const max = Math.max(1, ...rows.map((row) => series.reduce((sum, s) => sum + row[s.field], 0)));
    const step = (width - left) / rows.length;
    const chart = svg('svg', { id, class: 'chart', viewBox: '0 0 ' + width + ' ' + (height + bottom), role: 'img' },
      svg('text', { x: 0, y: 9, class: 'axis' }, max), svg('text', { x: 0, y: height, class: 'axis' }, 0),
      svg('line', { x1: left, y1: height, x2: width, y2: height, class: 'baseline' }));
    rows.forEach((row, i) => {
      let top = height;
      series.forEach((s) => {
        const h = row[s.field] / max * (height - 2);
        if (!h) return;
        top -= h;
        chart.appendChild(svg('rect', { x: left + i * step, y: top, width: Math.max(1, step - 1), height: h,
          class: 'bar ' + s.kind, 'data-count': row[s.field] }, svg('title', {}, labelOf(row) + ': ' + row[s.field] + ' ' + s.label)));
      });
    });
    axisLabels.forEach(([i, text, anchor]) => chart.appendChild(svg('text', { x: left + i * step, y: height + bottom - 2,
      class: 'axis', 'text-anchor': anchor || 'start' }, text)));
    return chart;
  }

  function renderCharts(data) {
    const minute = (row) => time(row.start).replace(/:00$/, '');
    const hourAxis = [[0, '60 min ago'], [data.lastHour.length, 'now', 'end']];
    $('chart-requests').replaceChildren(barChart('chart-requests-svg', data.lastHour,
      [{ field: 'requests', kind: 'requests', label: 'requests' }], minute, hourAxis));
    $('chart-decisions').replaceChildren(barChart('chart-decisions-svg', data.lastHour, [
      { field: 'approved', kind: 'approved', label: 'approved' }, { field: 'rejected', kind: 'rejected', label: 'rejected' },
      { field: 'manualReview', kind: 'manual-review', label: 'to manual review' },
      { field: 'reviewApproved', kind: 'review-approved', label: 'approved by a reviewer' },
      { field: 'reviewRejected', kind: 'review-rejected', label: 'rejected by a reviewer' }], minute, hourAxis));
    $('chart-emails').replaceChildren(barChart('chart-emails-svg', data.lastHour,
      [{ field: 'emails', kind: 'emails', label: 'emails sent' }], minute, hourAxis));
    const age = data.reviewAge;
    $('chart-review-age').replaceChildren(barChart('chart-review-age-svg', age.buckets,
      [{ field: 'count', kind: 'manual-review', label: 'waiting' }], (bucket) => bucket.label,
      age.buckets.map((bucket, i) => [i + 0.5, bucket.label, 'middle'])));
    $('review-age-summary').textContent = age.waiting + ' waiting'
      + (age.waiting ? ', the oldest for ' + duration(age.oldestSeconds) : '');
  }

  function duration(seconds) {
    if (seconds < 3600) return Math.round(seconds / 60) + ' min';
    if (seconds < 172800) return (seconds / 3600).toFixed(1) + ' h';
    return (seconds / 86400).toFixed(1) + ' days';
  }

  // The money panel has its own endpoint (the money read model is not part of the flow snapshot); it is asked
  // again whenever a snapshot arrives, one request at a time.
  let moneyLoading = false;
  async function loadMoney() {
    if (moneyLoading) return;
    moneyLoading = true;
    try {
      const money = await api('GET', '/api/money');
      if (changed('money', [money.currencies, money.ordersOverRefunded])) renderMoney(money);
    } catch (e) {
      // the next snapshot asks again
    } finally {
      moneyLoading = false;
    }
  }

  function renderMoney(money) {
    const alarm = $('money-alarm');
    alarm.textContent = money.ordersOverRefunded;
    alarm.dataset.count = money.ordersOverRefunded;
    alarm.className = 'pill ' + (money.ordersOverRefunded ? 'dead' : 'approved');
    alarm.title = money.overRefunded.map((o) => o.orderId + ': paid ' + o.paid + ', approved ' + o.approved
      + ', released ' + o.released).join('\n');
    replaceBody('money', money.currencies.map((row) => el('tr', { 'data-currency': row.currency },
      el('td', {}, row.currency), el('td', { class: 'num mono' }, row.reserved),
      el('td', { class: 'num mono' }, row.settled), el('td', { class: 'num mono' }, row.released),
      el('td', { class: 'num mono' }, row.outside))));
  }

  function renderLag(data) {
    const maxLag = Math.max(1, ...data.consumerLag.map((g) => g.lag || 0));
    replaceBody('lag', data.consumerLag.map((group) => el('tr', { 'data-group': group.group },
      el('td', {}, group.group), el('td', {}, group.state), el('td', { class: 'num' }, group.members),
      el('td', { class: 'num' }, group.lag === null ? '–' : group.lag, ' ',
        group.lag === null ? null : el('span', { class: 'bar' })),
      el('td', { class: 'muted' }, group.error || group.topics.map((t) => t.topic + ': ' + t.lag).join(', ')))));
    document.querySelectorAll('#lag tbody tr').forEach((row, i) => {
      const bar = row.querySelector('.bar');
      const lag = data.consumerLag[i].lag || 0;
      if (bar) bar.style.width = Math.round(60 * lag / maxLag) + 'px';
    });
  }

  function renderSteps(data) {
    const cards = data.steps.map((step) => el('div', { class: 'step', 'data-step': step.name },
      el('div', { class: 'label' }, step.label),
      el('div', { class: 'count' }, step.count),
      el('div', { class: 'rate' }, step.perMinute + ' / min')));
    const facts = el('div', { class: 'side-facts' },
      el('div', { class: 'fact' }, el('b', { id: 'awaiting-review' }, data.awaitingManualReview), 'awaiting manual review'),
      el('div', { class: 'fact' }, el('b', {}, data.notificationsFailed), 'notifications failed'),
      el('div', { class: 'fact' }, el('b', {}, data.deadLetters.reduce((n, t) => n + t.total, 0)), 'dead letters'));
    $('steps').replaceChildren(...cards, facts);
  }

  function renderRefunds(data, previous) {
    const before = new Map((previous ? previous.refunds : []).map((r) => [r.refundId, r.stage + r.outcome]));
    replaceBody('refunds', data.refunds.map((r) => el('tr', {
      'data-refund-id': r.refundId,
      class: previous && before.get(r.refundId) !== r.stage + r.outcome ? 'fresh' : null },
      el('td', { class: 'mono' }, el('a', { href: '#', onclick: (e) => { e.preventDefault(); showTrail(r.refundId); } }, r.refundId)),
      el('td', { class: 'mono' }, r.caseNumber || '–'),
      el('td', {}, r.productKind + ' / ' + r.ground),
      el('td', { class: 'stage' }, pill(r.stage, 'stage'), r.deadLettered ? ' ' : null, r.deadLettered ? pill('dead letter', 'dead') : null),
      el('td', { class: 'outcome' }, pill(r.outcome)),
      el('td', { class: 'num mono' }, r.amount || ''))));
  }

  function headersList(headers) {
    return el('table', { class: 'mono' }, el('tbody', {}, headers.map((h) => el('tr', {}, el('td', {}, h.name), el('td', {}, h.value)))));
  }

  function renderDeadLetters(data) {
    const total = data.deadLetters.reduce((n, t) => n + t.items.filter((d) => !d.replay).length, 0);
    $('dlt-badge').hidden = !total;
    $('dlt-badge').textContent = total;
    const open = new Set([...document.querySelectorAll('#dead-letters details[open]')].map((d) => d.dataset.id));
    $('dead-letters').replaceChildren(...data.deadLetters.map((topic) => el('div', { class: 'panel', 'data-dlt-topic': topic.topic },
      el('div', { class: 'toolbar' },
        el('h2', {}, topic.topic + ' · ' + topic.total),
        el('button', { class: 'act danger', 'data-replay-all': topic.topic, disabled: !topic.items.some((d) => !d.replay),
          onclick: () => replayAll(topic.topic) }, 'Replay all')),
      topic.items.length === 0 ? el('p', { class: 'muted' }, 'No dead letters.') :
        el('table', {}, el('thead', {}, el('tr', {}, ['When', 'Key', 'From', 'Cause', 'Payload', 'Replay'].map((h) => el('th', {}, h)))),
          el('tbody', {}, topic.items.map((d) => el('tr', { 'data-dead-letter-id': d.id, 'data-key': d.key || '' },
            el('td', {}, time(d.timestamp)),
            el('td', { class: 'mono' }, d.key || '–'),
            el('td', { class: 'mono' }, d.originalPosition || d.originalTopic),
            el('td', { class: 'cause' }, el('div', { class: 'mono muted' }, d.exceptionClass || ''), el('div', {}, d.exceptionMessage || '(no cause header)')),
            el('td', {}, el('details', { 'data-id': d.id, open: open.has(d.id) },
              el('summary', {}, d.payloadBytes + ' bytes'), el('pre', {}, d.payload || ''), headersList(d.headers))),
            el('td', { class: 'replay-status' }, d.replay
              ? el('span', {}, pill('replayed', 'replayed'), el('div', { class: 'muted mono' }, '→ ' + d.replay.target), el('div', { class: 'muted' }, (d.replay.by ? 'by ' + d.replay.by + ' ' : '') + time(d.replay.at)))
              : el('button', { class: 'act', 'data-replay': d.id, onclick: () => replay(d.id) }, 'Replay')))))))));
  }

  async function replay(id) {
    try { await api('POST', '/api/dead-letters/replay?id=' + encodeURIComponent(id)); }
    catch (e) { alert('Replay failed: ' + e.message); }
  }

  async function replayAll(topic) {
    if (!confirm('Replay every dead letter of ' + topic + ' that was not replayed yet?')) return;
    try { await api('POST', '/api/dead-letters/replay-all?topic=' + encodeURIComponent(topic)); }
    catch (e) { alert('Replay failed: ' + e.message); }
  }

  function renderEvents(data) {
    const open = new Set([...document.querySelectorAll('#events details[open]')].map((d) => d.dataset.id));
    $('events').replaceChildren(...data.topics.map((topic) => el('div', { class: 'panel', 'data-topic': topic.topic },
      el('h2', {}, topic.topic + ' · ' + topic.total + ' records'),
      topic.latest.length === 0 ? el('p', { class: 'muted' }, 'Nothing yet.') :
        el('table', {}, el('tbody', {}, topic.latest.map((e) => {
          const type = (e.headers.find((h) => h.name === 'ce_type') || {}).value;
          const id = e.topic + '@' + e.partition + ':' + e.offset;
          return el('tr', {},
            el('td', { class: 'muted' }, time(e.timestamp)),
            el('td', { class: 'mono' }, e.key || '–'),
            el('td', {}, el('details', { 'data-id': id, open: open.has(id) },
              el('summary', {}, type ? type.replace('io.refundflow.', '') : '(no ce_type)', ' · ', e.partition + ':' + e.offset),
              headersList(e.headers), el('pre', {}, e.payload || ''))));
        }))))));
  }

  // ---------------------------------------------------------------- manual review
  async function loadReviews() {
    const params = new URLSearchParams({ size: '50' });
    if ($('filter-ground').value) params.set('ground', $('filter-ground').value);
    if ($('filter-kind').value) params.set('productKind', $('filter-kind').value);
    $('reviews-message').textContent = '';
    try {
      const page = await api('GET', '/api/reviews?' + params);
      replaceBody('reviews', page.items.map((item) => el('tr', { 'data-review-id': item.refundId, 'data-status': item.status },
        el('td', { class: 'mono' }, item.refundId),
        el('td', { class: 'mono' }, item.orderId),
        el('td', {}, (item.productKind || '?') + ' / ' + item.ground),
        el('td', {}, time(item.openedAt)),
        dueCell(item.deadline),
        el('td', { class: 'mono muted' }, item.ruleId),
        el('td', { class: 'num mono' }, item.proposedAmount ? item.proposedAmount.amount + ' ' + item.proposedAmount.currency : '–'),
        statusCell(item),
        el('td', {}, el('button', { class: 'act secondary', 'data-open': item.refundId, onclick: () => openReview(item.refundId) }, 'Open'), ' ',
          el('button', { class: 'act', 'data-claim': item.refundId, onclick: () => claim(item.refundId),
            disabled: item.status === 'AWAITING_EVIDENCE', title: item.status === 'AWAITING_EVIDENCE' ? 'waiting for the customer\'s evidence' : undefined }, 'Claim')))));
      $('reviews-message').textContent = page.total + ' in the queue';
    } catch (e) {
      $('reviews-message').textContent = 'Could not load the queue: ' + e.message;
    }
  }

  // Who holds a case, or what it waits for. A case waiting for the customer's files says until when, who asked
  // and for what (the message in full on hover); it has no due time meanwhile, and nobody can claim it.
  function statusCell(item) {
    const asked = item.evidenceRequest;
    if (item.status === 'AWAITING_EVIDENCE' && asked) {
      return el('td', { class: 'status' }, pill(item.status), ' waiting for the customer until ' + when(asked.answerBy),
        el('div', { class: 'muted asked', title: asked.message }, 'asked by ' + asked.requestedBy + ': “' + shorten(asked.message, 120) + '”'));
    }
    return el('td', { class: 'status' }, pill(item.status), ' ', item.firstApproval
      ? item.firstApproval.reviewer + ' approved; awaiting a second reviewer' : (item.claimedBy || ''));
  }

  function shorten(text, length) {
    return text.length <= length ? text : text.slice(0, length - 1) + '…';
  }

  // The policy gives each review a due time (reviewDueWithin); a late one stands out.
  function dueCell(deadline) {
    if (!deadline) return el('td', { class: 'muted' }, '–');
    const due = new Date(deadline.dueAt).toLocaleString();
    return el('td', { class: deadline.overdue ? 'overdue' : '', 'data-overdue': String(deadline.overdue) },
      deadline.overdue ? 'overdue since ' + due : due);
  }

  async function claim(refundId) {
    try {
      await api('POST', '/api/reviews/' + encodeURIComponent(refundId) + '/claim');
      await openReview(refundId);
      loadReviews();
    } catch (e) {
      $('reviews-message').textContent = 'Claim failed: ' + e.message;
    }
  }

  async function openReview(refundId) {
    selectedReview = refundId;
    const box = $('review-detail');
    box.hidden = false;
    box.replaceChildren(el('p', { class: 'muted' }, 'Loading ' + refundId + '…'));
    let review;
    try { review = await api('GET', '/api/reviews/' + encodeURIComponent(refundId)); }
    catch (e) { box.replaceChildren(el('p', { class: 'error' }, e.message)); return; }
    renderReview(refundId, review);
  }

  function renderReview(refundId, review) {
    const box = $('review-detail');
    const decision = review.decision || {};
    const request = review.request || {};
    // An exchange moves no money: it is approved without an amount.
    const exchange = request.kind === 'EXCHANGE';
    // Four eyes: the second reviewer confirms the first approval's amount (or rejects the case).
    const first = review.firstApproval;
    const proposed = exchange ? {} : (first && first.amount) || proposedAmount(decision, review.refundable);
    // A rule that proposes no refund (refund: NONE) gets no amount: paying money there needs one typed, and a reason.
    const unproposed = !exchange && !proposed.amount;
    const amount = el('input', { id: 'decision-amount', value: proposed.amount || '', size: 12,
      placeholder: unproposed ? 'amount' : '' });
    const currency = el('input', { id: 'decision-currency', value: proposed.currency || '', size: 4,
      placeholder: unproposed && review.refundable ? review.refundable.currency : '' });
    const reasonEn = el('input', { id: 'decision-reason-en', placeholder: unproposed ? 'reason (English, required to pay)' : 'reason (English)', size: 40 });
    const reasonZh = el('input', { id: 'decision-reason-zh', placeholder: unproposed ? 'reason (Chinese, required to pay)' : 'reason (Chinese)', size: 30 });
    const message = el('div', { class: 'message', id: 'decision-message' });
    const order = review.order || {};
    const asked = review.evidenceRequest;
    const waiting = review.status === 'AWAITING_EVIDENCE' && asked;
    box.replaceChildren(
      el('h2', {}, 'Case ' + refundId),
      el('div', { class: 'facts' },
        el('span', { class: 'muted' }, 'Status'), el('span', { id: 'review-status' }, review.status + (review.claimedBy ? ' · claimed by ' + review.claimedBy : '')
          + (first && !review.outcome ? ' · ' + first.reviewer + ' approved ' + moneyText(first.amount) + ': awaiting second approval by someone other than ' + first.reviewer : '')
          + (waiting ? ' · waiting for the customer until ' + when(asked.answerBy) : '')),
        el('span', { class: 'muted' }, 'Request'), el('span', {}, (request.ground || '') + ' · ' + (request.kind || '') + ' · “' + (request.description || '') + '”'),
        asked ? [el('span', { class: 'muted' }, 'Evidence asked for'), el('div', { id: 'review-evidence-request' },
          'by ' + asked.requestedBy + ' on ' + when(asked.requestedAt) + ', answer by ' + when(asked.answerBy),
          el('blockquote', { class: 'asked-message' }, asked.message))] : null,
        el('span', { class: 'muted' }, 'Evidence'), evidenceList(refundId, review.evidence || []),
        el('span', { class: 'muted' }, 'Order'), el('span', {}, (order.orderId || '?') + ' · ' + (order.productKind || '?') + ' · paid ' + (order.paidAmount ? order.paidAmount.amount + ' ' + order.paidAmount.currency : '?')),
        el('span', { class: 'muted' }, 'Customer owns order'), el('span', {}, String(review.customerMatchesOrder)),
        el('span', { class: 'muted' }, 'Why in review'), el('span', {}, (decision.ruleId || '') + ' — ' + ((decision.reason || {}).en || '')),
        el('span', { class: 'muted' }, 'Refundable at most'), el('span', { class: 'mono' }, review.refundable ? review.refundable.amount + ' ' + review.refundable.currency : '–'),
        el('span', { class: 'muted' }, 'Order ledger'), el('span', { class: 'mono', id: 'review-ledger' }, ledgerText(review.ledger))),
      review.outcome ? el('p', { id: 'review-outcome' }, pill(outcomeText(review.outcome)),
        (review.outcome.amount ? ' ' + moneyText(review.outcome.amount) : '') + againstPolicyText(review.outcome) + ' by ' + review.outcome.reviewer
          + (review.outcome.firstApproval ? ' after ' + review.outcome.firstApproval.reviewer + ' approved ' + moneyText(review.outcome.firstApproval.amount) : '')
          + (review.outcome.reasonCode === 'EVIDENCE_NOT_PROVIDED' ? ': the customer added no evidence by ' + when(asked && asked.answerBy) + ' (EVIDENCE_NOT_PROVIDED)' : '')) :
        waiting ? el('p', { id: 'review-waiting' }, pill(review.status), ' Nobody can decide the case until the customer adds files: then it returns to the queue in its old place. Without files by '
          + when(asked.answerBy) + ' it is rejected (EVIDENCE_NOT_PROVIDED).') :
        el('div', {}, el('div', { class: 'toolbar' }, exchange ? [] : ['Amount', amount, currency], reasonEn, reasonZh,
          el('button', { class: 'act ok', id: 'decision-approve', onclick: () => decide(refundId, true) },
            exchange ? 'Approve exchange' : 'Approve'),
          el('button', { class: 'act danger', id: 'decision-reject', onclick: () => decide(refundId, false) }, 'Reject')),
          el('p', { class: 'muted', id: 'decision-hint' }, decisionHint(exchange, unproposed, first)),
        holdsIt(review) ? evidenceRequestForm(refundId, decision) : null),
      message);
  }

  // What the policy proposed when the case opened, capped at what is refundable now; nothing when it proposed none.
  function proposedAmount(decision, refundable) {
    const proposal = decision.proposedAmount;
    if (!proposal) return {};
    const above = refundable && refundable.currency === proposal.currency && Number(refundable.amount) < Number(proposal.amount);
    return above ? refundable : proposal;
  }

  // Where the form's amount comes from, or why there is none.
  function decisionHint(exchange, unproposed, first) {
    if (exchange) return 'An exchange is approved without an amount: the replacement is arranged and no money is refunded.';
    if (first && first.amount) return 'A second approval confirms the first approval\'s amount.';
    if (unproposed) return 'The rule proposes no refund: to pay money anyway, type the amount and a reason.';
    return 'The amount is the policy\'s proposal, capped at what is refundable now.';
  }

  function outcomeText(outcome) {
    if (!outcome.approved) return 'review rejected';
    return outcome.exchange ? 'exchange approved' : 'review approved';
  }

  // Money paid where the rule proposed none is said so wherever the outcome shows.
  function againstPolicyText(outcome) {
    return outcome.againstPolicy ? ' against the policy (its rule proposes no refund)' : '';
  }

  function holdsIt(review) {
    return (review.status === 'OPEN' || review.status === 'CLAIMED') && !!review.claimedBy && review.claimedBy === signedInAs;
  }

  // What a case without evidence usually lacks (the policy's EVIDENCE_MISSING reason promises to ask for it).
  const EVIDENCE_MISSING_TEXT = 'To decide your claim we need evidence of the fault. Please add to your case any of:'
    + ' usage records of the server for the days of the fault (monitoring graphs or logs), screenshots of the fault'
    + ' showing when it happened, or the contract terms the service did not meet.';

  // Only the reviewer holding the case may ask; the customer reads the message as written (email and case page).
  function evidenceRequestForm(refundId, decision) {
    return el('div', { class: 'evidence-request', id: 'evidence-request-form' },
      el('label', { htmlFor: 'evidence-message' }, 'Ask the customer for more evidence: what should they add?'),
      el('textarea', { id: 'evidence-message', rows: 4, maxLength: 2000,
        value: decision.reasonCode === 'EVIDENCE_MISSING' ? EVIDENCE_MISSING_TEXT : undefined,
        placeholder: 'e.g. usage records, screenshots of the fault, the contract terms' }),
      el('div', { class: 'toolbar' },
        el('button', { class: 'act secondary', id: 'evidence-request', onclick: () => requestEvidence(refundId) }, 'Ask for more evidence'),
        el('span', { class: 'muted' }, 'The case waits for the customer\'s files (your claim is let go), up to the policy\'s answer time.')),
      el('div', { class: 'message', id: 'evidence-request-message' }));
  }

  async function requestEvidence(refundId) {
    const body = { message: $('evidence-message').value.trim() };
    try {
      const waiting = await api('POST', '/api/reviews/' + encodeURIComponent(refundId) + '/evidence-request', body);
      if (selectedReview === refundId) {
        renderReview(refundId, waiting);
        $('decision-message').replaceChildren(pill('evidence requested', 'awaiting-evidence'), ' The customer was asked for more evidence by '
          + waiting.evidenceRequest.requestedBy + '; the case waits for their files until ' + when(waiting.evidenceRequest.answerBy) + '.');
      }
      loadReviews();
    } catch (e) {
      $('evidence-request-message').replaceChildren(el('span', { class: 'error' }, 'Request for evidence failed: ' + e.message));
    }
  }

  // Each file opens from refund-intake through the dashboard (the reviewer's session stays here); images are
  // shown right in the case, PDFs open in the browser, other types download.
  // Files the customer added when asked for more evidence say when (addedAt; null for the request's own files).
  function evidenceList(refundId, files) {
    if (!files.length) return el('span', { id: 'review-evidence' }, 'none');
    return el('ul', { class: 'evidence', id: 'review-evidence' }, files.map((file) => {
      const href = '/api/evidence/' + encodeURIComponent(refundId) + '/' + encodeURIComponent(file.sha256);
      return el('li', { 'data-evidence': file.sha256, 'data-added-at': file.addedAt },
        el('a', { href, target: '_blank', rel: 'noopener' }, file.fileName),
        el('span', { class: 'muted' }, ' ' + file.contentType + ', ' + file.sizeBytes + ' bytes'),
        file.addedAt ? [' ', el('span', { class: 'pill added' }, 'added ' + when(file.addedAt))] : null,
        file.contentType.startsWith('image/') ? el('div', {}, el('img', { src: href, alt: file.fileName, class: 'evidence-image' })) : null);
    }));
  }

  function moneyText(m) {
    return m ? m.amount + ' ' + m.currency : '–';
  }

  // The order's money as the evaluator's ledger holds it: what an approval may still take.
  function ledgerText(ledger) {
    if (!ledger) return '–';
    const money = (m) => m ? m.amount + ' ' + m.currency : '–';
    const refunds = (ledger.entries || []).map((e) => e.refundId + ' ' + money(e.amount) + ' ' + e.state).join('; ');
    return 'paid ' + money(ledger.paid) + ' · settled ' + money(ledger.settled) + ' · reserved ' + money(ledger.reserved)
      + ' · refunded outside ' + money(ledger.outside) + ' · refundable ' + money(ledger.refundable)
      + (refunds ? ' (' + refunds + ')' : '');
  }

  async function decide(refundId, approved) {
    const body = { approved };
    // an exchange's form has no amount field: its approval never carries one
    const amount = $('decision-amount') ? $('decision-amount').value.trim() : '';
    if (approved && amount) body.amount = { amount, currency: $('decision-currency').value.trim() };
    const en = $('decision-reason-en').value.trim();
    const zh = $('decision-reason-zh').value.trim();
    if (en || zh) body.reason = { en: en || zh, zh: zh || en };
    try {
      const outcome = await api('POST', '/api/reviews/' + encodeURIComponent(refundId) + '/decision', body);
      if (outcome.status === 'AWAITING_SECOND_APPROVAL') {
        $('decision-message').replaceChildren(pill('first approval'), ' of ' + moneyText(outcome.amount)
          + ' recorded: above the four-eyes threshold, so it awaits a second approval by someone other than ' + outcome.reviewer + '.');
        loadReviews();
        return;
      }
      $('decision-message').replaceChildren(pill(outcomeText(outcome)),
        (outcome.amount ? ' ' + moneyText(outcome.amount) : '') + againstPolicyText(outcome) + ' by ' + outcome.reviewer
          + (outcome.firstApproval ? ' after ' + outcome.firstApproval.reviewer + ' approved ' + moneyText(outcome.firstApproval.amount) : '')
          + ', sent (event ' + outcome.eventId + '); the outcome appears in the flow when it is on refund.decisions.');
      loadReviews();
    } catch (e) {
      $('decision-message').replaceChildren(el('span', { class: 'error' }, 'Decision failed: ' + e.message));
    }
  }

  $('reviews-refresh').addEventListener('click', loadReviews);
  $('filter-ground').addEventListener('change', loadReviews);
  $('filter-kind').addEventListener('change', loadReviews);

  // ---------------------------------------------------------------- trail
  async function showTrail(query) {
    document.querySelector('#tabs button[data-view="trail"]').click();
    $('trail-query').value = query;
    $('trail-message').textContent = '';
    try {
      const trail = await api('GET', '/api/trail?q=' + encodeURIComponent(query));
      $('trail').replaceChildren(
        el('p', {}, 'Refund ', el('b', { class: 'mono' }, trail.refundId), trail.caseNumber ? ' · case ' + trail.caseNumber : '', ' · ' + trail.events.length + ' events'),
        el('ol', { class: 'timeline', id: 'trail-events' }, trail.events.map((e) => el('li', { class: e.topic.endsWith('.DLT') ? 'dead' : '', 'data-type': e.type || '' },
          el('div', {}, el('span', { class: 'muted' }, new Date(e.timestamp).toLocaleString() + ' · '), el('span', { class: 'mono' }, e.topic + '@' + e.partition + ':' + e.offset)),
          el('div', {}, el('b', {}, e.summary || '')),
          el('details', {}, el('summary', {}, (e.type || 'no type') + (e.id ? ' · ' + e.id : '')),
            el('table', { class: 'mono' }, el('tbody', {}, Object.entries(e.headers).map(([k, v]) => el('tr', {}, el('td', {}, k), el('td', {}, v))))),
            el('pre', {}, e.payload || ''))))));
    } catch (e) {
      $('trail').replaceChildren();
      $('trail-message').textContent = e.message;
    }
  }
  $('trail-form').addEventListener('submit', (event) => { event.preventDefault(); showTrail($('trail-query').value.trim()); });

  // ---------------------------------------------------------------- unconfirmed emails
  async function loadUnconfirmedEmails() {
    try {
      const emails = await api('GET', '/api/unconfirmed-emails');
      replaceBody('emails', emails.map((email) => el('tr', { 'data-email-id': email.decisionEventId },
        el('td', { class: 'mono' }, email.refundId),
        el('td', { class: 'mono' }, email.caseNumber),
        el('td', {}, pill(email.decisionType.replace(/^io\.refundflow\.refund\./, '').replace(/\.v\d+$/, ''))),
        el('td', { class: 'mono' }, email.recipient),
        el('td', {}, email.subject),
        el('td', {}, time(email.lastAttemptAt)),
        el('td', { class: 'muted' }, email.lastError),
        el('td', { class: 'resend' }, el('button', { class: 'act secondary', 'data-resend': email.decisionEventId,
          onclick: (event) => confirmResend(event.target.closest('td'), email) }, 'Resend…')))));
      $('emails-message').textContent = emails.length + ' unconfirmed';
    } catch (e) {
      $('emails-message').textContent = 'Could not load the unconfirmed emails: ' + e.message;
    }
  }

  // A resend may duplicate: the page says so and asks again before it sends anything.
  function confirmResend(cell, email) {
    cell.replaceChildren(
      el('span', { class: 'warning' }, 'The customer may already have it and may receive it twice.'), ' ',
      el('button', { class: 'act', 'data-resend-confirm': email.decisionEventId,
        onclick: () => resend(email) }, 'Resend anyway'), ' ',
      el('button', { class: 'act secondary', onclick: loadUnconfirmedEmails }, 'Cancel'));
  }

  async function resend(email) {
    try {
      const answer = await api('POST', '/api/unconfirmed-emails/' + encodeURIComponent(email.decisionEventId) + '/resend');
      await loadUnconfirmedEmails();
      $('emails-message').textContent = 'Resend of ' + email.refundId + ' queued (' + answer.status + '): ' + answer.warning;
    } catch (e) {
      $('emails-message').textContent = 'Resend failed: ' + e.message;
    }
  }
  $('emails-refresh').addEventListener('click', loadUnconfirmedEmails);

  // ---------------------------------------------------------------- session and stream
  $('logout').addEventListener('click', async () => {
    await fetch('/api/session', { method: 'DELETE', credentials: 'same-origin', headers: { 'X-Requested-With': 'ops-dashboard' } });
    location.href = '/login.html';
  });

  function connect() {
    const stream = new EventSource('/api/stream');
    stream.addEventListener('snapshot', (event) => {
      $('live').className = 'live on';
      $('live').textContent = 'live';
      render(JSON.parse(event.data));
    });
    stream.onerror = async () => {
      $('live').className = 'live off';
      $('live').textContent = 'reconnecting…';
      const session = await fetch('/api/session', { credentials: 'same-origin' }).catch(() => null);
      if (session && (session.status === 401 || session.status === 403)) {
        stream.close();
        location.href = '/login.html';
      }
    };
  }

  api('GET', '/api/session').then((session) => { signedInAs = session.subject; $('who').textContent = session.subject; connect(); }).catch(() => {});
})();
