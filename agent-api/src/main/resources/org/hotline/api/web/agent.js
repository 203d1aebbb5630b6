// The agent desk: state, the screen pop, callback offers and my callbacks (records and customers: records.js).
const $ = id => document.getElementById(id);
async function showState(change) {
  try {
    const s = change ? await Hotline.api("PUT", "/me/state", change) : await Hotline.api("GET", "/me/state");
    $("state").textContent = s.state; $("state-error").textContent = "";
  } catch (e) { $("state-error").textContent = e.message; }
}
function showPop(p) {
  const box = $("pop"); box.replaceChildren();
  const c = p.customer || {};
  const title = Hotline.el("h2", (c.name || p.callerNumber) + (c.keyCustomer ? " ★ key customer" : ""));
  title.id = "pop-customer"; box.append(title);
  box.append(Hotline.el("div", "Calling " + p.callerNumber + " · queue " + p.queue + " · waited " + Math.round(p.waitSeconds || 0) + " s"
    + (p.intent ? " · IVR: " + p.intent : "")));
  const records = p.openRecords || [];
  if (records.length) {
    const t = document.createElement("table");
    t.append(Hotline.el("caption", "Open records"));
    records.forEach(r => {
      const row = document.createElement("tr");
      const next = (r.clocks || [])[0];
      [r.number, r.type, r.status, next ? next.milestone + " by " + new Date(next.deadline).toLocaleString() : ""]
        .forEach(v => row.append(Hotline.el("td", v)));
      t.append(row);
    });
    box.append(t);
  }
  const products = p.products || [];
  if (products.length) box.append(Hotline.el("div", "Products: " + products.map(x => x.model + " " + Hotline.text(x.serial) + " (" + x.warranty + ")").join(", ")));
  if (p.ivr) box.append(Hotline.el("div", "In the IVR: " + (p.ivr.path || []).join(" → ")));
  if (p.callback) box.append(Hotline.el("div", "Callback " + p.callback.id + " (" + p.callback.reason + ")"));
  const create = Hotline.el("button", "New record for this caller", "secondary"); create.id = "pop-new-record";
  create.onclick = () => Records.startNew(c.id || null, p.callerNumber, c.name || p.callerNumber);
  box.append(create);
}
async function loadCallbacks() {
  try {
    const list = (await Hotline.api("GET", "/callbacks")).callbacks;
    const body = $("callbacks").tBodies[0]; body.replaceChildren();
    list.forEach(c => {
      const row = document.createElement("tr");
      [new Date(c.dueAt).toLocaleString(), c.phone, c.customerName, c.recordNumber, c.reason].forEach(v => row.append(Hotline.el("td", v)));
      const done = document.createElement("button"); done.textContent = "Reached"; done.className = "secondary";
      done.onclick = async () => { await Hotline.api("POST", "/callbacks/" + c.id + "/complete", { outcome: "answered" }); loadCallbacks(); };
      const cell = document.createElement("td"); cell.append(done); row.append(cell);
      body.append(row);
    });
  } catch (e) { $("state-error").textContent = e.message; }
}
function showOffer(o) {
  $("offer").classList.remove("hidden");
  $("offer-id").textContent = o.callbackId; $("offer-phone").textContent = o.phone; $("offer-reason").textContent = o.reason;
  $("offer-seconds").textContent = o.previewSeconds;
  $("offer-accept").onclick = async () => {
    try { await Hotline.api("POST", "/callbacks/" + o.callbackId + "/accept"); } catch (e) { $("state-error").textContent = e.message; }
    $("offer").classList.add("hidden");
  };
}
async function loadPauseReasons() {
  const lang = (navigator.language || "zh-CN").toLowerCase().startsWith("en") ? "en" : "zh-CN";
  const select = $("reason");
  select.replaceChildren();
  for (const r of (await Hotline.api("GET", "/pause-reasons")).reasons) {
    const option = Hotline.el("option", r.labels[lang]);
    option.value = r.code;
    select.append(option);
  }
}
function start() {
  loadPauseReasons().catch(e => $("state-error").textContent = e.message);
  const s = Hotline.session();
  $("login").classList.add("hidden"); $("desk").classList.remove("hidden");
  $("who").textContent = s.user.username;
  showState();
  loadCallbacks();
  Hotline.socket("/ws/agent", m => {
    if (m.type === "screen_pop") {
      showPop(m.payload);
      const open = (m.payload.openRecords || [])[0];
      if (open) Records.open(open.id);
    } else if (m.type === "callback_offer") showOffer(m.payload);
    else if (m.type === "callback_result") { $("offer").classList.add("hidden"); loadCallbacks(); }
  }, st => $("link").textContent = st);
}
$("callbacks-refresh").onclick = loadCallbacks;
$("login").onsubmit = async e => {
  e.preventDefault();
  try { await Hotline.login($("username").value, $("password").value); start(); }
  catch (err) { $("login-error").textContent = err.message; }
};
$("ready").onclick = () => showState({ state: "ready" });
$("pause").onclick = () => showState({ state: "paused", reason: $("reason").value });
$("wrap-up").onclick = () => showState({ state: "wrap_up" });
$("logout").onclick = () => showState({ state: "logged_out" });
if (Hotline.session()) start();
