// Records and customers on the agent desk: the record at hand (note, next step, dispatch to a technician),
// a new record for a caller or a customer found, and the customer search with the customer's card.
const Records = {
  id: null,
  version: null,
  newFor: null,
  byId: id => document.getElementById(id),
  async open(id) {
    try { this.show(await Hotline.api("GET", "/records/" + id)); }
    catch (e) { this.byId("record-message").textContent = e.message; }
  },
  show(r) {
    this.id = r.id;
    this.version = r.version;
    this.byId("record").classList.remove("hidden");
    this.byId("record-summary").value = Hotline.text(r.summary);
    this.byId("record-fault").value = Hotline.text(r.faultDescription);
    this.byId("record-number").textContent = r.number;
    this.byId("record-status").textContent = r.status;
    this.byId("record-message").textContent = "";
    const next = this.byId("transition-to"); next.replaceChildren();
    (r.next || []).forEach(s => { const o = document.createElement("option"); o.value = s; o.textContent = s.replace(/_/g, " "); next.append(o); });
    this.byId("transition").disabled = !(r.next || []).length;
    this.technicianField();
  },
  technicianField() {
    this.byId("technician-field").classList.toggle("hidden", this.byId("transition-to").value !== "dispatched");
  },
  async move() {
    const body = { to: this.byId("transition-to").value };
    if (body.to === "dispatched" && this.byId("technician").value.trim()) body.technician = this.byId("technician").value.trim();
    try { await Hotline.api("POST", "/records/" + this.id + "/transitions", body); this.open(this.id); }
    catch (e) { this.byId("record-message").textContent = e.message; }
  },
  // The summary and fault as corrected; refused (409) when someone changed the record since it was read.
  async save() {
    try {
      await Hotline.api("PATCH", "/records/" + this.id, { summary: this.byId("record-summary").value,
        faultDescription: this.byId("record-fault").value, version: this.version });
      await this.open(this.id);
      this.byId("record-message").textContent = "saved";
    } catch (e) { this.byId("record-message").textContent = e.message; }
  },
  async note() {
    try {
      await Hotline.api("POST", "/records/" + this.id + "/notes", { text: this.byId("note-text").value });
      this.byId("record-message").textContent = "noted"; this.byId("note-text").value = "";
    } catch (e) { this.byId("record-message").textContent = e.message; }
  },
  // A new record for a customer (id) or, for a stranger, just the number they call from.
  startNew(customerId, phone, label) {
    this.newFor = { customerId, phone };
    this.byId("new-record-for").textContent = label;
    this.byId("new-record-message").textContent = "";
    this.byId("new-record").classList.remove("hidden");
    this.byId("new-summary").focus();
  },
  async create() {
    const body = { type: this.byId("new-type").value, priority: this.byId("new-priority").value,
      summary: this.byId("new-summary").value, faultDescription: this.byId("new-fault").value };
    if (this.newFor.customerId) body.customerId = this.newFor.customerId;
    if (this.newFor.phone) body.phone = this.newFor.phone;
    try {
      const r = await Hotline.api("POST", "/records", body);
      this.byId("new-record").classList.add("hidden");
      this.byId("new-summary").value = ""; this.byId("new-fault").value = "";
      await this.open(r.id);
    } catch (e) { this.byId("new-record-message").textContent = e.message; }
  },
  async search() {
    const by = this.byId("search-by").value, text = this.byId("search-text").value.trim();
    this.byId("search-error").textContent = "";
    const body = this.byId("found").tBodies[0]; body.replaceChildren();
    try {
      const found = (await Hotline.api("GET", "/customers?" + by + "=" + encodeURIComponent(text))).customers;
      if (!found.length) this.byId("search-error").textContent = "nobody found";
      found.forEach(c => {
        const row = document.createElement("tr"); row.className = "found";
        [c.name + (c.keyCustomer ? " ★" : ""), c.organisation, c.city].forEach(v => row.append(Hotline.el("td", v)));
        const open = Hotline.el("button", "Open", "secondary"); open.onclick = () => this.customer(c.id);
        const cell = document.createElement("td"); cell.append(open); row.append(cell);
        body.append(row);
      });
    } catch (e) { this.byId("search-error").textContent = e.message; }
  },
  async customer(id) {
    const box = this.byId("customer"); box.replaceChildren(); box.classList.remove("hidden");
    try {
      const c = await Hotline.api("GET", "/customers/" + id);
      const title = Hotline.el("h3", c.name + (c.keyCustomer ? " ★ key customer" : "")); title.id = "customer-name"; box.append(title);
      box.append(Hotline.el("div", (c.phones || []).join(", ") + (c.city ? " · " + c.city : "")));
      (c.products || []).forEach(p => box.append(Hotline.el("div", p.model + " " + Hotline.text(p.serial) + " (" + p.warranty + ")")));
      (c.openRecords || []).forEach(r => {
        const link = Hotline.el("button", r.number + " · " + r.type + " · " + r.status, "secondary");
        link.onclick = () => this.open(r.id); box.append(link);
      });
      const create = Hotline.el("button", "New record"); create.id = "customer-new-record";
      create.onclick = () => this.startNew(c.id, (c.phones || [])[0] || null, c.name);
      box.append(create);
    } catch (e) { box.append(Hotline.el("div", e.message, "error")); }
  }
};
document.getElementById("transition-to").onchange = () => Records.technicianField();
document.getElementById("transition").onclick = () => Records.move();
document.getElementById("note-add").onclick = () => Records.note();
document.getElementById("record-save").onclick = () => Records.save();
document.getElementById("new-record").onsubmit = e => { e.preventDefault(); Records.create(); };
document.getElementById("new-record-cancel").onclick = () => document.getElementById("new-record").classList.add("hidden");
document.getElementById("search").onsubmit = e => { e.preventDefault(); Records.search(); };
