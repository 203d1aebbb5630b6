// The supervisors' pages: the escalations inbox (take, resolve), the agents' queues and penalties,
// and the daily and monthly reports with a chart and a CSV download.
const $ = id => document.getElementById(id);
const Supervisor = {
  tab(name) {
    ["escalations", "agents", "targets", "reports"].forEach(t => {
      $(t).classList.toggle("hidden-tab", t !== name);
      $("tab-" + t).classList.toggle("active", t === name);
    });
    if (name === "escalations") this.escalations();
    if (name === "agents") this.agents();
    if (name === "targets") this.targets();
    if (name === "reports") this.report();
  },
  async escalations() {
    const body = $("escalation-list").tBodies[0];
    try {
      const list = (await Hotline.api("GET", "/escalations?state=" + $("escalation-state").value)).escalations;
      body.replaceChildren();
      if (!list.length) body.append(Hotline.row([I18n.t("sup.noEscalations")]));
      list.forEach(e => {
        const state = e.resolvedAt ? "resolved" : e.acknowledgedAt ? "acknowledged" : "raised";
        const actions = Hotline.el("span", "", "actions");
        if (!e.acknowledgedAt && !e.resolvedAt) actions.append(Hotline.button("sup.acknowledge", () => this.act(e.id, "acknowledge"), "small"));
        if (!e.resolvedAt) actions.append(Hotline.button("sup.resolve", () => this.resolve(e, actions), "secondary small"));
        const row = Hotline.row([I18n.dateTime(e.raisedAt), e.recordNumber, I18n.code("escalationLevel", e.level),
          I18n.code("trigger", e.trigger), e.reason, I18n.code("escalationState", state), actions]);
        row.className = state === "raised" ? "bad" : state === "acknowledged" ? "warn" : "";
        row.dataset.escalationId = e.id;
        body.append(row);
      });
    } catch (err) { $("escalation-message").textContent = err.message; }
  },
  async act(id, what, body) {
    try { await Hotline.api("POST", "/escalations/" + id + "/" + what, body); $("escalation-message").textContent = ""; }
    catch (err) { $("escalation-message").textContent = err.message; }
    this.escalations();
  },
  resolve(e, actions) {
    const note = document.createElement("input"); note.maxLength = 2000; note.placeholder = I18n.t("sup.resolution"); note.className = "resolution";
    const done = Hotline.button("sup.resolve", () => note.value.trim() && this.act(e.id, "resolve", { note: note.value.trim() }), "small");
    done.classList.add("resolve-confirm");
    actions.replaceChildren(note, done, Hotline.button("common.cancel", () => this.escalations()));
    note.focus();
  },
  async agents() {
    const body = $("agent-list").tBodies[0];
    try {
      const list = (await Hotline.api("GET", "/agents")).agents.filter(a => a.active);
      body.replaceChildren();
      for (const a of list) {
        const seats = (await Hotline.api("GET", "/agents/" + a.id + "/queues")).queues;
        const input = document.createElement("input"); input.size = 30;
        input.value = seats.map(s => s.queue + ":" + s.penalty).join(", ");
        input.title = I18n.t("sup.queuesHelp");
        const save = Hotline.button("common.save", () => this.saveQueues(a.id, input), "secondary small");
        const row = Hotline.row([a.displayName || a.username, a.interface, I18n.code("role", a.role), input, save]);
        row.dataset.agentId = a.id;
        body.append(row);
      }
    } catch (err) { $("agent-message").textContent = err.message; }
  },
  async saveQueues(id, input) {
    const queues = input.value.split(",").map(s => s.trim()).filter(Boolean).map(s => {
      const [queue, penalty] = s.split(":");
      return { queue: queue.trim(), penalty: penalty === undefined ? 0 : Number(penalty) };
    });
    try { await Hotline.api("PUT", "/agents/" + id + "/queues", { queues }); $("agent-message").textContent = I18n.t("sup.saved"); }
    catch (err) { $("agent-message").textContent = err.message; }
  },
  // what each queue's wallboard tile is measured against: the share within the service level, callers waiting, longest wait
  async targets() {
    const body = $("target-list").tBodies[0];
    const fields = [["serviceLevelPercent", "sup.targetPercent", 100], ["waitingWarn", "sup.waitingWarn", 10000],
      ["waitingAlarm", "sup.waitingAlarm", 10000], ["longestWaitWarnSeconds", "sup.longestWaitWarn", 86400],
      ["longestWaitAlarmSeconds", "sup.longestWaitAlarm", 86400]];
    try {
      const queues = (await Hotline.api("GET", "/queues")).queues;
      body.replaceChildren();
      queues.forEach(q => {
        const inputs = fields.map(([name, key, max]) => {
          const input = document.createElement("input"); input.type = "number"; input.min = 1; input.max = max; input.required = true;
          input.name = name; input.value = q[name]; input.className = "number"; input.setAttribute("aria-label", I18n.t(key));
          return input;
        });
        const save = Hotline.button("common.save", () => this.saveTargets(q.name, inputs), "secondary small");
        const row = Hotline.row([I18n.code("queue", q.name) === q.name ? q.displayName : I18n.code("queue", q.name),
          I18n.t("common.seconds", { n: q.serviceLevelSeconds }), ...inputs, save]);
        row.dataset.queue = q.name;
        body.append(row);
      });
    } catch (err) { $("target-message").textContent = err.message; }
  },
  async saveTargets(queue, inputs) {
    const body = Object.fromEntries(inputs.map(i => [i.name, Number(i.value)]));
    try {
      await Hotline.api("PUT", "/queues/" + encodeURIComponent(queue) + "/targets", body);
      $("target-message").textContent = I18n.t("sup.saved");
    } catch (err) { $("target-message").textContent = err.message; }
  },
  query() {
    return $("report-kind").value === "daily" ? "/reports/daily?date=" + $("report-date").value
      : "/reports/monthly?month=" + $("report-month").value;
  },
  async report() {
    $("report-date").classList.toggle("hidden", $("report-kind").value !== "daily");
    $("report-month").classList.toggle("hidden", $("report-kind").value === "daily");
    try {
      const r = await Hotline.api("GET", this.query());
      $("report-message").textContent = "";
      const body = $("report-queues").tBodies[0]; body.replaceChildren();
      (r.queues || []).forEach(q => body.append(Hotline.row([q.queue === "(none)" ? I18n.t("sup.noQueue") : I18n.code("queue", q.queue),
        q.offered, q.answered, q.abandoned, q.serviceLevelPercent === null ? "–" : q.serviceLevelPercent + "%",
        q.averageSpeedOfAnswerSeconds === null ? "–" : I18n.t("common.seconds", { n: Math.round(q.averageSpeedOfAnswerSeconds) })])));
      const more = $("report-more"); more.replaceChildren();
      const cb = r.callbacks || {}, reg = r.callRegistration || {};
      [["sup.callbacksDone", cb.done], ["sup.callbacksOnTime", cb.doneOnTime], ["sup.callbacksFailed", cb.failed],
       ["sup.withRecord", reg.withRecord], ["sup.withDisposition", reg.withDisposition], ["sup.unregistered", reg.neither]]
        .forEach(([k, v]) => { const f = Hotline.el("div", "", "figure"); f.append(Hotline.el("b", v === undefined ? "–" : v), Hotline.el("span", I18n.t(k))); more.append(f); });
      this.chart(r);
    } catch (err) { $("report-message").textContent = err.message; }
  },
  chart(r) {
    if (!window.echarts) return;
    this.echart = this.echart || echarts.init($("report-chart"));
    const types = r.recordsByType || [], queues = r.queues || [];
    this.echart.setOption({
      animation: false,
      textStyle: { fontFamily: getComputedStyle(document.body).fontFamily },
      legend: {}, tooltip: {},
      grid: [{ left: 50, right: "55%", top: 40, bottom: 30 }, { left: "55%", right: 20, top: 40, bottom: 30 }],
      xAxis: [{ type: "category", gridIndex: 0, data: queues.map(q => I18n.code("queue", q.queue)) },
        { type: "category", gridIndex: 1, data: types.map(t => I18n.code("recordType", t.type)) }],
      yAxis: [{ type: "value", gridIndex: 0, minInterval: 1 }, { type: "value", gridIndex: 1, minInterval: 1 }],
      series: [
        { name: I18n.t("wall.answered"), type: "bar", stack: "q", xAxisIndex: 0, yAxisIndex: 0, data: queues.map(q => q.answered), itemStyle: { color: "#1e8e3e" } },
        { name: I18n.t("wall.abandoned"), type: "bar", stack: "q", xAxisIndex: 0, yAxisIndex: 0, data: queues.map(q => q.abandoned), itemStyle: { color: "#c0392b" } },
        { name: I18n.t("sup.recordsCreated"), type: "bar", xAxisIndex: 1, yAxisIndex: 1, data: types.map(t => t.created), itemStyle: { color: "#5b8def" } }
      ]
    }, true);
  },
  // the CSV through the API (the token in a header, never in a URL), saved as a file
  async csv() {
    try {
      const r = await Hotline.raw("GET", this.query() + "&format=csv");
      if (!r.ok) throw new ApiError(r.status, await r.json().catch(() => null));
      const link = document.createElement("a");
      link.href = URL.createObjectURL(await r.blob());
      link.download = "hotline-" + ($("report-kind").value === "daily" ? $("report-date").value : $("report-month").value) + ".csv";
      document.body.append(link); link.click(); link.remove();
    } catch (err) { $("report-message").textContent = err.message; }
  }
};
function start() {
  const today = I18n.today();
  $("report-date").value = today; $("report-month").value = today.slice(0, 7);
  document.querySelectorAll(".tab").forEach(b => b.onclick = () => Supervisor.tab(b.dataset.tab));
  $("escalation-state").onchange = () => Supervisor.escalations();
  $("report-kind").onchange = () => Supervisor.report();
  $("report-show").onclick = () => Supervisor.report();
  $("report-csv").onclick = () => Supervisor.csv();
  Supervisor.tab("escalations");
  // escalations raised, taken or resolved reach this page live (the agent socket tells supervisors)
  Hotline.socket("/ws/agent", m => { if (m.type === "escalation") Supervisor.escalations(); }, st => Hotline.linkState(st));
}
Hotline.boot(start);
