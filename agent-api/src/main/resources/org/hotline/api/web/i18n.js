// Two languages, Chinese first: the bundles /i18n/zh-CN.json and /i18n/en.json hold every label.
// The language is the user's choice when they made one (kept in this browser), else the browser's
// first language that is Chinese or English, else zh-CN. Times are shown in the hotline's time
// zone (GET /me), 24-hour, yyyy-MM-dd, whatever the browser's zone.
const I18n = {
  languages: ["zh-CN", "en"],
  lang: "zh-CN",
  zone: "Asia/Shanghai",
  messages: {},
  pick() {
    const chosen = localStorage.getItem("hotline.lang");
    if (this.languages.includes(chosen)) return chosen;
    for (const l of navigator.languages || [navigator.language || ""]) {
      const low = l.toLowerCase();
      if (low.startsWith("zh")) return "zh-CN";
      if (low.startsWith("en")) return "en";
    }
    return "zh-CN";
  },
  async load() {
    this.lang = this.pick();
    const r = await fetch("/i18n/" + this.lang + ".json");
    this.messages = await r.json();
    document.documentElement.lang = this.lang;
    this.apply(document);
    const select = document.getElementById("lang");
    if (select) {
      select.value = this.lang;
      select.onchange = () => { localStorage.setItem("hotline.lang", select.value); location.reload(); };
    }
  },
  // the label of key, {name} replaced from params; the key itself (and a warning) when a bundle lacks it
  t(key, params) {
    let text = this.messages[key];
    if (text === undefined) { console.warn("no label " + key + " in " + this.lang); text = key; }
    if (params) text = text.replace(/\{(\w+)\}/g, (m, name) => params[name] === undefined || params[name] === null ? "" : String(params[name]));
    return text;
  },
  // a code's label (record status, agent state, ...); the code as it is when no label is known (a configured one)
  code(kind, value) {
    if (value === null || value === undefined || value === "") return "";
    const text = this.messages[kind + "." + value];
    return text === undefined ? String(value) : text;
  },
  has(key) { return this.messages[key] !== undefined; },
  // labels of the elements that name them: data-i18n (text), data-i18n-placeholder, data-i18n-title, data-i18n-aria (aria-label)
  apply(root) {
    root.querySelectorAll("[data-i18n-aria]").forEach(e => e.setAttribute("aria-label", this.t(e.dataset.i18nAria)));
    root.querySelectorAll("[data-i18n]").forEach(e => e.textContent = this.t(e.dataset.i18n));
    root.querySelectorAll("[data-i18n-placeholder]").forEach(e => e.placeholder = this.t(e.dataset.i18nPlaceholder));
    root.querySelectorAll("[data-i18n-title]").forEach(e => e.title = this.t(e.dataset.i18nTitle));
    if (document.body && document.body.dataset.title) document.title = this.t(document.body.dataset.title);
  },
  parts(value, withSeconds) {
    const d = value instanceof Date ? value : new Date(value);
    const f = new Intl.DateTimeFormat("en-GB", { timeZone: this.zone, year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", second: withSeconds ? "2-digit" : undefined, hourCycle: "h23" });
    const p = {};
    f.formatToParts(d).forEach(x => p[x.type] = x.value);
    return p;
  },
  // 2026-12-01 19:08 in the hotline's zone
  dateTime(value, withSeconds) {
    if (!value) return "";
    const p = this.parts(value, withSeconds);
    return p.year + "-" + p.month + "-" + p.day + " " + p.hour + ":" + p.minute + (withSeconds ? ":" + p.second : "");
  },
  time(value) {
    if (!value) return "";
    const p = this.parts(value, true);
    return p.hour + ":" + p.minute + ":" + p.second;
  },
  date(value) {
    if (!value) return "";
    const p = this.parts(value, false);
    return p.year + "-" + p.month + "-" + p.day;
  },
  // the day it is now in the hotline's zone, yyyy-MM-dd
  today() { return this.date(new Date()); },
  // 75 -> "1:15", 3700 -> "1:01:40"
  duration(seconds) {
    const s = Math.max(0, Math.floor(seconds || 0));
    const h = Math.floor(s / 3600), m = Math.floor(s % 3600 / 60), r = String(s % 60).padStart(2, "0");
    return h ? h + ":" + String(m).padStart(2, "0") + ":" + r : m + ":" + r;
  }
};
