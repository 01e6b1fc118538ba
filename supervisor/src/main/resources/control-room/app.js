// The control room's page: renders each snapshot the server pushes (server-sent events) and
// sends the buttons' actions. No framework, no build step, nothing fetched from the internet.
'use strict';

const $ = (selector) => document.querySelector(selector);
const esc = (value) => String(value ?? '').replace(/[&<>"']/g,
  (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[ch]));
const badge = (text, tone) => `<span class="badge ${tone} state">${esc(text)}</span>`;
let snapshot = null;

// ------------------------------------------------------------------ live updates

function connect() {
  const events = new EventSource('/events');
  events.onopen = () => { $('#live').textContent = 'LIVE'; $('#live').className = 'badge good'; };
  events.onerror = () => { $('#live').textContent = 'RECONNECTING'; $('#live').className = 'badge bad'; };
  events.onmessage = (message) => {
    snapshot = JSON.parse(message.data);
    render(snapshot);
  };
}

function render(s) {
  renderLinks(s.links);
  renderServices(s.processes, s.eureka, s.leaders || {});
  renderBreakers(s.breakers);
  renderPartitions(s.partitions || []);
  renderAutoscaling(s.autoscaling || {});
  renderCanary(s.canary || {});
  renderRuns(s.runs || {});
  renderMap(s);
  renderResilience(s.metrics);
  renderFaultChoices(s.faults);
  renderSwitches();
  renderActiveFaults(s.faults);
  renderTraffic(s.traffic);
  renderOrders(s.sagas || [], s.orders || {}, s.traces || {}, s.links.zipkin);
  $('#activity').innerHTML = (s.activity || []).map((line) => `<li>${esc(line)}</li>`).join('');
}

function renderLinks(links) {
  $('#links').innerHTML = `<a href="${esc(links.eureka)}" target="_blank">Eureka dashboard</a>
    <a href="${esc(links.zipkin)}" target="_blank">Zipkin</a>
    <a href="${esc(links.gateway)}" target="_blank" class="muted">Gateway ${esc(links.gateway)}</a>`;
}

// ------------------------------------------------------------------ services

function eurekaStatus(eureka, registryId) {
  const apps = eureka?.applications?.application || [];
  for (const app of apps) {
    for (const instance of app.instance || []) {
      if (instance.instanceId === registryId) return instance.status;
    }
  }
  return null;
}

function renderServices(processes, eureka, leaders) {
  // Which instance leads (runs the outbox relay and the deadline scanners) matters once a service runs twice.
  const instances = {};
  processes.forEach((p) => { instances[p.module] = (instances[p.module] || 0) + 1; });
  $('#services').innerHTML = processes.map((p) => {
    const registers = p.kind === 'SERVICE' || p.kind === 'GATEWAY' || p.kind === 'APP';
    const inEureka = registers ? eurekaStatus(eureka, p.registryId) : null;
    const healthy = p.up && p.health === 'UP';
    const routable = !registers || inEureka === 'UP';
    const tone = !p.up ? 'down' : healthy && routable ? 'up' : 'degraded';
    const stateText = !p.up ? 'DOWN' : p.health;
    const stateTone = !p.up ? 'bad' : p.health === 'UP' ? 'good' : 'warn';
    const eurekaLine = registers
      ? `Eureka: ${inEureka ? badge(inEureka, inEureka === 'UP' ? 'good' : 'bad') : badge('NOT REGISTERED', 'idle')}` : '';
    let buttons = '';
    if (p.kind === 'KAFKA') {
      buttons = p.up ? `<button class="danger" data-kafka="stop">Stop broker</button>`
                     : `<button class="good" data-kafka="start">Start broker</button>`;
    } else if (p.kind !== 'CONTROL_ROOM') {
      buttons = (p.up ? `<button class="danger" data-kill="${esc(p.name)}">Kill</button>` : '')
              + `<button data-restart="${esc(p.name)}">${p.up ? 'Restart' : 'Start'}</button>`;
    }
    return `<div class="card ${tone}" id="svc-${esc(p.name)}">
      <div class="name">${esc(p.name)}</div>
      <div>${badge(stateText, stateTone)}${instances[p.module] > 1 && leaders[p.name]?.leader ? ' ' + badge('LEADER', 'good') : ''}</div>
      <div class="meta">${p.up ? 'pid ' + esc(p.pid) : 'not running'} · port ${esc(p.port)}${p.managementPort ? ' · mgmt ' + esc(p.managementPort) : ''}</div>
      <div class="meta">${eurekaLine}</div>
      <div class="buttons">${buttons}</div>
    </div>`;
  }).join('');
}

// ------------------------------------------------------------------ breakers and the rest

const breakerTone = { CLOSED: 'good', OPEN: 'bad', HALF_OPEN: 'warn', FORCED_OPEN: 'bad', DISABLED: 'idle' };

function renderBreakers(breakers) {
  const rows = [];
  for (const [owner, body] of Object.entries(breakers || {})) {
    for (const [name, b] of Object.entries(body.circuitBreakers || {})) {
      const rate = b.failureRate === '-1.0%' ? 'not enough calls yet' : `failures ${b.failureRate}`;
      rows.push(`<tr id="breaker-${esc(owner)}-${esc(name)}">
        <td>${esc(owner)}</td><td>→ ${esc(name)}</td>
        <td>${badge(b.state, breakerTone[b.state] || 'idle')}</td>
        <td>${esc(rate)} <span class="muted">(${esc(b.bufferedCalls)} calls in the window)</span></td>
        <td class="muted">${b.notPermittedCalls ? esc(b.notPermittedCalls) + ' refused' : ''}</td></tr>`);
    }
  }
  $('#breakers tbody').innerHTML = `<tr><th>In</th><th>Protects calls to</th><th>State</th><th>Failure rate (opens at 50 %)</th><th></th></tr>`
    + (rows.join('') || '<tr><td colspan="5" class="muted">no breaker answers yet</td></tr>');
}

// ------------------------------------------------------------------ partitions

/** Per topic: records per partition, then per consumer group the instance/thread holding each partition and its lag. */
function renderPartitions(topics) {
  const rows = [];
  for (const t of topics) {
    rows.push(`<tr><th><button class="link" data-messages="${esc(t.topic)}" title="its latest messages">${esc(t.topic)}</button></th>${t.ends.map((end, p) => `<th>p${p} <span class="muted">${esc(end)}</span></th>`).join('')}</tr>`);
    for (const r of t.readers) {
      const rebalancing = /rebalanc|assigning|reconciling/i.test(r.state || '');
      rows.push(`<tr id="partitions-${esc(t.topic)}-${esc(r.group)}"><td>${esc(r.group)}${rebalancing ? ' ' + badge('REBALANCING', 'warn') : ''}</td>`
        + r.cells.map((c) => `<td>${c.instance ? esc(c.instance) + '<span class="muted">/' + esc(c.thread) + '</span>' : badge('nobody', 'bad')}`
          + `${c.lag > 0 ? ' ' + badge('+' + c.lag, c.lag > 50 ? 'bad' : 'warn') : ''}</td>`).join('') + '</tr>');
    }
  }
  $('#partitions tbody').innerHTML = rows.join('') || '<tr><td class="muted">no service answers yet</td></tr>';
}

/** The latest messages of a topic, newest first: where each sits, its key, type, headers, payload and trace. */
async function showMessages(topic) {
  $('#messages').innerHTML = `<span class="muted">reading ${esc(topic)}…</span>`;
  const response = await fetch(`/api/messages/${encodeURIComponent(topic)}`);
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) {
    $('#messages').innerHTML = `<span class="muted">${esc(answer.error || answer.detail || 'HTTP ' + response.status)}</span>`;
    return;
  }
  const zipkin = snapshot?.links?.zipkin || '';
  const rows = (answer.latest || []).map((m) => `<tr><td>${esc(m.timestamp.substring(11, 23))}</td>`
    + `<td>p${esc(m.partition)}@${esc(m.offset)}</td><td><code>${esc(m.key)}</code></td><td>${esc(m.type)}</td>`
    + `<td>${m.traceId ? `<a href="${esc(zipkin)}traces/${esc(m.traceId)}" target="_blank">${esc(m.traceId.substring(0, 8))}… ↗</a>` : ''}</td>`
    + `<td title="${esc(Object.entries(m.headers || {}).map(([k, v]) => k + ': ' + v).join('\n'))}">`
    + `<code>${esc((m.payload || '').substring(0, 160))}</code></td></tr>`).join('');
  $('#messages').innerHTML = `<div><b>${esc(answer.topic)}</b>: ${esc(answer.count)} messages in the log, the latest`
    + ` ${esc((answer.latest || []).length)} (hover a payload for its headers)</div>`
    + `<table id="messages-table"><tbody>${rows || '<tr><td class="muted">none</td></tr>'}</tbody></table>`;
}

// ------------------------------------------------------------------ auto-scaling

/** The autoscaler's rules, per ruled service its instances and lag, the step under way, and the last steps. */
function renderAutoscaling(a) {
  const rules = a.rules || [];
  if (rules.length === 0) {
    $('#autoscaling').innerHTML = 'no rule: <code>./playground up --autoscale inventory-service=1..3</code>';
    return;
  }
  const services = Object.entries(a.services || {}).map(([name, s]) =>
    `<li id="autoscaling-${esc(name)}"><b>${esc(name)}</b>: ${esc(s.instances)} instance${s.instances === 1 ? '' : 's'},`
    + ` lag ${s.lag < 0 ? badge('unknown', 'warn') : badge(s.lag, s.lag >= 20 ? 'bad' : 'good')}</li>`).join('');
  const steps = (a.steps || []).slice(-5).reverse().map((s) =>
    `<li>${esc(s.decided.substring(11, 19))} ${esc(s.service)} ${esc(s.from)} &rarr; ${esc(s.to)} (${esc(s.why)})`
    + `${s.failure ? ' ' + badge('FAILED', 'bad') + ' ' + esc(s.failure) : ''}</li>`).join('');
  $('#autoscaling').innerHTML = `<div>Rules: ${rules.map((r) => `<code>${esc(r)}</code>`).join(' ')}`
    + `${a.acting ? ' ' + badge('SCALING', 'warn') + ' ' + esc(a.step) : ''}</div>`
    + `<ul>${services}</ul>${steps ? `<div>Last steps:</div><ul>${steps}</ul>` : ''}`;
}

// ------------------------------------------------------------------ the live map

let mapChosen = null;

/** Per process: the counters of its page at the last look, and per counter its change a second since the look before. */
const flowCounts = { texts: {}, at: {}, counts: {}, rates: {} };

/**
 * What flows out of and into each process a second, from counters on its Prometheus page between
 * two looks: records sent to a topic and read from one (Spring Kafka's timers of the template's
 * sends and of the listeners' records), calls made through each of a service's breakers, all and
 * failed (Resilience4j's), and the gateway's requests per target (lb://NAME), all and 5xx. Keys:
 * 'sent>TOPIC', 'read>TOPIC', 'called>NAME', 'failed>NAME', 'routed>NAME', '5xx>NAME'.
 */
function flowRates(metrics, topics) {
  for (const [process, text] of Object.entries(metrics || {})) {
    if (text === flowCounts.texts[process]) continue;
    const counts = {};
    const count = (key, value) => { counts[key] = (counts[key] || 0) + value; };
    for (const x of series(text)) {
      if (x.name === 'spring_kafka_template_seconds_count' && topics.includes(x.labels.messaging_destination_name)) {
        count(`sent>${x.labels.messaging_destination_name}`, x.value);
      } else if (x.name === 'spring_kafka_listener_seconds_count' && topics.includes(x.labels.messaging_source_name)) {
        count(`read>${x.labels.messaging_source_name}`, x.value);
      } else if (x.name === 'resilience4j_circuitbreaker_calls_seconds_count') {
        count(`called>${x.labels.name}`, x.value);
        if (x.labels.kind === 'failed') count(`failed>${x.labels.name}`, x.value);
      } else if (x.name === 'spring_cloud_gateway_requests_seconds_count') {
        const target = (x.labels.routeUri || '').replace('lb://', '');
        count(`routed>${target}`, x.value);
        if (x.labels.outcome === 'SERVER_ERROR') count(`5xx>${target}`, x.value);
      }
    }
    const now = Date.now(), before = flowCounts.counts[process];
    if (before) {
      const seconds = Math.max(1, (now - flowCounts.at[process]) / 1000);
      flowCounts.rates[process] = Object.fromEntries(Object.entries(counts)
        .map(([key, value]) => [key, Math.max(0, (value - (before[key] ?? value)) / seconds)]));
    }
    flowCounts.texts[process] = text;
    flowCounts.at[process] = now;
    flowCounts.counts[process] = counts;
  }
}

/**
 * One flow a second ('sent>orders.events', 'called>inventory-service') of a node, its instances
 * added up; undefined until two looks have seen it, so a line says nothing rather than 0.0/s.
 */
function flowRate(node, key) {
  const known = Object.entries(flowCounts.rates)
    .filter(([process, rates]) => (process === node || process.replace(/-\d+$/, '') === node) && key in rates);
  return known.length ? known.reduce((sum, [, rates]) => sum + rates[key], 0) : undefined;
}

/** A process's node: instances of a service share their module's node; an opt-in process has its own. */
function nodeOf(p) {
  return new RegExp(`^${p.module}-\\d+$`).test(p.name) ? p.module : p.name;
}

/**
 * The system as a graph, derived from what runs: the processes (instances folded into their
 * service), the gateway's routes (its breakers and its request counters), each service's breakers
 * to what it calls (and the calls through them), the topics with the services that write to them
 * and the groups that read them (records a second, and the readers' lag). Laid out by kind in
 * columns, sorted by name, so a node keeps its place as the system changes around it.
 */
function renderMap(s) {
  flowRates(s.metrics, (s.partitions || []).map((t) => t.topic));
  const processes = s.processes || [];
  const nodes = new Map();
  const add = (id, column, kind, extra = {}) => {
    if (!nodes.has(id)) nodes.set(id, { id, column, kind, up: false, instances: 0, marks: [], ...extra });
    return nodes.get(id);
  };
  const columns = { GATEWAY: 0, DISCOVERY: 0, ZIPKIN: 0, SERVICE: 1, APP: 1, SIDECAR: 2, KAFKA: 2 };
  for (const p of processes) {
    if (p.kind === 'CONTROL_ROOM') continue;
    const node = add(nodeOf(p), columns[p.kind] ?? 1, p.kind);
    node.instances += p.up ? 1 : 0;
    node.up = node.up || (p.up && p.health === 'UP');
    if (p.up && (p.kind === 'SERVICE' || p.kind === 'APP' || p.kind === 'GATEWAY')
        && eurekaStatus(s.eureka, p.registryId) !== 'UP') node.marks.push('not in Eureka');
    if ((s.leaders || {})[p.name]?.leader && processes.filter((q) => q.module === p.module).length > 1) node.marks.push('leader');
    if (Object.keys((s.faults || {})[p.name]?.broken || {}).length) node.broken = true;
  }
  const edges = [];
  const tones = { CLOSED: 'good', HALF_OPEN: 'warn', OPEN: 'bad', FORCED_OPEN: 'bad' };
  const registered = { 'inventory-service-canary': 'inventory-canary' };
  for (const [owner, body] of Object.entries(s.breakers || {})) {
    const from = nodes.has(owner) ? owner : owner.replace(/-\d+$/, '');
    for (const [name, b] of Object.entries(body.circuitBreakers || {})) {
      const to = registered[name] || name;
      if (!nodes.has(to)) {
        if (owner === 'gateway') continue; // a route to a process that is not in this stack (an opt-in one)
        add(to, 2, 'DEPENDENCY', { up: true, instances: 1 });
      }
      // The gateway's lines: its requests per route target; a service's: the calls through its breaker.
      const rate = flowRate(from, owner === 'gateway' ? `routed>${name}` : `called>${name}`);
      const errors = flowRate(from, owner === 'gateway' ? `5xx>${name}` : `failed>${name}`);
      const tone = tones[b.state] === 'bad' || errors > 0 ? 'bad' : tones[b.state] || 'idle';
      const failures = owner === 'gateway' ? '5xx/s' : 'failed/s';
      const label = (rate !== undefined ? `${rate.toFixed(1)}/s` : '') + (errors > 0 ? ` ${errors.toFixed(1)} ${failures}` : '')
        + (b.state !== 'CLOSED' ? ` ${b.state}` : '');
      // The gateway's line breaks the service's API; a service's line breaks its own calls to the other.
      edges.push({ from, to, tone, label: label.trim(), target: owner === 'gateway' ? 'inbound' : name,
        service: owner === 'gateway' ? to : from });
    }
  }
  const perSecond = (rate) => rate > 0 ? `${rate < 10 ? rate.toFixed(1) : Math.round(rate)}/s` : '';
  for (const t of s.partitions || []) {
    const topic = add(t.topic, 2, 'TOPIC', { up: nodes.get('kafka')?.up ?? false, instances: 1 });
    topic.label = t.topic;
    for (const r of t.readers || []) {
      const lag = (r.cells || []).reduce((sum, c) => sum + (c.lag || 0), 0);
      if (!nodes.has(r.group)) continue;
      const rate = perSecond(flowRate(r.group, `read>${t.topic}`));
      edges.push({ from: t.topic, to: r.group, tone: lag > 50 ? 'bad' : lag > 0 ? 'warn' : 'good',
        label: lag ? `lag ${lag}` : '', hint: rate ? `read ${rate}` : '', target: t.topic, service: r.group, kafka: true });
    }
  }
  // Who writes to each topic: a line from every service whose producer has sent to it. The records a
  // second go on the topic's node ("in 2.6/s": on the lines, a dozen labels would pile up where they
  // meet) and each line's tooltip. Nothing to break on it: a fault breaks what a service reads.
  // One line per service and topic, however many instances write (flowRate adds them up).
  const writers = new Set();
  for (const [process, counts] of Object.entries(flowCounts.counts)) {
    const from = nodes.has(process) ? process : process.replace(/-\d+$/, '');
    Object.entries(counts).filter(([key, n]) => key.startsWith('sent>') && n > 0).forEach(([key]) => writers.add(`${from}|${key}`));
  }
  for (const writer of writers) {
    const [from, key] = writer.split('|');
    const topic = key.substring('sent>'.length);
    if (!nodes.has(from) || !nodes.has(topic)) continue;
    const rate = flowRate(from, key);
    nodes.get(topic).sent = (nodes.get(topic).sent || 0) + (rate || 0);
    edges.push({ from, to: topic, tone: nodes.get('kafka')?.up ? 'good' : 'bad', label: '',
      hint: perSecond(rate) ? `sent ${perSecond(rate)}` : '', kafka: true });
  }
  for (const n of nodes.values()) if (n.kind === 'TOPIC' && n.sent > 0) n.note = `in ${perSecond(n.sent)}`;
  // Places: columns left to right, names top to bottom; topics below the processes of their column.
  const byColumn = [[], [], []];
  [...nodes.values()].sort((a, b) => (a.kind === 'TOPIC') - (b.kind === 'TOPIC') || a.id.localeCompare(b.id))
    .forEach((n) => byColumn[n.column].push(n));
  const rowHeight = 46, width = 980, xs = [110, 470, 830];
  byColumn.forEach((column, c) => column.forEach((n, i) => { n.x = xs[c]; n.y = 30 + i * rowHeight; }));
  const height = 40 + Math.max(...byColumn.map((c) => c.length)) * rowHeight;
  const toneColour = { good: '#16a34a', warn: '#d97706', bad: '#dc2626', idle: '#94a3b8' };
  // Instances of one service each have their breakers: one line per caller and callee, the worst state shown.
  const severity = { bad: 3, warn: 2, good: 1, idle: 0 };
  const unique = new Map();
  for (const e of edges) {
    const key = `${e.from}>${e.to}`;
    if (!unique.has(key) || severity[e.tone] > severity[unique.get(key).tone]) unique.set(key, e);
  }
  const lines = [...unique.values()].filter((e) => nodes.get(e.from)?.x !== undefined && nodes.get(e.to)?.x !== undefined).map((e) => {
    const a = nodes.get(e.from), b = nodes.get(e.to);
    const [x1, x2] = a.x < b.x ? [a.x + 75, b.x - 75] : a.x > b.x ? [a.x - 75, b.x + 75] : [a.x + 75, b.x + 75];
    const actions = e.service ? ` data-map-service="${esc(e.service)}" data-map-target="${esc(e.target)}"` : '';
    return `<g class="edge ${e.tone}" id="edge-${esc(e.from)}-${esc(e.to)}"${actions}>`
      + `<line x1="${x1}" y1="${a.y}" x2="${x2}" y2="${b.y}" stroke="${toneColour[e.tone]}" stroke-width="${e.tone === 'bad' ? 3 : 2}"`
      + `${e.kafka ? ' stroke-dasharray="6,3"' : ''} marker-end="url(#arrow)"/>`
      + `<text x="${(x1 + x2) / 2}" y="${(a.y + b.y) / 2 - 4}" font-size="11" text-anchor="middle">${esc(e.label)}</text>`
      + `<title>${esc(e.from)} → ${esc(e.to)}${e.label || e.hint ? ': ' + esc([e.hint, e.label].filter(Boolean).join(', ')) : ''}</title></g>`;
  }).join('');
  const boxes = [...nodes.values()].map((n) => {
    const tone = !n.up ? 'bad' : n.broken ? 'bad' : n.marks.length ? 'warn' : 'good';
    const marks = [n.broken ? 'BROKEN' : '', !n.up && n.kind !== 'DEPENDENCY' ? 'DOWN' : '', n.instances > 1 ? `×${n.instances}` : '',
      ...n.marks, n.note].filter(Boolean).join(' · ');
    const actionable = n.kind === 'SERVICE' || n.kind === 'APP';
    return `<g class="node ${tone}${mapChosen === n.id ? ' chosen' : ''}" id="node-${esc(n.id)}"${actionable ? ` data-map-service="${esc(n.id)}" data-map-target="inbound"` : ''}>`
      + `<rect x="${n.x - 75}" y="${n.y - 17}" width="150" height="34" rx="6" fill="white" stroke="${toneColour[tone]}" stroke-width="2"/>`
      + `<text x="${n.x}" y="${n.y - 2}" font-size="12" text-anchor="middle">${esc(n.id)}</text>`
      + `<text x="${n.x}" y="${n.y + 11}" font-size="10" text-anchor="middle" fill="${toneColour[tone]}">${esc(marks)}</text></g>`;
  }).join('');
  $('#map').innerHTML = `<svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">`
    + `<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">`
    + `<path d="M 0 0 L 10 5 L 0 10 z" fill="#64748b"/></marker></defs>${lines}${boxes}</svg>`;
}

/** A node or an edge clicked: break what it stands for (a service's API, a call it makes, a topic it reads) or heal it. */
function chooseOnMap(service, target) {
  mapChosen = service;
  $('#map-actions').innerHTML = `<b>${esc(service)}</b> ${target === 'inbound' ? 'its API' : '→ ' + esc(target)}:`
    + ` <button data-map-break="${esc(service)}" data-target="${esc(target)}" data-kind="error-rate" data-value="1">Errors 100 %</button>`
    + ` <button data-map-break="${esc(service)}" data-target="${esc(target)}" data-kind="latency" data-value="2000">Slow 2 s</button>`
    + ` <button class="good" data-map-heal="${esc(service)}">Heal ${esc(service)}</button>`;
}

// ------------------------------------------------------------------ charts over the last minutes

const palette = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#65a30d', '#475569'];
const chartTitles = {
  requests: 'requests a second, per gateway route',
  errors: 'server errors (5xx) a second, per gateway route',
  p99: 'p99 latency per gateway route, seconds (the bucket bound that holds it)',
  sagas: 'sagas ended a second, per style and outcome',
  outbox: 'messages waiting in the outbox, per service',
  lag: 'consumer lag, per group',
};

/** One chart as SVG: a line per series over the window, the marks as red lines with their text on hover. */
function chart(name, series, from, to, marks) {
  const w = 560, h = 120, left = 40, right = 8, top = 8, bottom = 16;
  const entries = Object.entries(series).filter(([, points]) => points.length);
  const highest = Math.max(0, ...entries.flatMap(([, points]) => points.map((p) => p[1])));
  const max = highest || 1;
  const span = (to - from) / 1000;
  const x = (t) => left + (w - left - right) * (t - from) / Math.max(1, to - from);
  const y = (v) => h - bottom - (h - top - bottom) * v / max;
  const lines = entries.map(([key, points], i) => `<polyline fill="none" stroke="${palette[i % palette.length]}" stroke-width="1.5"`
    + ` points="${points.map((p) => `${x(p[0]).toFixed(1)},${y(p[1]).toFixed(1)}`).join(' ')}"><title>${esc(key)}</title></polyline>`).join('');
  const shown = marks.filter((m) => m.at >= from && m.at <= to).map((m) => `<line class="marker" x1="${x(m.at).toFixed(1)}"`
    + ` x2="${x(m.at).toFixed(1)}" y1="${top}" y2="${h - bottom}" stroke="#dc2626" stroke-dasharray="3,2"><title>`
    + `${esc(new Date(m.at).toLocaleTimeString())} ${esc(m.text)}</title></line>`).join('');
  const legend = entries.map(([key], i) => `<span style="color:${palette[i % palette.length]}">■ ${esc(key)}</span>`).join(' ');
  return `<div class="chart" id="chart-${name}"><div class="muted">${esc(chartTitles[name])}</div>`
    + `<svg viewBox="0 0 ${w} ${h}" width="${w}" height="${h}">`
    + `<line x1="${left}" x2="${w - right}" y1="${h - bottom}" y2="${h - bottom}" stroke="#999"/>`
    + `<text x="2" y="${top + 8}" font-size="10">${esc(highest ? Number(highest.toPrecision(3)) : '')}</text>`
    + `<text x="2" y="${h - bottom}" font-size="10">0</text>`
    + `<text x="${left}" y="${h - 2}" font-size="10">-${span < 120 ? Math.round(span) + ' s' : Math.round(span / 60) + ' min'}</text>`
    + `<text x="${w - right - 22}" y="${h - 2}" font-size="10">now</text>`
    + `${lines}${shown}</svg><div class="legend">${legend || '<span class="muted">nothing yet</span>'}</div></div>`;
}

async function loadHistory() {
  if (document.hidden) return;
  const response = await fetch('/api/history').catch(() => null);
  if (!response || !response.ok) return;
  const history = await response.json();
  const charts = history.charts || {};
  if (!Object.values(charts).some((series) => Object.keys(series).length)) return;
  $('#charts').className = 'charts';
  $('#charts').innerHTML = Object.keys(chartTitles).map((name) =>
    chart(name, charts[name] || {}, history.from, history.to, history.marks || [])).join('');
}

// ------------------------------------------------------------------ scenarios and labs

let scenarios = [];

/** The scenarios to choose from, asked once: they do not change while the control room runs. */
async function loadScenarios() {
  scenarios = await (await fetch('/api/scenarios')).json();
  $('#scenario-name').innerHTML = scenarios.map((x) =>
    `<option value="${esc(x.name)}"${x.cannotRunHere ? ' disabled' : ''}>${esc(x.name)}</option>`).join('');
  showScenario();
}

function showScenario() {
  const chosen = scenarios.find((x) => x.name === $('#scenario-name').value);
  $('#scenario-shows').textContent = chosen ? (chosen.cannotRunHere || chosen.shows) : '';
}

const verdictTones = { PASS: 'good', FAIL: 'bad', ERROR: 'bad' };

/** The lab in progress with a box for the answer, and the latest run's lines and verdict. */
function renderRuns(r) {
  const lab = r.lab;
  const labKey = lab ? lab.name : '';
  if ($('#lab').dataset.key !== labKey) {
    // Drawn again only when the lab changes: the answer box keeps what the attendee typed.
    $('#lab').dataset.key = labKey;
    $('#lab').innerHTML = lab
      ? `<b>Lab ${esc(lab.number)}: ${esc(lab.title)}</b> (${esc(lab.level)}, about ${esc(lab.minutes)} min,`
        + ` <code>${esc(lab.page)}</code>) <label>Answer <input id="lab-answer" size="24"></label>`
        + ` <button id="lab-check" class="primary">Check the lab</button><div class="muted">${esc(lab.goal)}</div>`
      : 'no lab in progress: <code>./playground lab start N</code>';
  }
  const run = r.run;
  if (!run) return;
  const state = run.verdict || (run.ended ? 'ENDED' : 'RUNNING');
  const lines = run.lines || [];
  $('#run').innerHTML = `<div>${esc(run.kind)} <b>${esc(run.name)}</b> started ${esc(run.started.substring(11, 19))}`
    + ` <span id="run-verdict">${badge(state, verdictTones[state] || 'warn')}</span></div>`
    + `<pre id="run-lines">${esc(lines.slice(-40).join('\n'))}</pre>`;
}

// ------------------------------------------------------------------ canary release

/** The canary's share, its reads and server errors in the guard's window beside the stable version's, and the rollbacks. */
function renderCanary(c) {
  if (!c.running && !c.share) {
    $('#canary').innerHTML = 'no canary: <code>./playground up --with inventory-canary</code>, then <code>./playground canary 20</code>';
    return;
  }
  const limit = c.limit || {};
  const side = (name, w) => `<b>${name}</b>: ${esc(w.requests)} reads, `
    + `${w.serverErrors ? badge(w.serverErrors + ' failed (' + w.percent + ' %)', 'bad') : '0 failed'}`;
  const rollbacks = (c.rollbacks || []).slice(-5).reverse().map((r) =>
    `<li>${esc(r.at.substring(11, 19))} rolled back from ${esc(r.from)} %: ${esc(r.why)}</li>`).join('');
  $('#canary').innerHTML = `<div id="canary-share">inventory-canary: ${badge(c.share + ' % of reads', c.share > 0 ? 'warn' : 'good')}`
    + `${c.running ? '' : ' ' + badge('NOT RUNNING', 'bad')}`
    + ` ${100 - c.share} % to the stable inventory-service; rolled back when over ${esc(limit.maxPercent)} % of its recent`
    + ` reads fail (the last ${esc(limit.windowSeconds)} s, or its last ${esc(limit.minRequests)} reads if it had fewer)</div>`
    + `<div>Judged now: ${side('canary', c.canary || {})}; ${side('stable', c.stable || {})}</div>`
    + (rollbacks ? `<div>Rollbacks:</div><ul>${rollbacks}</ul>` : '');
}

/** Prometheus text to [{name, labels, value}]. */
function series(text) {
  return (text || '').split('\n').map((line) => {
    const m = line.match(/^([a-zA-Z_:][\w:]*)(\{(.*)\})?\s+(\S+)/);
    if (!m) return null;
    const labels = {};
    for (const pair of (m[3] || '').matchAll(/(\w+)="([^"]*)"/g)) labels[pair[1]] = pair[2];
    return { name: m[1], labels, value: Number(m[4]) };
  }).filter(Boolean);
}

/** Per strangled route: the gateway's metrics text of the last look, its request counts, and what changed since the look before. */
const routeCounts = {};

function renderResilience(metrics) {
  const lines = [];
  for (const [service, text] of Object.entries(metrics || {})) {
    const all = series(text);
    const pick = (name, labels = {}) => all.filter((x) => x.name === name
      && Object.entries(labels).every(([k, v]) => x.labels[k] === v));
    const one = (name, labels) => pick(name, labels).reduce((sum, x) => sum + x.value, 0);
    for (const active of pick('resilience4j_bulkhead_active_thread_count')) {
      const n = active.labels.name;
      lines.push(`<b>${esc(service)}</b> bulkhead → ${esc(n)}: ${active.value} of ${one('resilience4j_bulkhead_max_thread_pool_size', { name: n })} threads busy,
        queue ${one('resilience4j_bulkhead_queue_depth', { name: n })} of ${one('resilience4j_bulkhead_queue_capacity', { name: n })}`);
    }
    // A semaphore bulkhead (the gateway's, one per route): calls in flight against its cap.
    for (const max of pick('resilience4j_bulkhead_max_allowed_concurrent_calls')) {
      const n = max.labels.name;
      const inFlight = max.value - one('resilience4j_bulkhead_available_concurrent_calls', { name: n });
      lines.push(`<b>${esc(service)}</b> bulkhead → ${esc(n)}: ${inFlight} of ${max.value} calls in flight`);
    }
    const retried = {};
    for (const r of pick('resilience4j_retry_calls_total')) {
      (retried[r.labels.name] ||= {})[r.labels.kind] = r.value;
    }
    for (const [name, kinds] of Object.entries(retried)) {
      lines.push(`<b>${esc(service)}</b> retry → ${esc(name)}: ${kinds.successful_with_retry || 0} succeeded after retrying,
        ${kinds.failed_with_retry || 0} failed after retrying, ${kinds.successful_without_retry || 0} first time`);
    }
    const pending = pick('playground_outbox_pending');
    if (pending.length) {
      lines.push(`<b>${esc(service)}</b> outbox: ${one('playground_outbox_pending')} waiting, oldest ${one('playground_outbox_lag_seconds').toFixed(1)} s`);
    }
    // CQRS: the order history's projection, how far it is behind the event topics (-1: Kafka away).
    const behind = pick('playground_history_behind');
    if (behind.length) {
      const n = one('playground_history_behind');
      const text = n < 0 ? 'behind: not known' : n === 0 ? 'up to date' : `${n} events behind, ${one('playground_history_lag_seconds').toFixed(1)} s since it kept up`;
      lines.push(`<b>${esc(service)}</b> order history (read model): ${n > 0 ? badge(text, 'warn') : text}`);
    }
    // The strangler fig: each strangled route's share to the new services, and which side answered
    // since the last look (the gateway's requests per route id: <route>-new and <route>-legacy).
    for (const share of pick('playground_strangler_share')) {
      const route = share.labels.route;
      if (route.endsWith('-canary')) continue; // the canary has a panel of its own
      const side = (which) => one('spring_cloud_gateway_requests_seconds_count', { routeId: `${route}-${which}` });
      const now = { new: side('new'), legacy: side('legacy') };
      // The server reads the metrics every few snapshots: the same text is the same look, not a quiet one.
      const last = routeCounts[route];
      if (!last || last.text !== text) {
        const before = last ? last.now : now;
        routeCounts[route] = { text, now, delta: { new: now.new - before.new, legacy: now.legacy - before.legacy } };
      }
      const delta = routeCounts[route].delta;
      lines.push(`<b>${esc(service)}</b> strangler → ${esc(route)}: ${badge(share.value + '% new', share.value >= 100 ? 'good' : 'warn')}
        ${100 - share.value}% legacy; since the last look ${delta.new} to the new services, ${delta.legacy} to the legacy application`);
    }
    const dead = one('playground_dead_letters_total');
    if (dead) lines.push(`<b>${esc(service)}</b> ${badge(dead + ' DEAD LETTERS', 'bad')} since it started`);
    const sagas = pick('playground_saga_duration_seconds_count');
    if (sagas.length) {
      lines.push(`<b>${esc(service)}</b> sagas: ` + sagas.map((x) => `${esc(x.labels.style)} ${esc(x.labels.outcome)} ${x.value}`).join(', '));
    }
  }
  $('#resilience').innerHTML = lines.map((l) => `<div class="line">${l}</div>`).join('') || '<span class="muted">no metrics yet</span>';
}

// ------------------------------------------------------------------ break it

let faultChoicesKey = '';

// The services, their targets and the kinds of fault all come from the services' /actuator/faults:
// nothing here names a kind of fault. Rebuilt only when they change, so an open drop-down is not reset.
function renderFaultChoices(faults) {
  const key = JSON.stringify(Object.entries(faults || {}).map(([s, f]) => [s, Object.keys(f.targets || {}), Object.keys(f.kinds || {})]));
  if (key === faultChoicesKey) return;
  faultChoicesKey = key;
  const select = $('#fault-service');
  const chosen = select.value;
  select.innerHTML = Object.keys(faults || {}).map((s) => `<option>${esc(s)}</option>`).join('');
  if (chosen && faults[chosen]) select.value = chosen;
  else if (faults['payment-service']) select.value = 'payment-service';
  renderTargets();
  const kinds = Object.values(faults || {})[0]?.kinds || {};
  $('#fault-kinds').innerHTML = Object.entries(kinds).flatMap(([kind, k]) => Object.entries(k.presets || {}).map(([label, value]) =>
    `<button data-kind="${esc(kind)}" data-value="${esc(value)}" title="${esc(kind + ' ' + value + ': ' + k.effect)}">${esc(label)}</button>`)).join('');
}

function renderTargets() {
  const faults = snapshot?.faults?.[$('#fault-service').value];
  const targets = faults ? Object.entries(faults.targets || {}) : [];
  $('#fault-target').innerHTML = targets.map(([t, target]) => `<option value="${esc(t)}" title="${esc(target.where)}">${esc(t)}</option>`).join('');
  renderSwitches();
}

function renderSwitches() {
  const service = $('#fault-service').value;
  const switches = Object.entries(snapshot?.faults?.[service]?.switches || {});
  $('#switches tbody').innerHTML = switches.map(([id, s]) => `<tr id="switch-${esc(service)}-${esc(id)}">
      <td>${esc(id)}</td><td>${badge(s.on ? 'ON' : 'off', s.on ? 'bad' : 'idle')}</td><td class="muted">${esc(s.kind)}</td>
      <td><button data-switch="${esc(id)}" data-on="${!s.on}">${s.on ? 'Turn off' : 'Turn on'}</button></td>
      <td class="muted">${esc(s.effect)}</td></tr>`).join('')
    || '<tr><td class="muted">no service answers yet</td></tr>';
}

function renderActiveFaults(faults) {
  const active = [];
  for (const [service, f] of Object.entries(faults || {})) {
    for (const [name, how] of Object.entries(f.broken || {})) {
      active.push(`${badge('BROKEN', 'bad')} <b>${esc(service)}</b> ${esc(name)}: ${esc(how)}`);
    }
  }
  $('#active-faults').innerHTML = active.length ? active.map((a) => `<div>${a}</div>`).join('')
    : `<span class="muted">Nothing is broken.</span>`;
}

function renderTraffic(traffic) {
  $('#traffic').textContent = traffic.on ? 'Stop traffic' : 'Start traffic';
  $('#traffic').className = traffic.on ? 'danger' : 'primary';
  $('#traffic-state').textContent = traffic.sent > 0
    ? `${traffic.on ? 'ON' : 'off'}: ${traffic.sent} requests, ${traffic.failed} failed; last ${traffic.last}` : 'Two orders a second through the gateway, with their payments and details.';
}

// ------------------------------------------------------------------ orders

const orderTone = { APPROVED: 'good', REJECTED: 'bad', PENDING: 'idle' };
const stepClass = { DONE: 'ok', SUCCEEDED: 'ok', FAILED: 'failed', COMPENSATING: 'undo', COMPENSATED: 'undo', STARTED: 'other' };

function renderOrders(sagas, orders, traces, zipkin) {
  if (!Array.isArray(sagas) || !sagas.length) {
    $('#orders').innerHTML = '<span class="muted">No orders yet: place one above.</span>';
    return;
  }
  $('#orders').innerHTML = sagas.map((saga) => {
    const order = orders[saga.orderId];
    const status = order?.status || '…';
    const trace = traces[saga.orderId];
    const steps = (saga.steps || []).map((step) =>
      `<span class="step ${stepClass[step.outcome] || 'other'}">${esc(step.step)}: ${esc(step.outcome)}</span>`).join('');
    return `<div class="order" id="order-${esc(saga.orderId)}">
      <div class="head">
        ${badge(status, orderTone[status] || 'idle')}
        <code>${esc(saga.orderId.slice(0, 8))}</code>
        <span>${order ? esc(order.customerId) + ' · ' + esc(Number(order.total).toFixed(2)) : ''}</span>
        <span class="muted">${esc(saga.style)} saga: ${esc(saga.state)}</span>
        ${order?.rejectionReason ? `<span>${esc(order.rejectionReason)}</span>` : ''}
        ${trace ? `<a href="${esc(zipkin)}traces/${esc(trace)}" target="_blank">trace in Zipkin ↗</a>` : '<span class="muted">trace…</span>'}
      </div>
      <div class="timeline">${steps}</div>
    </div>`;
  }).join('');
}

// ------------------------------------------------------------------ actions

async function act(path, body = {}) {
  const response = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok && response.status !== 202) {
    const problem = await response.json().catch(() => ({}));
    alert(problem.detail || `HTTP ${response.status}`);
  }
}

document.addEventListener('click', (event) => {
  const onMap = event.target.closest('#map [data-map-service]');
  if (onMap) {
    chooseOnMap(onMap.dataset.mapService, onMap.dataset.mapTarget);
    return;
  }
  const b = event.target.closest('button');
  if (!b) return;
  if (b.dataset.mapBreak) {
    act(`/api/break/${b.dataset.mapBreak}`, { target: b.dataset.target, settings: { [b.dataset.kind]: b.dataset.value } });
  } else if (b.dataset.mapHeal) {
    act(`/api/heal/${b.dataset.mapHeal}`);
  } else if (b.dataset.kind) {
    act(`/api/break/${$('#fault-service').value}`, { target: $('#fault-target').value, settings: { [b.dataset.kind]: b.dataset.value } });
  } else if (b.dataset.switch) {
    act(`/api/switch/${$('#fault-service').value}/${b.dataset.switch}`, { on: b.dataset.on === 'true' });
  } else if (b.dataset.order) {
    act('/api/orders', { ...JSON.parse(b.dataset.order), saga: $('#saga-style').value });
  } else if (b.dataset.kill) {
    act(`/api/kill/${b.dataset.kill}`);
  } else if (b.dataset.restart) {
    act(`/api/restart/${b.dataset.restart}`);
  } else if (b.dataset.kafka) {
    act(`/api/kafka/${b.dataset.kafka}`);
  } else if (b.id === 'heal-service') {
    act(`/api/heal/${$('#fault-service').value}`);
  } else if (b.id === 'heal-all') {
    act('/api/heal');
  } else if (b.id === 'traffic') {
    act(`/api/traffic/${snapshot?.traffic?.on ? 'off' : 'on'}`);
  } else if (b.dataset.messages) {
    showMessages(b.dataset.messages);
  } else if (b.id === 'scenario-run') {
    act(`/api/scenario/${$('#scenario-name').value}`);
  } else if (b.id === 'lab-check') {
    act('/api/lab/check', { answer: $('#lab-answer').value });
  }
});
$('#fault-service').addEventListener('change', renderTargets);
$('#scenario-name').addEventListener('change', showScenario);

loadScenarios();
connect();
setInterval(loadHistory, 3000);
