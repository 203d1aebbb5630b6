// Signs in against /api/v1/auth, keeps the tokens in this tab (sessionStorage), refreshes them,
// and opens a Hotline socket that signs in with its first message (never a token in the URL).
const Hotline = {
  session() { return JSON.parse(sessionStorage.getItem("hotline.session") || "null"); },
  save(s) { sessionStorage.setItem("hotline.session", JSON.stringify(s)); },
  async login(username, password) {
    const r = await fetch("/api/v1/auth/login", { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ username, password }) });
    const body = await r.json();
    if (!r.ok) throw new Error(body.detail || body.title);
    this.save({ ...body, obtainedAt: Date.now() });
    return body;
  },
  async refresh() {
    const s = this.session();
    const r = await fetch("/api/v1/auth/refresh", { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ refreshToken: s.refreshToken }) });
    if (!r.ok) { sessionStorage.removeItem("hotline.session"); location.reload(); return; }
    this.save({ ...(await r.json()), obtainedAt: Date.now() });
  },
  async api(method, path, body) {
    const r = await fetch("/api/v1" + path, { method, headers: { "Content-Type": "application/json",
      "Authorization": "Bearer " + this.session().accessToken }, body: body ? JSON.stringify(body) : undefined });
    const json = r.status === 204 ? null : await r.json();
    if (!r.ok) throw new Error(json.detail || json.title);
    return json;
  },
  // Opens path as a socket; onMessage gets every message after sign-in. Refreshes the token before it runs out.
  socket(path, onMessage, onState) {
    let lastSeq = 0, ws;
    const open = () => {
      ws = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + path);
      ws.onopen = () => ws.send(JSON.stringify({ type: "auth", token: this.session().accessToken }));
      ws.onmessage = e => {
        const m = JSON.parse(e.data);
        if (m.type === "ready" && lastSeq > 0) ws.send(JSON.stringify({ type: "resume", after: lastSeq }));
        if (m.seq) lastSeq = Math.max(lastSeq, m.seq);
        onMessage(m);
      };
      ws.onclose = e => { onState && onState("disconnected (" + e.code + ")"); setTimeout(open, 2000); };
      onState && onState("connected");
    };
    open();
    setInterval(async () => {
      const s = this.session();
      if (Date.now() - s.obtainedAt > (s.expiresIn * 1000) * 0.7) {
        await this.refresh();
        ws.send(JSON.stringify({ type: "auth", token: this.session().accessToken }));
      }
    }, 10000);
  },
  text(value) { return value === null || value === undefined ? "" : String(value); },
  el(tag, text, cls) { const e = document.createElement(tag); e.textContent = this.text(text); if (cls) e.className = cls; return e; }
};
