// Calls the agent places (click-to-call: their phone rings first) and their callbacks: due ones
// marked overdue or due soon, a call to make one, and "reached" only after the agent confirms it.
const Calls = {
  async dial(number, customerId, recordId) {
    const body = { number };
    if (customerId) body.customerId = customerId;
    if (recordId) body.recordId = recordId;
    try {
      await Hotline.api("POST", "/calls", body);
      Console.notice(I18n.t("call.dialling", { number }));
    } catch (e) { Console.notice(e.message, true); }
  }
};
const Callbacks = {
  soon: 15 * 60 * 1000,
  async load() {
    const body = document.getElementById("callbacks").tBodies[0];
    try {
      const list = (await Hotline.api("GET", "/callbacks")).callbacks;
      body.replaceChildren();
      if (!list.length) body.append(Hotline.row([I18n.t("callbacks.none")]));
      const now = Date.now();
      list.forEach(c => {
        const due = Date.parse(c.dueAt);
        const actions = Hotline.el("span", "", "actions");
        actions.append(Hotline.button("call.dial", () => Calls.dial(c.phone, c.customerId, c.recordId), "secondary small"));
        const reached = Hotline.button("callbacks.reached", () => this.confirm(c, actions), "secondary small");
        reached.classList.add("reached");
        actions.append(reached);
        const when = Hotline.el("span", I18n.dateTime(c.dueAt));
        if (due < now) when.append(Hotline.el("span", I18n.t("callbacks.overdue"), "badge bad"));
        else if (due - now < this.soon) when.append(Hotline.el("span", I18n.t("callbacks.dueSoon"), "badge warn"));
        const row = Hotline.row([when, c.phone, c.customerName, c.recordNumber, I18n.code("callbackReason", c.reason), actions]);
        row.className = due < now ? "bad" : due - now < this.soon ? "warn" : "";
        row.dataset.callbackId = c.id;
        if (c.recordId) row.cells[3].onclick = () => Records.open(c.recordId);
        body.append(row);
      });
    } catch (e) { body.replaceChildren(Hotline.row([e.message])); }
  },
  // marking a callback answered without a call is a claim the agent confirms first
  confirm(c, actions) {
    actions.replaceChildren(Hotline.el("span", I18n.t("callbacks.confirmReached") + " "));
    const yes = Hotline.button("common.yes", async () => {
      try { await Hotline.api("POST", "/callbacks/" + c.id + "/complete", { outcome: "answered" }); }
      catch (e) { Console.notice(e.message, true); }
      this.load();
    }, "small");
    yes.classList.add("confirm-yes");
    actions.append(yes, Hotline.button("common.no", () => this.load(), "secondary small"));
  },
  offer(o) {
    document.getElementById("offer").classList.remove("hidden");
    document.getElementById("offer-text").textContent = I18n.t("offer.text", { phone: o.phone,
      reason: I18n.code("callbackReason", o.reason), seconds: o.previewSeconds });
    document.getElementById("offer-accept").onclick = async () => {
      try { await Hotline.api("POST", "/callbacks/" + o.callbackId + "/accept"); } catch (e) { Console.notice(e.message, true); }
      document.getElementById("offer").classList.add("hidden");
    };
  }
};
document.getElementById("callbacks-refresh").onclick = () => Callbacks.load();
