// The agent's console (docs/console.md): a page on `parley serve --http`
// that does what `parley chat` does through the /v1/ API, statelessly: the
// page holds the conversation (the JSON form of parley/json.hpp) and sends
// it with every request, so that undo, save and load are the page's own.
// Plain JavaScript, nothing fetched but this server's /v1/ answers.
'use strict';

// ---- Words ------------------------------------------------------------------
// Every label in both languages; data-t (text), data-tp (placeholder) and
// data-tt (title) in index.html name them.
const WORDS = {
  title: ['parley 客服台', 'parley console'],
  showFloor: ['显示底价', 'Show floor'],
  floorHint: ['底价距离只给客服看，买家永远看不到', 'The distance to the floor is for the agent only, never for the buyer'],
  token: ['访问令牌', 'Access token'],
  ok: ['确定', 'OK'],
  conversation: ['对话', 'Conversation'],
  cancel: ['取消', 'Cancel'],
  buyerSays: ['买家说', 'The buyer says'],
  buyerPlaceholder: ['买家的消息，回车发送', "The buyer's message; Enter sends"],
  send: ['发送', 'Send'],
  ownReply: ['自己回复', 'Your own reply'],
  replyPlaceholder: ['或者自己写回复（也可编辑建议），回车检查后发送', 'Or write your own reply (or edit a suggestion); Enter checks, then sends'],
  checkSend: ['检查并发送', 'Check and send'],
  sendAnyway: ['仍然发送', 'Send anyway'],
  keepEditing: ['继续修改', 'Keep editing'],
  undo: ['撤销', 'Undo'],
  restart: ['重新开始', 'Restart'],
  save: ['保存', 'Save'],
  load: ['载入', 'Load'],
  saveScenario: ['存为测试场景', 'Save as scenario'],
  suggestions: ['建议回复', 'Suggestions'],
  keysHint: ['数字键 1-9 直接发送', 'keys 1-9 send'],
  noSuggestions: ['没有建议：请自己回复', 'No suggestion: write your own reply'],
  idleSuggestions: ['输入买家的消息，这里会列出建议回复', "Type the buyer's message to see suggested replies here"],
  setup: ['商品与买家', 'Product and buyer'],
  product: ['商品', 'Product'],
  moreProfile: ['更多买家资料', 'More of the profile'],
  facts: ['订单信息', 'Order facts'],
  ruleSet: ['规则集', 'Rule set'],
  reload: ['重新加载规则', 'Reload rules'],
  diagnostics: ['问题', 'Diagnostics'],
  coverage: ['行为覆盖', 'Coverage'],
  simulation: ['模拟', 'Simulation'],
  buyersPerProduct: ['每个商品的买家数', 'Buyers per product'],
  runSimulation: ['生成模拟报告', 'Simulation report'],
  scenarioTitle: ['测试场景（parley test）', 'Scenario (parley test)'],
  scenarioName: ['名称', 'Name'],
  download: ['下载', 'Download'],
  copy: ['复制', 'Copy'],
  close: ['关闭', 'Close'],
  simulationReport: ['模拟报告', 'Simulation report'],
  openInTab: ['在新标签页打开', 'Open in a new tab'],
  // Words the script writes.
  stage: ['阶段', 'Stage'],
  offer: ['当前报价', 'Offer'],
  bid: ['出价', 'bid'],
  listPrice: ['原价', 'list price'],
  round: ['轮次', 'Round'],
  concessions: ['让价', 'Concessions'],
  extras: ['已送', 'Extras'],
  none: ['无', 'none'],
  floorDistance: ['距底价', 'Above floor'],
  cart: ['购物车', 'Cart'],
  total: ['合计', 'total'],
  saving: ['优惠', 'saving'],
  shipping: ['运费', 'shipping'],
  gifts: ['赠品', 'gifts'],
  fromRule: ['规则', 'rule'],
  typed: ['自己输入', 'typed'],
  score: ['分', 'score'],
  why: ['为什么', 'Why'],
  edit: ['编辑', 'Edit'],
  blocked: ['被拦下', 'blocked'],
  intents: ['识别', 'Understood'],
  noIntent: ['没有识别出意图', 'no intent recognised'],
  notSet: ['（未设置）', '(not set)'],
  yes: ['是', 'yes'],
  no: ['否', 'no'],
  nothingToUndo: ['没有可撤销的', 'Nothing to undo'],
  confirmRestart: ['重新开始这段对话？', 'Restart this conversation?'],
  confirmProduct: ['换商品会重新开始对话，继续？', 'Changing the product restarts the conversation. Go on?'],
  lintWord: ['含有不允许的词：', 'Contains a word the compliance list forbids: '],
  belowFloor: ['报价 {p} 低于底价 {f}（已含赠品成本）', 'The price {p} is below the floor {f} (extras included)'],
  priceUp: ['报价 {p} 高于当前报价 {o}：报过的价不能再涨，不会记为新报价', 'The price {p} is above the current offer {o}: a quoted price never rises, so it is not recorded as the offer'],
  bannedSell: ['这个买家在禁止购买分组里（B37）', 'This buyer is in a banned group (B37)'],
  replyClean: ['检查通过', 'Checked: nothing to warn about'],
  apiSays: ['服务返回：', 'The server says: '],
  reloaded: ['已重新加载，第 {g} 版', 'Reloaded: generation {g}'],
  reloadFailed: ['规则有错误，仍在使用旧规则', 'The rule set has errors; the old one stays in use'],
  noDiagnostics: ['没有问题', 'No problems'],
  covered: ['{n}/{m} 已覆盖', '{n} of {m} covered'],
  rulesSummary: ['{s}：{p} 个商品，{r} 条规则，{i} 个意图，第 {g} 版', '{s}: {p} products, {r} rules, {i} intents, generation {g}'],
  simulating: ['正在模拟……', 'Simulating…'],
  simulated: ['每个商品 {b} 个买家，用时 {s} 秒', '{b} buyers a product, {s} s'],
  scenarioFacts: ['注意：对话中途改过买家资料或订单信息，场景用第一轮的', 'Note: the profile or facts changed during the conversation; the scenario uses those of the first turn'],
  scenarioTyped: ['注意：载入的对话不知道选了第几条建议，这些回复按自己输入写入', 'Note: a loaded conversation does not say which suggestion was picked; those replies are written as typed'],
  scenarioEmpty: ['还没有对话可以保存', 'There is no conversation to save yet'],
  copied: ['已复制', 'Copied'],
  loaded: ['已载入', 'Loaded'],
  badFile: ['这个文件读不了：', 'This file cannot be read: '],
  needToken: ['这个服务需要访问令牌', 'This server needs an access token'],
};
const ACTIONS = {
  hold: ['守价', 'hold'], concede: ['让价', 'concede'], accept: ['接受', 'accept'], offer_extra: ['送附加', 'offer extra'],
  trade: ['交换条件', 'trade'], close: ['促成下单', 'close'], retreat: ['礼貌退让', 'retreat'], ask: ['询问', 'ask'],
  answer: ['回答', 'answer'], upsell: ['加购', 'upsell'], handoff: ['转人工', 'hand off'],
};
const STAGES = {
  open: ['开场', 'open'], bargaining: ['议价中', 'bargaining'], agreed: ['已谈妥', 'agreed'],
  retreated: ['已退让', 'retreated'], handoff: ['已转人工', 'handed off'], after_sale: ['售后', 'after sale'],
};
// The buyer profile's and the default rule set's fact names; any other name
// shows as it is written.
const FIELD_NAMES = {
  credit: ['信用等级', 'Credit'], good_rate_given: ['给出好评率', 'Good reviews given'],
  good_rate_received: ['收到好评率', 'Good reviews received'], member: ['会员', 'Member'], vip: ['VIP', 'VIP'],
  coupon_claimed: ['已领优惠券', 'Coupon claimed'], orders: ['订单数', 'Orders'], total_spent: ['累计消费（元）', 'Spent (yuan)'],
  last_order_days: ['距上次下单天数', 'Days since last order'], groups: ['分组', 'Groups'], notes: ['备注', 'Notes'],
  order_status: ['订单状态', 'Order status'], parcel_status: ['物流状态', 'Parcel status'],
  parcel_delay_reason: ['延误原因', 'Delay reason'], shipping_insurance: ['运费险', 'Shipping insurance'],
  days_since_payment: ['付款后天数', 'Days since payment'],
};
const VALUE_NAMES = {
  none: ['无', 'none'], unpaid: ['未付款', 'unpaid'], paid: ['已付款', 'paid'], shipped: ['已发货', 'shipped'],
  delivered: ['已签收', 'delivered'], refused: ['拒收', 'refused'], returned: ['已退货', 'returned'],
  moving: ['运输中', 'moving'], stalled: ['停滞', 'stalled'],
};
// The profile fields shown first; the others are under "more".
const MAIN_PROFILE = ['vip', 'coupon_claimed', 'groups', 'orders'];
const MAX_PICKS = 9;

// ---- State ------------------------------------------------------------------
const app = {
  lang: 'zh',
  rules: null,      // GET /v1/rules
  state: null,      // the conversation
  said: [],         // what was said, turn by turn, for the scenario file
  undo: [],         // {state, said} before each change
  pending: null,    // {message, result}: the buyer's message awaiting a reply
  check: null,      // {text, stateJson, next}: the agent's own reply, checked
  quote: null,      // POST /v1/quote for the state
  showFloor: false,
  token: sessionStorage.getItem('parley.token') || '',
  busy: 0,
};
const $ = (id) => document.getElementById(id);
const L = () => (app.lang === 'en' ? 1 : 0);
function t(key, vars) {
  let s = (WORDS[key] || [key, key])[L()];
  for (const [k, v] of Object.entries(vars || {})) s = s.replace('{' + k + '}', v);
  return s;
}
const word = (table, name) => (table[name] ? table[name][L()] : name);
function yuan(x) {
  if (x === null || x === undefined) return '—';
  const s = Number.isInteger(x) ? String(x) : x.toFixed(2).replace(/0$/, '');
  return app.lang === 'en' ? '¥' + s : s + '元';
}
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) e.append(c);
  return e;
}
const product = () => app.rules.products.find((p) => p.id === app.state.product);
const clone = (x) => JSON.parse(JSON.stringify(x));
// Behaviour ids as rules and suggestions write them: "B2, B18" or "B2,B18".
const behaviours = (s) => (s || '').split(/[,\s]+/).filter(Boolean);

// ---- The API ----------------------------------------------------------------
class ApiError extends Error {
  constructor(status, body) {
    super(body && body.message ? body.message : 'HTTP ' + status);
    this.status = status;
    this.body = body;
  }
}
async function api(path, body) {
  const headers = {};
  if (app.token) headers.Authorization = 'Bearer ' + app.token;
  const init = body === undefined ? { headers } : { method: 'POST', headers, body: JSON.stringify(body) };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  app.busy++;
  document.body.classList.add('busy');
  try {
    const r = await fetch(path, init);
    const text = await r.text();
    let json = null;
    try { json = JSON.parse(text); } catch (e) { json = { code: 'bad_json', message: text }; }
    if (r.status === 401) $('token-box').hidden = false;
    if (!r.ok) throw new ApiError(r.status, json);
    return json;
  } finally {
    if (--app.busy === 0) document.body.classList.remove('busy');
  }
}
function notice(text, info) {
  const n = $('notice');
  n.hidden = !text;
  n.textContent = text || '';
  n.className = info ? 'info' : '';
}
function failed(e) {
  notice(e instanceof ApiError ? (e.body.code ? e.body.code + ': ' : '') + e.message : String(e));
}

// ---- Rule set -----------------------------------------------------------------
async function loadRules() {
  app.rules = await api('/v1/rules');
  renderRules();
}
function renderRules() {
  const r = app.rules;
  $('shop').textContent = r.shop.name;
  $('rules-summary').textContent = t('rulesSummary', { s: r.shop.name, p: r.products.length, r: r.rules.length,
                                                      i: r.intents.length, g: r.generation });
  renderDiagnostics(r.diagnostics);
  const byBehaviour = {};
  for (const rule of r.rules) {
    for (const b of behaviours(rule.playbook)) (byBehaviour[b] = byBehaviour[b] || []).push(rule.id);
  }
  const cov = $('coverage');
  cov.replaceChildren();
  for (let b = 1; b <= r.playbook.behaviours; b++) {
    const id = 'B' + b;
    const on = r.playbook.covered.includes(id);
    cov.append(el('span', { class: on ? 'on' : '', title: on ? id + ': ' + byBehaviour[id].join(', ') : id, text: id }));
  }
  $('coverage-count').textContent = t('covered', { n: r.playbook.behaviours - r.playbook.missing.length,
                                                  m: r.playbook.behaviours });
  renderSetup();
}
function renderDiagnostics(list) {
  const ul = $('diagnostics');
  ul.replaceChildren();
  $('diag-count').textContent = list.length ? String(list.length) : '';
  if (!list.length) ul.append(el('li', { class: 'muted', text: t('noDiagnostics') }));
  for (const d of list) {
    const where = d.file ? d.file + (d.line ? ':' + d.line + ':' + d.column : '') : '';
    ul.append(el('li', {}, where ? el('span', { class: 'where', text: where }) : null, ' ',
                 el('span', { class: d.severity, text: d.severity }), ' ', (d.rule ? "rule '" + d.rule + "': " : '') + d.message));
  }
}
async function reload() {
  const out = $('reload-result');
  try {
    const r = await api('/v1/reload', {});
    // The panel is drawn from the new rule set before it says so, so that
    // what it shows is never the old set under the new generation's words.
    await loadRules();
    out.textContent = t('reloaded', { g: r.generation });
    out.className = '';
    if (app.pending) await suggest(app.pending.message);
  } catch (e) {
    if (e instanceof ApiError && e.body.diagnostics) {
      out.textContent = t('reloadFailed');
      out.className = 'diagnostics error';
      renderDiagnostics(e.body.diagnostics);
    } else {
      failed(e);
    }
  }
}

// ---- Setup: product, buyer, facts -------------------------------------------------
function renderSetup() {
  const sel = $('product');
  sel.replaceChildren(...app.rules.products.map((p) =>
    el('option', { value: p.id, text: p.name + ' · ' + yuan(p.list_price) + (p.fixed_price ? ' · 一口价' : '') })));
  if (app.state) sel.value = app.state.product;
  const main = $('profile'), more = $('profile-more');
  main.replaceChildren();
  more.replaceChildren();
  const ordered = [...app.rules.profile].sort((a, b) => rank(a.name) - rank(b.name));
  function rank(n) { const i = MAIN_PROFILE.indexOf(n); return i < 0 ? 99 : i; }
  for (const f of ordered) (MAIN_PROFILE.includes(f.name) ? main : more).append(profileField(f));
  const facts = $('facts');
  facts.replaceChildren(...app.rules.facts.map(factField));
}
function profileField(f) {
  const id = 'buyer-' + f.name;
  const label = word(FIELD_NAMES, f.name);
  const value = app.state ? app.state.buyer[f.name] : f.default;
  const set = (v) => { app.state.buyer[f.name] = v; changed(); };
  if (f.type === 'boolean') {
    return el('label', { class: 'field check-field', title: f.help },
              el('input', { type: 'checkbox', id, checked: !!value, onchange: (e) => set(e.target.checked) }),
              el('span', { text: label }));
  }
  let input;
  if (f.type === 'integer' || f.type === 'number') {
    input = el('input', { type: 'number', id, min: f.min, max: f.max < 1e15 ? f.max : null, step: f.type === 'integer' ? 1 : 'any',
                          value: String(value),
                          onchange: (e) => {
                            const v = Number(e.target.value);
                            if (e.target.value === '' || !Number.isFinite(v) || v < f.min || v > f.max) { e.target.value = String(app.state.buyer[f.name]); return; }
                            set(f.type === 'integer' ? Math.round(v) : v);
                          } });
  } else if (f.type === 'list') {
    // Groups: the rule set's banned groups offered, any other typed.
    input = el('input', { type: 'text', id, value: (value || []).join('、'), list: f.name === 'groups' ? 'group-names' : null,
                          placeholder: f.name === 'groups' ? app.rules.banned_groups.join('、') : null,
                          onchange: (e) => set(e.target.value.split(/[、,，\s]+/).filter(Boolean)) });
  } else {
    input = el('input', { type: 'text', id, value: value || '', onchange: (e) => set(e.target.value) });
  }
  const row = el('label', { class: 'field', title: f.help }, el('span', { text: label }), input);
  if (f.type === 'list' && f.name === 'groups') {
    row.append(el('datalist', { id: 'group-names' }, app.rules.banned_groups.map((g) => el('option', { value: g }))));
  }
  return row;
}
function factField(f) {
  const id = 'fact-' + f.name;
  const current = app.state ? app.state.facts[f.name] : undefined;
  const set = (v) => { if (v === undefined) delete app.state.facts[f.name]; else app.state.facts[f.name] = v; changed(); };
  let input;
  if (f.type === 'symbol' || f.type === 'boolean') {
    // A select of the declared values, so that a typo cannot happen.
    const values = f.type === 'symbol' ? f.values : [true, false];
    input = el('select', { id, onchange: (e) => {
      const v = e.target.value;
      set(v === '' ? undefined : f.type === 'boolean' ? v === 'true' : v);
    } }, el('option', { value: '', text: t('notSet') }),
    values.map((v) => el('option', { value: String(v), selected: current === v,
                                     text: f.type === 'boolean' ? t(v ? 'yes' : 'no') : word(VALUE_NAMES, v) + (VALUE_NAMES[v] && app.lang === 'zh' ? ' ' + v : '') })));
  } else if (f.type === 'number') {
    input = el('input', { type: 'number', id, step: 'any', value: current === undefined ? '' : String(current),
                          onchange: (e) => set(e.target.value === '' ? undefined : Number(e.target.value)) });
  } else {
    input = el('input', { type: 'text', id, value: current === undefined ? '' : current,
                          onchange: (e) => set(e.target.value === '' ? undefined : e.target.value) });
  }
  return el('label', { class: 'field', title: f.name }, el('span', { text: word(FIELD_NAMES, f.name) }), input);
}
// The profile or a fact changed: suggestions for a waiting message change too.
function changed() {
  app.check = null;
  renderCheck();
  refresh();
  if (app.pending) suggest(app.pending.message).catch(failed);
}

// ---- The conversation -----------------------------------------------------------------
async function start(productId, keep) {
  const body = { product: productId };
  if (keep) { body.buyer = keep.buyer; body.facts = keep.facts; }
  app.state = await api('/v1/start', body);
  app.said = [];
  app.pending = null;
  app.check = null;
  await refresh();
  renderSetup();
}
function remember() {
  app.undo.push({ state: clone(app.state), said: clone(app.said) });
  if (app.undo.length > 200) app.undo.shift();
}
async function refresh() {
  try {
    app.quote = await api('/v1/quote', { state: app.state });
  } catch (e) {
    app.quote = null;
    failed(e);
  }
  render();
  persist();
}
function persist() {
  try {
    localStorage.setItem('parley.console', JSON.stringify({ state: app.state, said: app.said }));
  } catch (e) { /* private mode: nothing kept */ }
}

async function sendBuyer(message) {
  message = message.trim();
  if (!message || app.pending) return;
  notice('');
  await suggest(message);
  $('buyer-input').value = '';
  if (app.pending.result.suggestions.length) $('suggestions').focus();
  else $('reply-input').focus();
}
async function suggest(message) {
  const result = await api('/v1/suggest', { state: app.state, message, top: MAX_PICKS, explain: true });
  app.pending = { message, result };
  render();
}
async function pick(k) {
  if (!app.pending) return;
  const s = app.pending.result.suggestions[k - 1];
  if (!s) return;
  const { message, result } = app.pending;
  const next = await api('/v1/apply', { state: app.state, message, pick: k, rule: s.rule });
  remember();
  app.said.push({ buyer: message, pick: k, rule: s.rule, playbook: s.playbook, top: summary(result), stage: next.stage,
                  buyer_profile: clone(app.state.buyer), facts: clone(app.state.facts) });
  app.state = next;
  app.pending = null;
  app.check = null;
  $('reply-input').value = '';
  await refresh();
  $('buyer-input').focus();
}
// What the scenario checks of a turn's suggestions: the top one.
function summary(result) {
  const s = result.suggestions[0];
  return s ? { rule: s.rule, action: s.action, offer: s.offer } : null;
}

// The agent's own reply: linted and run on a copy of the state first; what
// it would do is shown, and it is recorded only once the agent confirms.
async function checkReply(text) {
  text = text.trim();
  if (!text || !app.pending) return;
  const stateJson = JSON.stringify(app.state);
  if (app.check && app.check.text === text && app.check.stateJson === stateJson) return recordReply();
  const warnings = [];
  let next = null;
  const [lint, observed] = await Promise.allSettled([
    api('/v1/lint', { reply: text }),
    api('/v1/observe', { state: app.state, message: app.pending.message, seller: text }),
  ]);
  if (lint.status === 'fulfilled') for (const w of lint.value) warnings.push(t('lintWord') + w);
  else warnings.push(t('apiSays') + lint.reason.message);
  if (observed.status === 'fulfilled') {
    next = observed.value;
    const turn = next.history[next.history.length - 1];
    const p = product();
    const before = app.state.offer === null ? p.list_price : app.state.offer;
    if (turn && turn.offer !== null && turn.offer !== undefined) {
      if (turn.offer - next.extras_cost < p.floor) warnings.push(t('belowFloor', { p: yuan(turn.offer), f: yuan(p.floor) }));
      if (turn.offer > before) warnings.push(t('priceUp', { p: yuan(turn.offer), o: yuan(before) }));
    }
    // Whatever else the server says about it.
    for (const w of next.warnings || []) warnings.push(t('apiSays') + (w.message || w));
  } else {
    warnings.push(t('apiSays') + observed.reason.message);
  }
  const banned = (app.state.buyer.groups || []).some((g) => app.rules.banned_groups.includes(g));
  if (banned) warnings.push(t('bannedSell'));
  app.check = { text, stateJson, next, warnings };
  if (!warnings.length && next) return recordReply();
  renderCheck();
}
async function recordReply() {
  const c = app.check;
  if (!c || !app.pending) return;
  const next = c.next || await api('/v1/observe', { state: app.state, message: app.pending.message, seller: c.text });
  remember();
  app.said.push({ buyer: app.pending.message, seller: c.text, top: summary(app.pending.result), stage: next.stage,
                  buyer_profile: clone(app.state.buyer), facts: clone(app.state.facts) });
  app.state = next;
  app.pending = null;
  app.check = null;
  $('reply-input').value = '';
  renderCheck();
  await refresh();
  $('buyer-input').focus();
}
function renderCheck() {
  const box = $('reply-check');
  const c = app.check;
  box.hidden = !c;
  if (!c) return;
  box.className = 'check';
  $('reply-warnings').replaceChildren(...c.warnings.map((w) => el('li', { text: w })));
  $('reply-confirm').hidden = !c.warnings.length;
}

function undo() {
  if (app.pending || app.check) {
    app.pending = null;
    app.check = null;
    renderCheck();
    render();
    return;
  }
  const last = app.undo.pop();
  if (!last) return notice(t('nothingToUndo'), true);
  app.state = last.state;
  app.said = last.said;
  renderSetup();
  refresh();
}
async function restart() {
  if ((app.said.length || app.pending) && !confirm(t('confirmRestart'))) return;
  remember();
  await start(app.state.product, { buyer: app.state.buyer, facts: app.state.facts });
}

// ---- Drawing -----------------------------------------------------------------------
function render() {
  renderStatus();
  renderTurns();
  renderSuggestions();
  $('buyer-input').disabled = !!app.pending;
  $('buyer-send').disabled = !!app.pending;
  $('reply-input').disabled = !app.pending;
  $('reply-send').disabled = !app.pending;
  $('undo').disabled = !app.undo.length && !app.pending;
}
function renderStatus() {
  const c = app.state, p = product();
  const offer = c.offer === null ? p.list_price : c.offer;
  const extras = c.extras_granted.map((id) => (p.extras.find((e) => e.id === id) || { name: id }).name);
  const items = [
    el('span', {}, t('stage') + ' ', el('b', { id: 'status-stage', text: word(STAGES, c.stage) })),
    el('span', {}, t('offer') + ' ', el('b', { id: 'status-offer', text: yuan(offer) }),
       c.offer === null ? ' (' + t('listPrice') + ')' : ''),
    el('span', {}, t('extras') + ' ', el('b', { id: 'status-extras', text: extras.length ? extras.join('、') : t('none') })),
    el('span', {}, t('round') + ' ', el('b', { text: String(c.round) })),
    el('span', {}, t('concessions') + ' ', el('b', { text: String(c.concessions) })),
  ];
  if (app.showFloor) {
    items.push(el('span', { class: 'floor', id: 'status-floor' }, t('floorDistance') + ' ',
                  el('b', { text: yuan(Math.round((offer - c.extras_cost - p.floor) * 100) / 100) })));
  }
  const q = app.quote;
  if (q) {
    const lines = q.lines.map((l) => l.name + ' ×' + l.quantity + ' ' + yuan(l.unit_price));
    let text = t('cart') + ': ' + lines.join('；') + ' · ' + t('total') + ' ' + yuan(q.total);
    if (q.discount) text += ' (' + t('saving') + ' ' + yuan(q.discount) + ')';
    if (q.shipping) text += ' · ' + t('shipping') + ' ' + yuan(q.shipping);
    if (q.gifts.length) text += ' · ' + t('gifts') + ' ' + q.gifts.join('、');
    items.push(el('span', { class: 'cart', id: 'status-cart', text }));
  }
  $('status').replaceChildren(...items);
}
function renderTurns() {
  const ol = $('turns');
  ol.replaceChildren();
  for (const turn of app.state.history) {
    const seller = turn.speaker === 'seller';
    const meta = [];
    if (seller) meta.push(turn.rule ? t('fromRule') + ' ' + turn.rule : t('typed'));
    if (turn.offer !== null && turn.offer !== undefined) meta.push((seller ? '' : t('bid') + ' ') + yuan(turn.offer));
    ol.append(el('li', { class: turn.speaker },
                 el('div', { class: 'bubble ' + turn.speaker, text: turn.text }),
                 meta.length ? el('div', { class: 'meta', text: meta.join(' · ') }) : null));
  }
  const pending = $('pending');
  pending.hidden = !app.pending;
  if (app.pending) {
    $('pending-text').textContent = app.pending.message;
    const intents = app.pending.result.signals.intents.map((i) => el('span', { class: 'chip', text: i.name }));
    $('pending-signals').replaceChildren(t('intents') + ': ', ...(intents.length ? intents : [t('noIntent')]));
  }
  ol.scrollTop = ol.scrollHeight;
}
function renderSuggestions() {
  const ol = $('suggestions');
  ol.replaceChildren();
  const list = app.pending ? app.pending.result.suggestions : [];
  $('idle-suggestions').hidden = !!app.pending;
  $('no-suggestions').hidden = !app.pending || list.length > 0;
  const p = product();
  list.forEach((s, i) => {
    const k = i + 1;
    const facts = [];
    if (s.offer !== null) facts.push(el('span', { class: 'price', text: yuan(s.offer) }));
    facts.push(el('span', { class: 'action', text: word(ACTIONS, s.action) }));
    facts.push(el('span', { class: 'rule', text: t('fromRule') + ' ' + s.rule }));
    if (s.playbook) facts.push(el('span', { class: 'playbook', text: behaviours(s.playbook).join(' ') }));
    facts.push(el('span', { text: t('score') + ' ' + s.score }));
    if (s.extras.length) facts.push(el('span', { text: '+ ' + s.extras.map((id) => (p.extras.find((e) => e.id === id) || { name: id }).name).join('、') }));
    if (s.gives) facts.push(el('span', { text: '⇄ ' + s.gives }));
    if (s.next_stage) facts.push(el('span', { text: '→ ' + word(STAGES, s.next_stage) }));
    if (app.showFloor && s.offer !== null) {
      const extraCost = s.extras.reduce((sum, id) => sum + ((p.extras.find((e) => e.id === id) || {}).cost || 0), 0);
      facts.push(el('span', { class: 'floor', text: t('floorDistance') + ' ' +
                              yuan(Math.round((s.offer - app.state.extras_cost - extraCost - p.floor) * 100) / 100) }));
    }
    const why = s.why || { parts: [], summary: '' };
    ol.append(el('li', { class: 'card', 'data-rule': s.rule },
      el('div', { class: 'top' }, el('span', { class: 'key', text: String(k) }), el('div', { class: 'text', text: s.text })),
      el('div', { class: 'facts' }, facts),
      el('div', { class: 'actions' },
         el('button', { type: 'button', class: 'send', onclick: () => pick(k).catch(failed), text: t('send') + ' ' + k }),
         el('button', { type: 'button', class: 'ghost edit', onclick: () => editSuggestion(s), text: t('edit') }),
      ),
      el('details', {}, el('summary', { text: t('why') }),
         el('ul', {}, why.parts.map((part) => el('li', { class: part.holds ? 'yes' : 'no', style: 'padding-left:' + part.depth + 'em' },
            (part.holds ? '✓ ' : '✗ '), el('code', { text: part.text }), part.values ? ' — ' + part.values : ''))),
         why.blocked ? el('p', { text: t('blocked') + ': ' + why.blocked }) : null)));
  });
}
function editSuggestion(s) {
  const box = $('reply-input');
  box.value = s.text;
  app.check = null;
  renderCheck();
  box.focus();
}
function applyWords() {
  document.documentElement.lang = app.lang === 'en' ? 'en' : 'zh-CN';
  for (const e of document.querySelectorAll('[data-t]')) e.textContent = t(e.dataset.t);
  for (const e of document.querySelectorAll('[data-tp]')) e.placeholder = t(e.dataset.tp);
  for (const e of document.querySelectorAll('[data-tt]')) e.title = t(e.dataset.tt);
  $('lang').textContent = app.lang === 'en' ? '中文' : 'English';
  document.title = t('title');
}

// ---- Files: the conversation as JSON, and as a scenario -------------------------------
function download(name, type, text) {
  const a = el('a', { href: URL.createObjectURL(new Blob([text], { type })), download: name });
  document.body.append(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}
function stamp() { return new Date().toISOString().slice(0, 16).replace(/[-:T]/g, ''); }
function saveConversation() {
  const doc = { parley_console: 1, state: app.state, said: app.said };
  download('conversation-' + app.state.product + '-' + stamp() + '.json', 'application/json', JSON.stringify(doc, null, 1));
}
// Reads a file saved here, or a bare conversation (parley chat's /json, a
// stored conversation's "state"), whose replies count as typed.
async function loadConversation(file) {
  try {
    const doc = JSON.parse(await file.text());
    let state = doc.parley_console ? doc.state : doc.state && doc.state.history ? doc.state : doc;
    let said = doc.parley_console ? doc.said : null;
    await api('/v1/quote', { state });  // the server checks it against the rule set
    if (!said) said = saidFromHistory(state);
    remember();
    app.state = state;
    app.said = said;
    app.pending = null;
    app.check = null;
    renderSetup();
    await refresh();
    notice(t('loaded'), true);
  } catch (e) {
    notice(t('badFile') + (e.message || e));
  }
}
function saidFromHistory(state) {
  const said = [];
  const h = state.history;
  for (let i = 0; i < h.length; i++) {
    if (h[i].speaker !== 'buyer') continue;
    const reply = h[i + 1] && h[i + 1].speaker === 'seller' ? h[i + 1] : null;
    said.push({ buyer: h[i].text, seller: reply ? reply.text : '', top: null, loaded: true,
                buyer_profile: state.buyer, facts: state.facts });
  }
  return said;
}
const q = (s) => JSON.stringify(String(s));  // a JSON string is a YAML scalar
// The conversation as a `parley test` scenario (rules/README.md, "Scenario
// tests"): each turn's buyer message, the pick or the typed reply, and what
// the top suggestion was, so that a change of behaviour fails the test.
function scenarioText(name) {
  const first = app.said[0];
  const lines = [];
  const notes = [];
  if (app.said.some((s) => JSON.stringify(s.buyer_profile) !== JSON.stringify(first.buyer_profile) ||
                           JSON.stringify(s.facts) !== JSON.stringify(first.facts))) notes.push(t('scenarioFacts'));
  if (app.said.some((s) => s.loaded)) notes.push(t('scenarioTyped'));
  for (const n of notes) lines.push('# ' + n);
  lines.push('name: ' + q(name));
  const playbook = [...new Set(app.said.flatMap((s) => behaviours(s.playbook)))];
  if (playbook.length) lines.push('playbook: [' + playbook.join(', ') + ']');
  lines.push('product: ' + q(app.state.product));
  if (app.state.seed !== '0' && app.state.seed !== 0) lines.push('seed: ' + app.state.seed);
  // Only what differs from a new buyer's profile, as a person would write it.
  const buyer = {};
  for (const f of app.rules.profile) {
    const v = first.buyer_profile[f.name];
    if (v !== undefined && JSON.stringify(v) !== JSON.stringify(f.default)) buyer[f.name] = v;
  }
  if (Object.keys(buyer).length) lines.push('buyer: ' + JSON.stringify(buyer));
  if (Object.keys(first.facts).length) lines.push('facts: ' + JSON.stringify(first.facts));
  lines.push('turns:');
  for (const s of app.said) {
    lines.push('  - buyer: ' + q(s.buyer));
    if (s.pick) {
      if (s.pick !== 1) lines.push('    pick: ' + s.pick);
    } else {
      lines.push('    seller: ' + q(s.seller));
    }
    if (s.loaded) continue;
    const e = [];
    if (s.top) {
      e.push('rule: ' + s.top.rule, 'action: ' + s.top.action, 'offer: ' + (s.top.offer === null ? 'null' : s.top.offer));
    } else {
      e.push('rule: none');
    }
    if (s.pick && s.pick !== 1) e.push('has_rule: [' + s.rule + ']');
    e.push('stage: ' + s.stage);
    lines.push('    expect: {' + e.join(', ') + '}');
  }
  return { text: lines.join('\n') + '\n', notes };
}
function openScenario() {
  if (!app.said.length) return notice(t('scenarioEmpty'), true);
  const nameBox = $('scenario-name');
  if (!nameBox.value) nameBox.value = 'console: ' + product().name + ' ' + app.said.map((s) => s.buyer).slice(0, 3).join(' / ');
  fillScenario();
  $('scenario-dialog').showModal();
}
function fillScenario() {
  const { text, notes } = scenarioText($('scenario-name').value);
  $('scenario-text').value = text;
  $('scenario-notes').textContent = notes.join(' ');
}

// ---- Simulation ---------------------------------------------------------------------
async function simulate() {
  const status = $('sim-status');
  const buyers = Math.min(200, Math.max(1, Number($('sim-buyers').value) || 30));
  status.textContent = t('simulating');
  $('simulate').disabled = true;
  try {
    const r = await api('/v1/simulate', { buyers });
    status.textContent = t('simulated', { b: r.buyers, s: r.seconds.toFixed(1) });
    $('report-meta').textContent = t('simulated', { b: r.buyers, s: r.seconds.toFixed(1) });
    $('report-frame').srcdoc = r.html;
    const open = $('report-open');
    if (open.href.startsWith('blob:')) URL.revokeObjectURL(open.href);
    open.href = URL.createObjectURL(new Blob([r.html], { type: 'text/html' }));
    $('report-dialog').showModal();
  } catch (e) {
    status.textContent = '';
    failed(e);
  } finally {
    $('simulate').disabled = false;
  }
}

// ---- Wiring ---------------------------------------------------------------------
function editing(e) {
  const tag = e && e.tagName;
  return tag === 'TEXTAREA' || tag === 'SELECT' || (tag === 'INPUT' && !['checkbox', 'button'].includes(e.type));
}
function wire() {
  const guard = (f) => (...args) => Promise.resolve().then(() => f(...args)).catch(failed);
  $('buyer-form').addEventListener('submit', (e) => { e.preventDefault(); guard(sendBuyer)($('buyer-input').value); });
  $('reply-form').addEventListener('submit', (e) => { e.preventDefault(); guard(checkReply)($('reply-input').value); });
  for (const [box, form] of [['buyer-input', 'buyer-form'], ['reply-input', 'reply-form']]) {
    $(box).addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); $(form).requestSubmit(); }
    });
  }
  $('reply-input').addEventListener('input', () => { if (app.check) { app.check = null; renderCheck(); } });
  $('reply-confirm').addEventListener('click', guard(recordReply));
  $('reply-back').addEventListener('click', () => { app.check = null; renderCheck(); $('reply-input').focus(); });
  $('pending-cancel').addEventListener('click', () => { app.pending = null; app.check = null; renderCheck(); render(); $('buyer-input').focus(); });
  document.addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || editing(document.activeElement) || document.querySelector('dialog[open]')) return;
    if (/^[1-9]$/.test(e.key) && app.pending && Number(e.key) <= app.pending.result.suggestions.length) {
      e.preventDefault();
      guard(pick)(Number(e.key));
    } else if (e.key === 'Escape') {
      $('buyer-input').focus();
    }
  });
  $('undo').addEventListener('click', undo);
  $('restart').addEventListener('click', guard(restart));
  $('save').addEventListener('click', saveConversation);
  $('load-file').addEventListener('change', (e) => { if (e.target.files[0]) loadConversation(e.target.files[0]); e.target.value = ''; });
  $('scenario').addEventListener('click', openScenario);
  $('scenario-name').addEventListener('input', fillScenario);
  $('scenario-download').addEventListener('click', () =>
    download('scenario-' + app.state.product + '-' + stamp() + '.yaml', 'application/yaml', $('scenario-text').value));
  $('scenario-copy').addEventListener('click', guard(async () => {
    await navigator.clipboard.writeText($('scenario-text').value);
    $('scenario-notes').textContent = t('copied');
  }));
  $('product').addEventListener('change', guard(async (e) => {
    if ((app.said.length || app.pending) && !confirm(t('confirmProduct'))) { e.target.value = app.state.product; return; }
    remember();
    await start(e.target.value, { buyer: app.state.buyer, facts: app.state.facts });
  }));
  $('floor-toggle').addEventListener('change', (e) => { app.showFloor = e.target.checked; render(); });
  $('lang').addEventListener('click', () => {
    app.lang = app.lang === 'en' ? 'zh' : 'en';
    localStorage.setItem('parley.lang', app.lang);
    applyWords();
    renderRules();
    render();
  });
  $('reload').addEventListener('click', guard(reload));
  $('simulate').addEventListener('click', guard(simulate));
  $('token-save').addEventListener('click', guard(async () => {
    app.token = $('token-input').value.trim();
    sessionStorage.setItem('parley.token', app.token);
    $('token-box').hidden = true;
    await boot();
  }));
}

async function boot() {
  notice('');
  await loadRules();
  // The last conversation of this browser, if the rule set still takes it.
  let kept = null;
  try { kept = JSON.parse(localStorage.getItem('parley.console') || 'null'); } catch (e) { kept = null; }
  if (kept && kept.state && app.rules.products.some((p) => p.id === kept.state.product)) {
    try {
      await api('/v1/quote', { state: kept.state });
      app.state = kept.state;
      app.said = kept.said || [];
      renderSetup();
      await refresh();
      return;
    } catch (e) { /* from another rule set: start afresh */ }
  }
  await start(app.rules.products[0].id);
}

app.lang = localStorage.getItem('parley.lang') === 'en' ? 'en' : 'zh';
applyWords();
wire();
// window.parleyConsole: the page's state, for the browser test and for a
// curious shop owner's developer tools.
window.parleyConsole = app;
boot().then(() => { app.ready = true; $('buyer-input').focus(); }, (e) => {
  failed(e);
  if (e instanceof ApiError && e.status === 401) notice(t('needToken'));
});
