const $ = id => document.getElementById(id);
const queues = new Map(), agents = new Map();
let work = null;
let threshold = 20;
const mmss = s => Math.floor(s / 60) + ":" + String(Math.floor(s % 60)).padStart(2, "0");
function render() {
  const now = Date.now();
  const qb = $("queues").tBodies[0]; qb.replaceChildren();
  [...queues.values()].forEach(q => {
    const t = q.today, row = document.createElement("tr"); row.dataset.queue = q.queue;
    const longest = q.oldestWaitingSince ? (now - Date.parse(q.oldestWaitingSince)) / 1000 : 0;
    const sl = t.serviceLevelPercent;
    [[q.queue], [q.waiting, "num waiting"], [mmss(longest), "num"], [t.offered, "num"], [t.answered, "num"], [t.abandoned, "num"],
     [sl === null ? "–" : sl + " % ≤ " + (q.serviceLevelSeconds || threshold) + " s", "num " + (sl !== null && sl < 80 ? "sl-bad" : "sl-ok")],
     [t.averageSpeedOfAnswerSeconds === null ? "–" : Math.round(t.averageSpeedOfAnswerSeconds) + " s", "num"],
     [t.averageHandleSeconds === null ? "–" : mmss(t.averageHandleSeconds), "num"]]
      .forEach(([v, cls]) => row.append(Hotline.el("td", v, cls)));
    qb.append(row);
  });
  const ab = $("agents").tBodies[0]; ab.replaceChildren();
  [...agents.values()].forEach(a => {
    const row = document.createElement("tr");
    [[a.name || a.interface], [a.state + (a.reason ? " (" + a.reason + ")" : ""), "state"], [mmss((now - Date.parse(a.since)) / 1000), "num"]]
      .forEach(([v, cls]) => row.append(Hotline.el("td", v, cls)));
    ab.append(row);
  });
  if (work) {
    const c = work.callbacks, k = work.slaClocks;
    [["cb-pending", c.pending], ["cb-soon", c.dueNext15Minutes], ["cb-overdue", c.overdue], ["cb-done", c.doneToday],
     ["cb-ontime", c.doneOnTimeToday], ["sla-risk", k.recordsAtRisk], ["sla-breached", k.recordsBreached]]
      .forEach(([id, v]) => $(id).textContent = Hotline.text(v));
    $("cb-overdue").className = "num " + (c.overdue > 0 ? "sl-bad" : "");
    $("sla-breached").className = "num " + (k.recordsBreached > 0 ? "sl-bad" : "");
  }
  $("clock").textContent = new Date().toLocaleTimeString();
}
function start() {
  $("login").classList.add("hidden"); $("board").classList.remove("hidden");
  Hotline.socket("/ws/wallboard", m => {
    if (m.type === "snapshot") {
      queues.clear(); agents.clear(); threshold = m.serviceLevelSeconds;
      m.queues.forEach(q => queues.set(q.queue, q)); m.agents.forEach(a => agents.set(a.interface, a)); work = m.work;
    } else if (m.type === "queue") queues.set(m.queue.queue, m.queue);
    else if (m.type === "work") work = m.work;
    else if (m.type === "agent") { if (m.agent.state === "logged_out") agents.delete(m.agent.interface); else agents.set(m.agent.interface, m.agent); }
    render();
  }, st => $("link").textContent = st);
  setInterval(render, 1000);
}
$("login").onsubmit = async e => {
  e.preventDefault();
  try { await Hotline.login($("username").value, $("password").value); start(); }
  catch (err) { $("login-error").textContent = err.message; }
};
if (Hotline.session()) start();
