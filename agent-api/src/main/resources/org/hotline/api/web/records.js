// The record at hand (its steps, notes, clocks, complaint findings and trail), a new record for a
// caller or a customer, and the worklist of records to work on.
const Records = {
  id: null,
  record: null,
  newFor: null,
  byId: id => document.getElementById(id),
  hide() { this.id = null; this.record = null; this.byId("record").classList.add("hidden"); },
  async open(id) {
    this.id = id;
    try {
      const r = await Hotline.api("GET", "/records/" + id);
      if (this.id === id) this.show(r);
    } catch (e) { this.byId("record-message").textContent = e.message; }
  },
  show(r) {
    this.record = r;
    const box = this.byId("record");
    box.classList.remove("hidden");
    box.dataset.recordId = r.id;
    this.byId("record-number").textContent = r.number;
    this.byId("record-type").textContent = I18n.code("recordType", r.type);
    const status = this.byId("record-status");
    status.textContent = I18n.code("recordStatus", r.status);
    status.dataset.status = r.status;
    this.byId("record-meta").textContent = [I18n.code("priority", r.priority), I18n.code("warranty", r.warranty),
      r.contactName, r.phone, r.address, I18n.t("record.created", { at: I18n.dateTime(r.createdAt) })].filter(Boolean).join(" · ");
    this.byId("record-call").classList.toggle("hidden", !r.phone);
    this.byId("record-summary").value = Hotline.text(r.summary);
    this.byId("record-fault").value = Hotline.text(r.faultDescription);
    this.byId("record-message").textContent = "";
    const next = this.byId("transition-to"); next.replaceChildren();
    (r.next || []).forEach(s => { const o = Hotline.el("option", I18n.code("recordStatus", s)); o.value = s; next.append(o); });
    this.byId("transition").disabled = !(r.next || []).length;
    this.technicianField();
    const clocks = this.byId("record-clocks").tBodies[0]; clocks.replaceChildren();
    (r.clocks || []).forEach(c => {
      const row = Hotline.row([I18n.code("milestone", c.milestone), I18n.code("clockState", c.state),
        c.deadline ? I18n.dateTime(c.deadline) : "", c.breachedAt ? I18n.t("clock.breachedAt", { at: I18n.dateTime(c.breachedAt) }) : ""]);
      if (c.breachedAt || c.state === "missed") row.className = "bad";
      else if (c.atRiskAt && new Date(c.atRiskAt) <= new Date() && c.state === "running") row.className = "warn";
      clocks.append(row);
    });
    const trail = this.byId("record-trail").tBodies[0]; trail.replaceChildren();
    (r.events || []).slice().reverse().forEach(e => {
      const what = e.event === "transition" ? I18n.code("recordStatus", e.from) + " → " + I18n.code("recordStatus", e.to)
        : I18n.code("trail", e.event);
      const row = Hotline.row([I18n.dateTime(e.at), e.by, what, e.reason]);
      row.dataset.event = e.event;
      trail.append(row);
    });
    this.complaint(r);
  },
  async complaint(r) {
    const box = this.byId("record-complaint");
    box.classList.toggle("hidden", r.type !== "complaint");
    if (r.type !== "complaint") return;
    const body = this.byId("complaint-body"); body.replaceChildren();
    try {
      const c = await Hotline.api("GET", "/records/" + r.id + "/complaint");
      [["complaint.type", I18n.code("complaintType", c.complaintType)], ["complaint.department", c.handlerDepartment],
       ["complaint.validity", I18n.code("validity", c.validity)], ["complaint.severity", I18n.code("severity", c.severity)],
       ["complaint.investigation", c.investigation], ["complaint.proposedFix", c.proposedFix],
       ["complaint.responsibility", c.responsibility], ["complaint.improvement", c.improvement],
       ["complaint.reaction", I18n.code("reaction", c.customerReaction)], ["complaint.rounds", (c.rounds || []).length]]
        .filter(([, v]) => v !== null && v !== undefined && v !== "")
        .forEach(([k, v]) => body.append(Hotline.el("div", I18n.t(k) + ": " + v)));
    } catch (e) { body.append(Hotline.el("div", e.message, "error")); }
  },
  technicianField() {
    this.byId("technician-field").classList.toggle("hidden", this.byId("transition-to").value !== "dispatched");
  },
  async move() {
    const body = { to: this.byId("transition-to").value };
    if (body.to === "dispatched" && this.byId("technician").value.trim()) body.technician = this.byId("technician").value.trim();
    try { await Hotline.api("POST", "/records/" + this.id + "/transitions", body); await this.open(this.id); Worklist.load(); }
    catch (e) { this.byId("record-message").textContent = e.message; }
  },
  // the summary and fault as corrected; refused (409) when someone changed the record since it was read
  async save() {
    try {
      await Hotline.api("PATCH", "/records/" + this.id, { summary: this.byId("record-summary").value,
        faultDescription: this.byId("record-fault").value, version: this.record.version });
      await this.open(this.id);
      this.byId("record-message").textContent = I18n.t("record.saved");
    } catch (e) {
      // changed by someone else since it was read: the record as it is now, then the why
      if (e.problem.code === "changed-since") await this.open(this.id);
      this.byId("record-message").textContent = e.message;
    }
  },
  async note() {
    const text = this.byId("note-text").value.trim();
    if (!text) return;
    try {
      await Hotline.api("POST", "/records/" + this.id + "/notes", { text });
      this.byId("note-text").value = "";
      await this.open(this.id);
      this.byId("record-message").textContent = I18n.t("record.noted");
    } catch (e) { this.byId("record-message").textContent = e.message; }
  },
  // a new record for a customer (id) or, for a stranger, just the number they call from
  startNew(customerId, phone, label) {
    this.newFor = { customerId, phone };
    this.byId("new-record-for").textContent = label;
    this.byId("new-record-message").textContent = "";
    this.byId("new-record").classList.remove("hidden");
    this.byId("new-summary").focus();
  },
  fillForm() {
    const types = ["repair", "installation", "maintenance", "consultation", "complaint", "suggestion", "return_exchange"];
    const type = this.byId("new-type");
    types.forEach(t => { const o = Hotline.el("option", I18n.code("recordType", t)); o.value = t; type.append(o); });
    const priority = this.byId("new-priority");
    ["normal", "low", "high", "urgent"].forEach(p => { const o = Hotline.el("option", I18n.code("priority", p)); o.value = p; priority.append(o); });
  },
  async create() {
    const body = { type: this.byId("new-type").value, priority: this.byId("new-priority").value,
      summary: this.byId("new-summary").value, faultDescription: this.byId("new-fault").value };
    if (this.newFor.customerId) body.customerId = this.newFor.customerId;
    if (this.newFor.phone) body.phone = this.newFor.phone;
    if (body.type === "complaint") body.complaint = { complainant: this.byId("new-record-for").textContent || "-" };
    try {
      const r = await Hotline.api("POST", "/records", body);
      this.byId("new-record").classList.add("hidden");
      this.byId("new-summary").value = ""; this.byId("new-fault").value = "";
      await this.open(r.id);
      Worklist.load();
    } catch (e) { this.byId("new-record-message").textContent = e.message; }
  }
};
// the records an agent works on: theirs, those at risk or breached, every open one; a click opens one
const Worklist = {
  async load() {
    const view = document.getElementById("worklist-view").value, q = document.getElementById("worklist-q").value.trim();
    const query = new URLSearchParams({ open: "true", limit: "30" });
    if (view === "mine") query.set("assignee", "me");
    if (view === "atRisk") query.set("atRisk", "true");
    if (view === "breached") query.set("breached", "true");
    if (q) query.set("q", q);
    const body = document.getElementById("worklist").tBodies[0];
    try {
      const list = (await Hotline.api("GET", "/records?" + query)).records;
      body.replaceChildren();
      if (!list.length) body.append(Hotline.row([I18n.t("worklist.empty")]));
      list.forEach(r => {
        const row = Hotline.row([r.number, I18n.code("recordType", r.type), I18n.code("recordStatus", r.status), r.customerName,
          r.nextDeadline ? I18n.dateTime(r.nextDeadline) : ""]);
        row.className = "link-row" + (r.breached ? " bad" : r.atRisk ? " warn" : "");
        row.dataset.recordId = r.id;
        row.onclick = () => Records.open(r.id);
        body.append(row);
      });
    } catch (e) { body.replaceChildren(Hotline.row([e.message])); }
  }
};
document.getElementById("transition-to").onchange = () => Records.technicianField();
document.getElementById("transition").onclick = () => Records.move();
document.getElementById("note-add").onclick = () => Records.note();
document.getElementById("record-save").onclick = () => Records.save();
document.getElementById("record-call").onclick = () => Calls.dial(Records.record.phone, Records.record.customerId, Records.record.id);
document.getElementById("new-record").onsubmit = e => { e.preventDefault(); Records.create(); };
document.getElementById("new-record-cancel").onclick = () => document.getElementById("new-record").classList.add("hidden");
document.getElementById("worklist-go").onclick = () => Worklist.load();
document.getElementById("worklist-view").onchange = () => Worklist.load();
