// The wallboard for a wall screen: a tile per queue coloured against its own targets, the agents
// by name and state, today's hours as a chart, callbacks, records at risk and breached.
const $ = id => document.getElementById(id);
const queues = new Map(), agents = new Map();
let work = null, hours = [], chart = null, reasons = {};
const STATE_ORDER = ["ringing", "talking", "wrap_up", "ready", "paused"];
// ok / warn / bad against a queue's targets
function level(value, warn, alarm) { return value >= alarm ? "bad" : value >= warn ? "warn" : "ok"; }
function serviceLevelClass(sl, target) { return sl === null || sl === undefined ? "none" : sl >= target ? "ok" : sl >= target - 10 ? "warn" : "bad"; }
function figure(value, key, cls, name) {
  const f = Hotline.el("div", "", "figure " + (cls || ""));
  const b = Hotline.el("b", value); if (name) b.dataset.figure = name;
  f.append(b, Hotline.el("span", I18n.t(key)));
  return f;
}
function percent(v) { return v === null || v === undefined ? "–" : v + "%"; }
function renderQueues(now) {
  const box = $("queues"); box.replaceChildren();
  [...queues.values()].forEach(q => {
    const t = q.today, w = q["last" + q.windowMinutes + "Minutes"] || {}, tg = q.targets || { serviceLevelPercent: 80, waitingWarn: 3, waitingAlarm: 8,
      longestWaitWarnSeconds: 60, longestWaitAlarmSeconds: 180 };
    const longest = q.oldestWaitingSince ? Math.max(0, (now - Date.parse(q.oldestWaitingSince)) / 1000) : 0;
    const tile = Hotline.el("div", "", "tile"); tile.dataset.queue = q.queue;
    const title = Hotline.el("h2", I18n.has("queue." + q.queue) ? I18n.t("queue." + q.queue) : (q.name || q.queue));
    tile.append(title);
    const big = Hotline.el("div", "", "figures big");
    big.append(figure(q.waiting, "wall.waiting", level(q.waiting, tg.waitingWarn, tg.waitingAlarm), "waiting"),
      figure(I18n.duration(longest), "wall.longestWait", q.waiting ? level(longest, tg.longestWaitWarnSeconds, tg.longestWaitAlarmSeconds) : "ok", "longest"),
      figure(percent(t.serviceLevelPercent), "wall.serviceLevel", serviceLevelClass(t.serviceLevelPercent, tg.serviceLevelPercent), "service-level"));
    tile.append(big);
    const small = Hotline.el("div", "", "figures");
    small.append(figure(t.offered, "wall.offered", "", "offered"), figure(t.answered, "wall.answered", "", "answered"),
      figure(t.abandoned, "wall.abandoned", t.abandoned ? "warn" : "", "abandoned"),
      figure(t.averageSpeedOfAnswerSeconds === null ? "–" : I18n.t("common.seconds", { n: Math.round(t.averageSpeedOfAnswerSeconds) }), "wall.asa"),
      figure(t.averageHandleSeconds === null ? "–" : I18n.duration(t.averageHandleSeconds), "wall.aht"));
    tile.append(small);
    tile.append(Hotline.el("div", I18n.t("wall.window", { minutes: q.windowMinutes || 15, answered: w.answered || 0,
      abandoned: w.abandoned || 0, sl: percent(w.serviceLevelPercent) }), "muted window"));
    tile.append(Hotline.el("div", I18n.t("wall.target", { percent: tg.serviceLevelPercent, seconds: q.serviceLevelSeconds }), "muted"));
    box.append(tile);
  });
  if (!queues.size) box.append(Hotline.el("div", I18n.t("wall.noQueues"), "card muted"));
}
function renderAgents(now) {
  const box = $("agents"); box.replaceChildren();
  const counts = {};
  const list = [...agents.values()].sort((a, b) => (STATE_ORDER.indexOf(a.state) - STATE_ORDER.indexOf(b.state))
    || String(a.name || a.interface).localeCompare(String(b.name || b.interface)));
  list.forEach(a => {
    counts[a.state] = (counts[a.state] || 0) + 1;
    const card = Hotline.el("div", "", "agent state-" + a.state); card.dataset.agent = a.interface;
    card.append(Hotline.el("b", a.name || a.interface, "agent-name"));
    const reason = a.state === "paused" && a.reason ? " · " + (reasons[a.reason] || I18n.code("pauseReason", a.reason)) : "";
    card.append(Hotline.el("span", I18n.code("agentState", a.state) + reason, "agent-state"));
    card.append(Hotline.el("span", I18n.duration((now - Date.parse(a.since)) / 1000), "agent-time"));
    box.append(card);
  });
  const by = $("by-state"); by.replaceChildren();
  STATE_ORDER.filter(s => counts[s]).forEach(s => by.append(Hotline.el("span", I18n.code("agentState", s) + " " + counts[s], "count state-" + s)));
}
function renderWork() {
  if (!work) return;
  const c = work.callbacks, k = work.slaClocks;
  [["cb-pending", c.pending], ["cb-soon", c.dueNext15Minutes], ["cb-overdue", c.overdue], ["cb-done", c.doneToday],
   ["cb-ontime", c.doneOnTimeToday], ["cb-failed", c.failedToday], ["sla-risk", k.recordsAtRisk], ["sla-breached", k.recordsBreached]]
    .forEach(([id, v]) => $(id).textContent = Hotline.text(v));
  $("cb-overdue").parentElement.className = "figure " + (c.overdue > 0 ? "bad" : "ok");
  $("cb-failed").parentElement.className = "figure " + (c.failedToday > 0 ? "warn" : "");
  $("sla-risk").className = k.recordsAtRisk > 0 ? "warn" : "";
  $("sla-breached").className = k.recordsBreached > 0 ? "bad" : "";
}
async function loadRecords() {
  for (const [id, filter] of [["at-risk", "atRisk=true"], ["breached", "breached=true"]]) {
    try {
      const list = (await Hotline.api("GET", "/records?open=true&limit=8&" + filter)).records;
      const body = $(id).tBodies[0]; body.replaceChildren();
      list.forEach(r => body.append(Hotline.row([r.number, I18n.code("recordType", r.type), I18n.code("recordStatus", r.status),
        r.handlerName || r.handlerDepartment || "", r.nextDeadline ? I18n.dateTime(r.nextDeadline) : ""])));
      if (!list.length) body.append(Hotline.row([I18n.t("wall.none")]));
    } catch (e) { $(id).tBodies[0].replaceChildren(Hotline.row([e.message])); }
  }
}
function renderChart() {
  if (!window.echarts) return;
  if (!chart) { chart = echarts.init($("chart")); window.addEventListener("resize", () => chart.resize()); }
  const now = Number(I18n.parts(new Date()).hour);
  const used = hours.filter(h => h.offered > 0 || h.hour === now).map(h => h.hour);
  const from = used.length ? Math.min(...used, 8) : 8;
  const shown = hours.filter(h => h.hour >= from && h.hour <= Math.max(now, from));
  chart.setOption({
    animation: false,
    textStyle: { fontFamily: getComputedStyle(document.body).fontFamily, fontSize: 16 },
    legend: { textStyle: { fontSize: 16 } },
    grid: { left: 50, right: 60, top: 40, bottom: 30 },
    xAxis: { type: "category", data: shown.map(h => String(h.hour).padStart(2, "0") + ":00") },
    yAxis: [{ type: "value", minInterval: 1 }, { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } }],
    series: [
      { name: I18n.t("wall.offered"), type: "bar", data: shown.map(h => h.offered), itemStyle: { color: "#5b8def" } },
      { name: I18n.t("wall.answered"), type: "bar", data: shown.map(h => h.answered), itemStyle: { color: "#1e8e3e" } },
      { name: I18n.t("wall.abandoned"), type: "bar", data: shown.map(h => h.abandoned), itemStyle: { color: "#c0392b" } },
      { name: I18n.t("wall.serviceLevel"), type: "line", yAxisIndex: 1, data: shown.map(h => h.serviceLevelPercent), itemStyle: { color: "#c77700" } }
    ]
  }, true);
}
function render() {
  const now = Date.now();
  renderQueues(now);
  renderAgents(now);
  renderWork();
  $("clock").textContent = I18n.dateTime(new Date(), true);
}
function start() {
  let lastCounts = "";
  // the configured pause reasons by their labels in this language
  Hotline.api("GET", "/pause-reasons").then(r => r.reasons.forEach(x => reasons[x.code] = x.labels[I18n.lang] || x.code)).catch(() => {});
  Hotline.socket("/ws/wallboard", m => {
    if (m.type === "snapshot") {
      queues.clear(); agents.clear();
      m.queues.forEach(q => queues.set(q.queue, q)); m.agents.forEach(a => agents.set(a.interface, a));
      work = m.work; hours = m.hours || []; renderChart();
    } else if (m.type === "queue") queues.set(m.queue.queue, m.queue);
    else if (m.type === "work") work = m.work;
    // the hours a call counted in changed: each replaces its row
    else if (m.type === "hours") {
      m.hours.forEach(row => { hours = hours.filter(h => h.hour !== row.hour).concat([row]); });
      hours.sort((a, b) => a.hour - b.hour); renderChart();
    }
    else if (m.type === "agent") { if (m.agent.state === "logged_out") agents.delete(m.agent.interface); else agents.set(m.agent.interface, m.agent); }
    render();
    const counts = work ? work.slaClocks.recordsAtRisk + "/" + work.slaClocks.recordsBreached : "";
    if (counts !== lastCounts) { lastCounts = counts; loadRecords(); }
  }, st => Hotline.linkState(st));
  setInterval(render, 1000);
  setInterval(loadRecords, 30000);
  setInterval(renderChart, 60000);
}
Hotline.boot(start);
