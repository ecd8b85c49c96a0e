// Phone layout check, run by scripts/phone-check.sh (which starts the demo server):
// every page at 390×844 (deviceScaleFactor 3, touch) must be no wider than 390 px and answer 2xx;
// links and buttons in a pager, a table, a nav, a chart or the facets must be at least 44 px tall;
// every number input (type=number, or pattern="[0-9]{n}") must carry inputmode; nothing on the page may be refused by the
// Content-Security-Policy (a style="…" attribute is: the layout would not be the one designed).
//
// PHONE_BASE    the server (http://127.0.0.1:PORT)
// PHONE_LOGINS  the demo's demo-logins.txt (officials' and applicants' passwords)
// CHROMIUM      the browser (default /usr/bin/chromium)
// PHONE_SHOTS   optional: a folder to save a full-page screenshot of every page into
// PHONE_CSS     optional: a stylesheet file served instead of /static/style.css (to try a change
//               without a rebuild, or to see that the check catches the old one)
import { createRequire } from "node:module";
import { mkdirSync, readFileSync } from "node:fs";

const require = createRequire(new URL("./.phone/", import.meta.url));
const { chromium } = require("playwright-core");

const WIDTH = 390;
const MIN_TAP = 44;
const base = process.env.PHONE_BASE ?? "http://127.0.0.1:18190";
const logins = readFileSync(process.env.PHONE_LOGINS, "utf8");
const official = "mzb"; // 民政部 officer: the whole country's applications, cases and organizations
const officialPw = logins.match(new RegExp(`^\\s*${official} / (\\S+) /`, "m"))?.[1];
// The first organization account in "网上办事演示账号（账号 / 密码 / 名称）".
const applicant = logins.match(/网上办事演示账号[^\n]*\n\s*(\S+) \/ (\S+) \//);
if (!officialPw || !applicant) throw new Error(`demo logins not found in ${process.env.PHONE_LOGINS}`);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--font-render-hinting=none"],
});
const phone = { viewport: { width: WIDTH, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true, locale: "zh-CN" };

let failures = 0;
const shots = process.env.PHONE_SHOTS;
if (shots) mkdirSync(shots, { recursive: true });
let shotNo = 0;

const cspErrors = [];

async function newContext() {
  const context = await browser.newContext(phone);
  context.on("page", (p) =>
    p.on("console", (msg) => {
      if (msg.type() === "error" && /Content Security Policy/.test(msg.text())) cspErrors.push(msg.text());
    }),
  );
  if (process.env.PHONE_CSS) {
    const css = readFileSync(process.env.PHONE_CSS, "utf8");
    await context.route("**/static/style.css", (route) => route.fulfill({ status: 200, contentType: "text/css", body: css }));
  }
  return context;
}

/** Measures the page now open in `page`; prints one line (plus details) and counts failures. */
async function measure(page, path, status) {
  const m = await page.evaluate(({ WIDTH, MIN_TAP }) => {
    for (const d of document.querySelectorAll("details")) d.open = true; // closed content is laid out too
    const sel = (el) => {
      const parts = [];
      for (let e = el; e && e.nodeType === 1 && parts.length < 4 && e !== document.body; e = e.parentElement) {
        let s = e.localName;
        if (e.id) s += `#${e.id}`;
        else if (e.classList.length) s += "." + [...e.classList].join(".");
        parts.unshift(s);
      }
      return parts.join(" > ");
    };
    const text = (el) => (el.innerText || el.getAttribute("aria-label") || el.value || "").trim().replace(/\s+/g, " ").slice(0, 24);
    // Elements sticking out past the right edge; keep the outermost of each chain.
    const wide = [];
    for (const el of document.body.querySelectorAll("*")) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.right + window.scrollX > WIDTH + 0.5) {
        if (wide.some((w) => w.contains(el))) continue;
        wide.push(el);
      }
    }
    const visible = (el) => {
      const s = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      return s.visibility !== "hidden" && s.display !== "none" && r.width > 0 && r.height > 0;
    };
    const small = [];
    for (const el of document.querySelectorAll(
      ".pager a, .pager button, table a, table button, nav a, nav button, .bars a, .facets a",
    )) {
      if (!visible(el) || el.classList.contains("skip")) continue;
      const h = el.getBoundingClientRect().height;
      if (h < MIN_TAP - 0.5) small.push(`${sel(el)} “${text(el)}” ${h.toFixed(1)}px`);
    }
    // Numbers: <input type=number>, or a text input whose pattern takes digits only.
    const digitsOnly = (el) => /^(\[0-9\]|\\d)(\{[0-9,]+\}|[+*])?$/.test(el.getAttribute("pattern") ?? "");
    const numbers = [...document.querySelectorAll("input:not([inputmode])")]
      .filter((el) => el.type === "number" || digitsOnly(el))
      .map((el) => `${sel(el)}[name=${el.name}]`);
    return {
      width: document.documentElement.scrollWidth,
      wide: wide.slice(0, 4).map((el) => `${sel(el)} (right ${Math.round(el.getBoundingClientRect().right)})`),
      small,
      numbers,
      cards: document.querySelectorAll("table.cards").length,
      tables: document.querySelectorAll("table").length,
    };
  }, { WIDTH, MIN_TAP });
  const problems = [];
  if (status < 200 || status > 299) problems.push(`HTTP ${status}`);
  if (m.width > WIDTH) problems.push(`offending: ${m.wide.join("; ") || "?"}`);
  if (m.tables > m.cards) problems.push(`${m.tables - m.cards} table(s) without class="cards"`);
  if (m.small.length) problems.push(`tap targets under ${MIN_TAP}px: ${m.small.slice(0, 6).join("; ")}${m.small.length > 6 ? ` (+${m.small.length - 6} more)` : ""}`);
  const csp = cspErrors.splice(0);
  if (csp.length) problems.push(`${csp.length} Content-Security-Policy violation(s): ${csp[0].slice(0, 110)}…`);
  if (m.numbers.length) problems.push(`number inputs without inputmode: ${m.numbers.join("; ")}`);
  if (shots) {
    const name = `${String(++shotNo).padStart(2, "0")}${path.replace(/[^A-Za-z0-9]+/g, "_").slice(0, 60)}.png`;
    await page.screenshot({ path: `${shots}/${name}`, fullPage: true, scale: "css" });
  }
  const verdict = m.width > WIDTH ? "TOO WIDE" : problems.length ? "FAIL" : "OK";
  console.log(`${WIDTH}px ${verdict} ${m.width} ${path}${problems.length ? ` (${problems.join(" | ")})` : ""}`);
  if (problems.length) failures++;
}

/** Opens `path` and measures it; returns the page (left open) for link look-ups. */
async function visit(page, path) {
  let status = 0;
  try {
    const resp = await page.goto(base + path, { waitUntil: "load" });
    status = resp ? resp.status() : 0;
  } catch (e) {
    console.log(`${WIDTH}px FAIL - ${path} (${e.message.split("\n")[0]})`);
    failures++;
    return page;
  }
  await measure(page, path, status);
  return page;
}

/** The path of the first link on the open page matching `css`, or null. */
async function firstHref(page, css) {
  const href = await page.evaluate((css) => document.querySelector(css)?.getAttribute("href") ?? null, css);
  return href ? new URL(href, base).pathname + new URL(href, base).search : null;
}

async function logIn(context, path, user, pw, fields) {
  const page = await context.newPage();
  await page.goto(base + path);
  await page.fill(fields.user, user);
  await page.fill(fields.pw, pw);
  const [resp] = await Promise.all([
    page.waitForNavigation({ waitUntil: "load" }),
    page.click(`form[action="${path}"] button[type=submit]`),
  ]);
  if (new URL(page.url()).pathname === path) throw new Error(`login at ${path} as ${user} failed (${resp?.status()})`);
  return page;
}

// Public pages.
{
  const context = await newContext();
  const page = await context.newPage();
  for (const path of ["/", "/orgs?q=%E5%8D%8F%E4%BC%9A"]) await visit(page, path);
  const profile = await firstHref(page, "ol.orgs a[href^='/orgs/']");
  const more = [
    profile,
    "/orgs?division=100000",
    "/check?q=%E5%8D%8F%E4%BC%9A",
    "/complaints/new",
    "/complaints/status",
    "/ledger",
    "/services",
    "/services/establish/guide",
    "/api",
    "/illegal-orgs",
    "/account/login",
    "/login",
  ];
  for (const path of more) {
    if (path) await visit(page, path);
    else { console.log(`${WIDTH}px FAIL - (no organization profile link on /orgs?q=协会)`); failures++; }
  }
  await context.close();
}

// An applicant (the first demo organization account).
{
  const context = await newContext();
  const page = await logIn(context, "/account/login", applicant[1], applicant[2], { user: "#a-login", pw: "#a-pw" });
  await visit(page, "/my/applications");
  const apps = await page.evaluate(() => [...document.querySelectorAll("table a[href^='/my/applications/']")].map((a) => a.getAttribute("href")));
  if (apps.length === 0) { console.log(`${WIDTH}px FAIL - (no application on /my/applications)`); failures++; }
  else await visit(page, apps[0]);
  // One with uploaded materials (the SHA-256 table), if any.
  for (const href of apps.slice(1)) {
    const resp = await page.goto(base + href);
    if (await page.$("table")) { await measure(page, href, resp ? resp.status() : 0); break; }
  }
  await visit(page, "/services/establish/apply");
  await context.close();
}

// An official.
{
  const context = await newContext();
  const page = await logIn(context, "/login", official, officialPw, { user: "#username", pw: "#password" });
  await visit(page, "/admin");
  await visit(page, "/admin/applications");
  const app = await firstHref(page, "table a[href^='/admin/applications/']");
  if (app) await visit(page, app);
  else { console.log(`${WIDTH}px FAIL - (no application on /admin/applications)`); failures++; }
  await visit(page, "/admin/cases");
  const kase = await firstHref(page, "table a[href^='/admin/cases/']");
  if (kase) await visit(page, kase);
  // An organization with list entries if the demo has one (the credit page's table), else the first found.
  await visit(page, "/orgs?credit=abnormal");
  const uscc =
    (await firstHref(page, "ol.orgs a[href^='/orgs/']")) ??
    (await (async () => { await page.goto(base + "/orgs?q=%E5%8D%8F%E4%BC%9A"); return firstHref(page, "ol.orgs a[href^='/orgs/']"); })());
  if (uscc) {
    const code = uscc.split("/")[2];
    await visit(page, `/admin/orgs/${code}/credit`);
    await visit(page, `/admin/orgs/${code}/edit`);
    await visit(page, `/admin/orgs/${code}/account`);
  } else { console.log(`${WIDTH}px FAIL - (no organization found for the credit page)`); failures++; }
  await visit(page, "/admin/illegal-orgs");
  await context.close();
}

await browser.close();
console.log(failures ? `phone-check: ${failures} page(s) failed` : "phone-check: all pages fit 390 px");
process.exit(failures ? 1 : 0);
