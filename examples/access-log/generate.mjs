#!/usr/bin/env node
// Writes a day of Apache "combined" access log lines, the same every run (fixed seed):
//   node examples/access-log/generate.mjs [output] [lines]
// Defaults: access.log beside this script, 3000 lines. Addresses come from the documentation
// ranges (RFC 5737, RFC 3849) and private networks, so no real host appears in the sample.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SEED = 20240314;
const DAY_START = Date.UTC(2024, 2, 14); // 14 Mar 2024, 00:00:00 UTC
const DAY_MS = 24 * 60 * 60 * 1000;

const output = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), 'access.log');
const lineCount = Number(process.argv[3] ?? 3000);

// mulberry32: small, fast and good enough for sample data.
function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = seeded(SEED);
const int = (min, max) => min + Math.floor(random() * (max - min + 1));
const pick = (items) => items[Math.floor(random() * items.length)];
function weighted(entries) {
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let r = random() * total;
  for (const [value, weight] of entries) {
    r -= weight;
    if (r < 0) return value;
  }
  return entries[entries.length - 1][0];
}

const BROWSERS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:123.0) Gecko/20100101 Firefox/123.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.3.1 Safari/605.1.15',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36',
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/121.0.0.0 Safari/537.36',
  'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:122.0) Gecko/20100101 Firefox/122.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_3_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.3 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.6261.64 Mobile Safari/537.36',
  'Mozilla/5.0 (Linux; Android 13; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/121.0.6167.178 Mobile Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36 Edg/122.0.2365.66',
];
const BOTS = [
  'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
  'Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)',
];
const TOOLS = ['curl/8.5.0', 'python-requests/2.31.0', 'Go-http-client/1.1', 'kube-probe/1.29'];
const SCANNER = 'Mozilla/5.0 zgrab/0.x';

const SITE = 'https://shop.example.com';
const EXTERNAL_REFERRERS = ['https://www.google.com/', 'https://www.bing.com/', 'https://duckduckgo.com/', 'https://news.example.org/deals', 'https://t.co/x7Kq2'];
const SEARCH_TERMS = ['shoes', 'red+dress', 'laptop+bag', 'gift+card', 'socks', 'rain+jacket', 'headphones'];
const STATIC_ASSETS = [
  ['/static/css/main.css', 48213],
  ['/static/js/app.js', 183420],
  ['/static/js/vendor.js', 412877],
  ['/images/logo.png', 10422],
  ['/images/hero.jpg', 284110],
  ['/favicon.ico', 1150],
];
const SCANNER_PATHS = ['/wp-login.php', '/.env', '/phpmyadmin/', '/admin/config.php', '/.git/config', '/cgi-bin/luci'];

function address() {
  return weighted([
    [() => `192.0.2.${int(1, 254)}`, 3],
    [() => `198.51.100.${int(1, 254)}`, 3],
    [() => `203.0.113.${int(1, 254)}`, 3],
    [() => `10.${int(0, 3)}.${int(0, 255)}.${int(1, 254)}`, 1],
    [() => `2001:db8:${int(0, 0xffff).toString(16)}::${int(1, 0xffff).toString(16)}`, 1],
  ])();
}

// A fixed population of visitors, each with one address and one client, as in a real log.
const visitors = Array.from({ length: 160 }, () => ({
  ip: address(),
  user: random() < 0.08 ? pick(['alice', 'bob', 'carol', 'dave', 'erin']) : '-',
  agent: weighted([
    [() => pick(BROWSERS), 85],
    [() => pick(BOTS), 8],
    [() => pick(TOOLS), 5],
    [() => SCANNER, 2],
  ])(),
}));

function request(visitor) {
  if (visitor.agent === SCANNER) return { method: 'GET', path: pick(SCANNER_PATHS), kind: 'scan' };
  if (visitor.agent.startsWith('kube-probe')) return { method: 'GET', path: '/healthz', kind: 'probe' };
  if (BOTS.includes(visitor.agent) && random() < 0.15) return { method: 'GET', path: '/robots.txt', kind: 'page' };
  return weighted([
    [() => ({ method: 'GET', path: '/', kind: 'page' }), 12],
    [() => ({ method: 'GET', path: `/products/${int(1000, 1999)}`, kind: 'page' }), 25],
    [() => ({ method: 'GET', path: `/category/${pick(['men', 'women', 'kids', 'sale', 'accessories'])}?page=${int(1, 6)}`, kind: 'page' }), 10],
    [() => ({ method: 'GET', path: `/search?q=${pick(SEARCH_TERMS)}`, kind: 'page' }), 7],
    [() => ({ method: 'GET', ...assetOf(pick(STATIC_ASSETS)), kind: 'static' }), 22],
    [() => ({ method: 'GET', path: `/api/v1/cart`, kind: 'api' }), 6],
    [() => ({ method: 'POST', path: '/api/v1/cart/items', kind: 'api' }), 5],
    [() => ({ method: 'PUT', path: `/api/v1/cart/items/${int(1, 40)}`, kind: 'api' }), 2],
    [() => ({ method: 'DELETE', path: `/api/v1/cart/items/${int(1, 40)}`, kind: 'api' }), 1],
    [() => ({ method: 'POST', path: '/login', kind: 'login' }), 3],
    [() => ({ method: 'POST', path: '/checkout', kind: 'checkout' }), 2],
    [() => ({ method: 'HEAD', path: '/', kind: 'page' }), 1],
    [() => ({ method: 'OPTIONS', path: '/api/v1/cart', kind: 'api' }), 1],
  ])();
}

function assetOf([path, size]) {
  return { path, size };
}

function status(req) {
  switch (req.kind) {
    case 'scan':
      return weighted([[404, 8], [403, 2]]);
    case 'probe':
      return weighted([[200, 98], [503, 2]]);
    case 'static':
      return weighted([[200, 60], [304, 39], [404, 1]]);
    case 'login':
      return weighted([[302, 70], [401, 28], [429, 2]]);
    case 'checkout':
      return weighted([[302, 85], [400, 8], [500, 5], [502, 2]]);
    case 'api':
      return req.method === 'POST' ? weighted([[201, 90], [400, 6], [500, 4]]) : weighted([[200, 92], [204, 3], [404, 3], [500, 2]]);
    default:
      return req.path.startsWith('/products/') ? weighted([[200, 93], [404, 6], [500, 1]]) : weighted([[200, 95], [301, 3], [404, 2]]);
  }
}

function size(req, code) {
  if (code === 304 || code === 204 || req.method === 'HEAD' || req.method === 'OPTIONS') return '-';
  if (code === 301 || code === 302) return String(int(180, 260));
  if (code >= 400) return String(int(150, 700));
  if (req.kind === 'static') return String(req.size);
  if (req.kind === 'probe') return '2';
  if (req.kind === 'api') return String(int(40, 2400));
  return String(int(4200, 38000));
}

function referrer(visitor, req) {
  if (req.kind === 'scan' || req.kind === 'probe' || !BROWSERS.includes(visitor.agent)) return '-';
  if (req.kind === 'static') return `${SITE}${pick(['/', '/products/1042', '/category/sale?page=1', '/search?q=shoes'])}`;
  return weighted([
    [() => '-', 3],
    [() => pick(EXTERNAL_REFERRERS), 2],
    [() => `${SITE}/`, 3],
    [() => `${SITE}/products/${int(1000, 1999)}`, 2],
    [() => `${SITE}/search?q=${pick(SEARCH_TERMS)}`, 1],
  ])();
}

// Traffic follows the day: quiet at night, busy at lunch and in the evening.
function hourWeight(hour) {
  return 0.15 + Math.exp(-((hour - 12.5) ** 2) / 8) + 1.2 * Math.exp(-((hour - 20) ** 2) / 6);
}
function timeOfDay() {
  for (;;) {
    const ms = Math.floor(random() * DAY_MS);
    if (random() * 1.6 < hourWeight(ms / 3_600_000)) return ms;
  }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n) => String(n).padStart(2, '0');
function apacheTime(ms) {
  const d = new Date(DAY_START + ms);
  return `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

const times = Array.from({ length: lineCount }, timeOfDay).sort((a, b) => a - b);
const lines = times.map((ms) => {
  const visitor = pick(visitors);
  const req = request(visitor);
  const code = status(req);
  const protocol = visitor.agent.startsWith('curl') || req.kind === 'probe' ? 'HTTP/1.1' : pick(['HTTP/1.1', 'HTTP/2.0', 'HTTP/2.0']);
  return `${visitor.ip} - ${visitor.user} [${apacheTime(ms)}] "${req.method} ${req.path} ${protocol}" ${code} ${size(req, code)} "${referrer(visitor, req)}" "${visitor.agent}"`;
});

writeFileSync(output, `${lines.join('\n')}\n`);
console.log(`wrote ${lines.length} lines to ${output}`);
