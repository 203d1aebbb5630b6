// Signs in against /api/v1/auth, keeps the tokens in this tab (sessionStorage), refreshes them,
// signs out for real (the login ends on the server), and opens a Hotline socket that signs in
// with its first message (never a token in the URL). Errors carry a label in the page's language.
// the server's problem+json said in the reader's language by its code (problem.<code>), with what it names:
// the fields at fault, the record's steps, the reference to give support; the English detail goes to the console
class ApiError extends Error {
  constructor(status, problem) {
    super(ApiError.say(status, problem || {}));
    this.status = status;
    this.problem = problem || {};
    if (this.problem.detail) console.info("API " + status + " " + (this.problem.code || "") + ": " + this.problem.detail);
  }
  static say(status, p) {
    if (p.code && I18n.has("problem." + p.code)) {
      return I18n.t("problem." + p.code, { status, fields: ApiError.fields(p.errors), reference: p.reference || "",
        from: I18n.code("recordStatus", p.from), to: I18n.code("recordStatus", p.to), seconds: p.retryAfterSeconds || "?" });
    }
    return I18n.has("error." + status) ? I18n.t("error." + status) : I18n.t("error.other", { status });
  }
  // "complaint.type: ..." names the field type: its label, else its name
  static fields(errors) {
    return [...new Set((errors || []).map(e => {
      const path = String(e).split(":")[0].split(".").filter(part => !/^\d+$/.test(part));
      const name = path[path.length - 1] || "body";
      return I18n.has("field." + name) ? I18n.t("field." + name) : name;
    }))].join(I18n.t("common.listSeparator"));
  }
}
const Hotline = {
  session() { return JSON.parse(sessionStorage.getItem("hotline.session") || "null"); },
  save(s) { sessionStorage.setItem("hotline.session", JSON.stringify(s)); },
  async login(username, password) {
    const r = await fetch("/api/v1/auth/login", { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ username, password }) });
    const body = await r.json().catch(() => ({}));
    if (r.status === 401) throw new Error(I18n.t("login.wrong"));
    if (r.status === 429) throw new Error(I18n.t("login.held", { seconds: r.headers.get("Retry-After") || "?" }));
    if (!r.ok) throw new ApiError(r.status, body);
    this.save({ ...body, obtainedAt: Date.now() });
    const me = await this.api("GET", "/me");
    this.save({ ...this.session(), me });
    I18n.zone = me.timeZone || I18n.zone;
    return body;
  },
  // ends the login on the server (its tokens stop working on every node), then forgets it here
  async logout() {
    const s = this.session();
    sessionStorage.removeItem("hotline.session");
    if (s) await fetch("/api/v1/auth/logout", { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ refreshToken: s.refreshToken }) }).catch(() => {});
    location.reload();
  },
  async refresh() {
    const s = this.session();
    const r = await fetch("/api/v1/auth/refresh", { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ refreshToken: s.refreshToken }) });
    if (!r.ok) { sessionStorage.removeItem("hotline.session"); location.reload(); return; }
    this.save({ ...s, ...(await r.json()), obtainedAt: Date.now() });
  },
  async raw(method, path, body) {
    return fetch("/api/v1" + path, { method, headers: { "Content-Type": "application/json",
      "Authorization": "Bearer " + this.session().accessToken }, body: body ? JSON.stringify(body) : undefined });
  },
  async api(method, path, body) {
    const r = await this.raw(method, path, body);
    const json = r.status === 204 ? null : await r.json().catch(() => null);
    if (!r.ok) throw new ApiError(r.status, json);
    return json;
  },
  // the pages' start: labels first, then the signed-in user's zone; start(me) when signed in, else the login form
  async boot(start) {
    await I18n.load();
    const form = document.getElementById("login");
    form.onsubmit = async e => {
      e.preventDefault();
      const error = document.getElementById("login-error");
      error.textContent = "";
      try { await this.login(document.getElementById("username").value, document.getElementById("password").value); }
      catch (err) { error.textContent = err.message; return; }
      this.begin(start);
    };
    const out = document.getElementById("sign-out");
    if (out) out.onclick = () => this.logout();
    if (this.session()) {
      try {
        const me = await this.api("GET", "/me");
        this.save({ ...this.session(), me });
      } catch (e) { sessionStorage.removeItem("hotline.session"); return; }
      this.begin(start);
    }
  },
  begin(start) {
    const me = this.session().me;
    I18n.zone = me.timeZone || I18n.zone;
    document.getElementById("login").classList.add("hidden");
    document.querySelectorAll(".signed-in").forEach(e => e.classList.remove("hidden"));
    const who = document.getElementById("who");
    if (who) who.textContent = me.displayName || me.username;
    start(me);
  },
  // Opens path as a socket; onMessage gets every message after sign-in. Refreshes the token before it runs out.
  socket(path, onMessage, onState) {
    let lastSeq = 0, ws;
    const open = () => {
      ws = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + path);
      let signedIn = false;
      ws.onopen = () => ws.send(JSON.stringify({ type: "auth", token: this.session().accessToken }));
      ws.onmessage = e => {
        const m = JSON.parse(e.data);
        // the first message after the sign-in: "ready" on the agent socket, the snapshot on the wallboard's
        if (!signedIn && m.type !== "error") { signedIn = true; onState && onState("connected"); }
        if (m.type === "ready" && lastSeq > 0) ws.send(JSON.stringify({ type: "resume", after: lastSeq }));
        if (m.seq) lastSeq = Math.max(lastSeq, m.seq);
        onMessage(m);
      };
      ws.onclose = () => { onState && onState("disconnected"); if (this.session()) setTimeout(open, 2000); };
    };
    open();
    setInterval(async () => {
      const s = this.session();
      if (s && Date.now() - s.obtainedAt > (s.expiresIn * 1000) * 0.7) {
        await this.refresh();
        ws.send(JSON.stringify({ type: "auth", token: this.session().accessToken }));
      }
    }, 10000);
  },
  // shows the socket's state in #link: a dot and a label
  linkState(st) {
    const link = document.getElementById("link");
    link.textContent = I18n.t("link." + st);
    link.className = "link link-" + st;
  },
  text(value) { return value === null || value === undefined ? "" : String(value); },
  el(tag, text, cls) { const e = document.createElement(tag); e.textContent = this.text(text); if (cls) e.className = cls; return e; },
  button(key, onclick, cls) { const b = this.el("button", I18n.t(key), cls || "secondary"); b.type = "button"; b.onclick = onclick; return b; },
  // a table row of cells (text, or an element)
  row(cells) {
    const tr = document.createElement("tr");
    cells.forEach(c => { const td = document.createElement("td"); if (c instanceof Node) td.append(c); else td.textContent = this.text(c); tr.append(td); });
    return tr;
  }
};
