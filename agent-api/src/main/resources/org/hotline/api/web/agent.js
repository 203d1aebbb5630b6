// The agent console: the state as the PBX reports it (live over the socket: ringing, talking with
// a timer, wrap-up with its countdown, paused with its reason), the card of the call ringing now
// (and only that call), the calls still to register at wrap-up, callback offers.
const $ = id => document.getElementById(id);
const Console = {
  state: null,
  reasons: {},
  dispositions: [],
  notice(text, bad) { const e = $("state-error"); e.textContent = text; e.className = bad ? "error" : "muted"; },
  // an escalation told to this user, by the record's number as people know it
  async escalation(e) {
    let record = e.recordId;
    try { record = (await Hotline.api("GET", "/records/" + e.recordId)).number; } catch (err) { /* the id then */ }
    this.notice(I18n.t("escalation." + e.change, { record }));
  },
  show(s) {
    // a state without its since (the answer to a change) keeps the one the socket told for the same state
    const same = this.state && this.state.state === s.state ? this.state : null;
    this.state = { state: s.state, reason: s.reason || "", since: s.since ? Date.parse(s.since) : (same ? same.since : Date.now()),
      wrapUpEndsAt: s.wrapUpEndsAt ? Date.parse(s.wrapUpEndsAt) : (same ? same.wrapUpEndsAt : null) };
    const badge = $("state");
    badge.textContent = I18n.code("agentState", s.state);
    badge.className = "state state-" + s.state;
    badge.dataset.state = s.state;
    $("state-reason").textContent = s.state === "paused" && s.reason ? (this.reasons[s.reason] || I18n.code("pauseReason", s.reason)) : "";
    this.tick();
    if (s.state === "wrap_up" || s.state === "ready") this.unregistered();
  },
  // the time in this state (a talk timer when talking), and what is left of a wrap-up
  tick() {
    if (!this.state) return;
    const now = Date.now();
    $("state-timer").textContent = this.state.state === "logged_out" ? "" : I18n.duration((now - this.state.since) / 1000);
    const left = $("wrap-up-left");
    const ends = this.state.state === "wrap_up" ? this.state.wrapUpEndsAt : null;
    left.classList.toggle("hidden", !ends);
    if (ends) left.textContent = I18n.t("state.wrapUpLeft", { time: I18n.duration(Math.max(0, (ends - now) / 1000)) });
  },
  async change(body) {
    try { this.show(await Hotline.api("PUT", "/me/state", body)); this.notice(""); }
    catch (e) { this.notice(e.message, true); }
  },
  async load() {
    try { this.show(await Hotline.api("GET", "/me/state")); } catch (e) { this.notice(e.message, true); }
  },
  async loadReasons() {
    const select = $("reason"); select.replaceChildren();
    for (const r of (await Hotline.api("GET", "/pause-reasons")).reasons) {
      this.reasons[r.code] = r.labels[I18n.lang] || r.code;
      const option = Hotline.el("option", this.reasons[r.code]); option.value = r.code; select.append(option);
    }
    this.dispositions = (await Hotline.api("GET", "/calls/dispositions")).dispositions;
  },
  // the answered calls of this agent that came to neither a record nor a disposition (来电必答)
  async unregistered() {
    const box = $("register"), body = $("unregistered").tBodies[0];
    try {
      const calls = (await Hotline.api("GET", "/calls?mine=true&unregistered=true")).calls.slice(0, 5);
      box.classList.toggle("hidden", !calls.length);
      body.replaceChildren();
      calls.forEach(c => {
        const select = document.createElement("select");
        if (Records.record) {
          const o = Hotline.el("option", I18n.t("register.aboutRecord", { number: Records.record.number })); o.value = "record:" + Records.record.id;
          select.append(o);
        }
        this.dispositions.forEach(d => { const o = Hotline.el("option", d.labels[I18n.lang] || d.code); o.value = d.code; select.append(o); });
        const save = Hotline.button("register.save", async () => {
          const body = select.value.startsWith("record:") ? { recordId: Number(select.value.slice(7)) } : { disposition: select.value };
          try { await Hotline.api("POST", "/calls/" + c.id + "/disposition", body); this.unregistered(); }
          catch (e) { this.notice(e.message, true); }
        }, "small");
        body.append(Hotline.row([I18n.dateTime(c.at), c.callerNumber, select, save]));
      });
    } catch (e) { this.notice(e.message, true); }
  }
};
const Pop = {
  linkedid: null,
  show(p) {
    // the card read late for a call that is not ringing here any more: nothing to replace
    if (p.update && p.linkedid !== this.linkedid) return;
    this.linkedid = p.linkedid;
    // the card follows this call only: nothing of the previous caller stays on screen
    Records.hide();
    $("new-record").classList.add("hidden");
    const box = $("pop"); box.replaceChildren(); box.dataset.linkedid = p.linkedid;
    const c = p.customer || {};
    const title = Hotline.el("h2", c.name || p.callerNumber); title.id = "pop-customer";
    if (c.keyCustomer) title.append(Hotline.el("span", I18n.t("customer.key"), "badge key"));
    box.append(title);
    const where = p.callback ? I18n.t("pop.callbackCall", { reason: I18n.code("callbackReason", p.callback.reason) })
      : I18n.t("pop.queue", { queue: I18n.code("queue", p.queue) });
    const line = [p.callerNumber, where, I18n.t("pop.waited", { time: I18n.duration(p.waitSeconds || 0) })];
    if (p.intent) line.push(I18n.t("pop.intent", { intent: I18n.code("intent", p.intent) }));
    const facts = Hotline.el("div", line.join(" · ")); facts.id = "pop-facts"; box.append(facts);
    if (p.degraded) { const wait = Hotline.el("div", I18n.t("pop.degraded"), "muted"); wait.id = "pop-degraded"; box.append(wait); }
    if (p.ivr && (p.ivr.path || []).length) {
      const path = Hotline.el("div", I18n.t("pop.ivrPath") + ": " + p.ivr.path.map(n => I18n.code("ivr", n)).join(" → "), "muted");
      path.id = "pop-ivr"; box.append(path);
    }
    if (p.callback && p.callback.note) box.append(Hotline.el("div", I18n.t("pop.callbackNote", { note: p.callback.note })));
    const records = p.openRecords || [];
    if (records.length) {
      const t = document.createElement("table"); t.id = "pop-records";
      t.append(Hotline.el("caption", I18n.t("pop.openRecords")));
      records.forEach(r => {
        const next = (r.clocks || [])[0];
        const row = Hotline.row([r.number, I18n.code("recordType", r.type), I18n.code("recordStatus", r.status),
          next ? I18n.code("milestone", next.milestone) + " " + I18n.dateTime(next.deadline) : ""]);
        row.className = "link-row"; row.onclick = () => Records.open(r.id);
        t.append(row);
      });
      box.append(t);
    }
    const products = p.products || [];
    if (products.length) box.append(Hotline.el("div", I18n.t("pop.products") + ": "
      + products.map(x => x.model + " " + Hotline.text(x.serial) + " (" + I18n.code("warranty", x.warranty) + ")").join(", ")));
    const calls = p.recentCalls || [];
    if (calls.length) {
      const t = document.createElement("table"); t.id = "pop-calls";
      t.append(Hotline.el("caption", I18n.t("pop.recentCalls")));
      calls.slice(0, 5).forEach(x => t.append(Hotline.row([I18n.dateTime(x.at), I18n.code("queue", x.queue),
        I18n.code("outcome", x.outcome), x.talkSeconds ? I18n.duration(x.talkSeconds) : ""])));
      box.append(t);
    }
    const create = Hotline.button("pop.newRecord", () => Records.startNew(c.id || null, p.callerNumber, c.name || p.callerNumber));
    create.id = "pop-new-record";
    box.append(create);
    const open = p.ivrRecordId || (records[0] && records[0].id);
    if (open) Records.open(open);
  }
};
function start() {
  Records.fillForm();
  Console.loadReasons().catch(e => Console.notice(e.message, true));
  Console.load();
  Callbacks.load();
  Worklist.load();
  setInterval(() => Console.tick(), 1000);
  setInterval(() => Callbacks.load(), 60000);
  Hotline.socket("/ws/agent", m => {
    if (m.type === "agent_state") Console.show(m.payload);
    else if (m.type === "screen_pop") Pop.show(m.payload);
    else if (m.type === "callback_offer") Callbacks.offer(m.payload);
    else if (m.type === "callback_result") { $("offer").classList.add("hidden"); Callbacks.load(); }
    else if (m.type === "escalation") Console.escalation(m.payload);
  }, st => Hotline.linkState(st));
}
$("ready").onclick = () => Console.change({ state: "ready" });
$("pause").onclick = () => Console.change({ state: "paused", reason: $("reason").value });
$("wrap-up").onclick = () => Console.change({ state: "wrap_up" });
$("logout").onclick = () => Console.change({ state: "logged_out" });
Hotline.boot(start);
