// The customer search, the customer's card (phones to call, products, open records) and its editing:
// the customer's own details and a product added.
const Customers = {
  byId: id => document.getElementById(id),
  async search() {
    const by = this.byId("search-by").value, text = this.byId("search-text").value.trim();
    this.byId("search-error").textContent = "";
    const body = this.byId("found").tBodies[0]; body.replaceChildren();
    try {
      const found = (await Hotline.api("GET", "/customers?" + by + "=" + encodeURIComponent(text))).customers;
      if (!found.length) this.byId("search-error").textContent = I18n.t("customers.none");
      found.forEach(c => {
        const row = Hotline.row([c.name + (c.keyCustomer ? " ★" : ""), c.organisation, c.city,
          Hotline.button("customers.open", () => this.open(c.id))]);
        row.className = "found";
        body.append(row);
      });
    } catch (e) { this.byId("search-error").textContent = e.message; }
  },
  async open(id) {
    const box = this.byId("customer"); box.replaceChildren(); box.classList.remove("hidden");
    try {
      const c = await Hotline.api("GET", "/customers/" + id);
      const title = Hotline.el("h3", c.name); title.id = "customer-name";
      if (c.keyCustomer) title.append(Hotline.el("span", I18n.t("customer.key"), "badge key"));
      box.append(title);
      if (c.organisation || c.city) box.append(Hotline.el("div", [c.organisation, c.city, I18n.code("zone", c.zone)].filter(Boolean).join(" · "), "muted"));
      (c.phones || []).forEach(p => {
        const line = Hotline.el("div", p + " ");
        line.append(Hotline.button("call.dial", () => Calls.dial(p, c.id, null), "secondary small"));
        box.append(line);
      });
      (c.products || []).forEach(p => box.append(Hotline.el("div", p.model + " " + Hotline.text(p.serial) + " · " + I18n.code("warranty", p.warranty))));
      (c.openRecords || []).forEach(r => {
        const link = Hotline.el("button", r.number + " · " + I18n.code("recordType", r.type) + " · " + I18n.code("recordStatus", r.status), "secondary small");
        link.onclick = () => Records.open(r.id); box.append(link);
      });
      const actions = Hotline.el("div", "", "actions");
      const create = Hotline.button("customer.newRecord", () => Records.startNew(c.id, (c.phones || [])[0] || null, c.name), "");
      create.id = "customer-new-record";
      const edit = Hotline.button("customer.edit", () => this.edit(c)); edit.id = "customer-edit-open";
      actions.append(create, edit, Hotline.button("customer.addProduct", () => this.product(c)));
      box.append(actions);
    } catch (e) { box.append(Hotline.el("div", e.message, "error")); }
  },
  // a small form in the card: the fields, then save (only what changed is sent)
  form(fields, onSave) {
    const form = document.createElement("form"); form.className = "inline-form";
    const inputs = {};
    fields.forEach(([name, key, value, type]) => {
      const label = Hotline.el("label", I18n.t(key) + " ");
      const input = document.createElement("input"); input.name = name; input.value = Hotline.text(value);
      if (type === "checkbox") { input.type = "checkbox"; input.checked = !!value; }
      if (type === "date") input.type = "date";
      inputs[name] = input; label.append(input); form.append(label);
    });
    const save = Hotline.el("button", I18n.t("common.save")); save.type = "submit";
    const message = Hotline.el("span", "", "error");
    form.append(save, Hotline.button("common.cancel", () => form.remove()), message);
    form.onsubmit = async e => {
      e.preventDefault();
      try { await onSave(inputs); } catch (err) { message.textContent = err.message; }
    };
    return form;
  },
  edit(c) {
    const form = this.form([["name", "customer.name", c.name], ["organisation", "customer.organisation", c.organisation],
      ["city", "customer.city", c.city], ["keyCustomer", "customer.key", c.keyCustomer, "checkbox"]], async inputs => {
      const body = {};
      if (inputs.name.value.trim() !== c.name) body.name = inputs.name.value.trim();
      if (inputs.organisation.value.trim() !== Hotline.text(c.organisation)) body.organisation = inputs.organisation.value.trim();
      if (inputs.city.value.trim() !== Hotline.text(c.city)) body.city = inputs.city.value.trim();
      if (inputs.keyCustomer.checked !== !!c.keyCustomer) body.keyCustomer = inputs.keyCustomer.checked;
      if (Object.keys(body).length) {
        body.version = c.version;
        try { await Hotline.api("PATCH", "/customers/" + c.id, body); }
        catch (e) {
          if (e.problem.code !== "changed-since") throw e;
          // someone changed the customer since the card was read: the card as it is now, and why the edit was not saved
          await this.open(c.id);
          const why = Hotline.el("div", e.message, "error"); why.id = "customer-message";
          this.byId("customer").append(why);
          return;
        }
      }
      await this.open(c.id);
    });
    form.id = "customer-edit";
    this.byId("customer").append(form);
  },
  product(c) {
    const form = this.form([["model", "product.model", ""], ["serial", "product.serial", ""],
      ["purchasedOn", "product.purchasedOn", "", "date"]], async inputs => {
      const body = { model: inputs.model.value.trim() };
      if (inputs.serial.value.trim()) body.serialNumber = inputs.serial.value.trim();
      if (inputs.purchasedOn.value) body.purchasedOn = inputs.purchasedOn.value;
      await Hotline.api("POST", "/customers/" + c.id + "/products", body);
      await this.open(c.id);
    });
    form.id = "product-add";
    this.byId("customer").append(form);
  }
};
document.getElementById("search").onsubmit = e => { e.preventDefault(); Customers.search(); };
