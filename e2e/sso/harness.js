// Starts Ironbox instances and a headless Chromium for the sign-in tests; loopback only.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export async function freePort() {
  const s = net.createServer();
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address();
  await new Promise((r) => s.close(r));
  return port;
}

const BIN = process.env.IRONBOX_BIN;
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

export function requireTools() {
  if (!BIN || !fs.existsSync(BIN)) throw new Error(`IRONBOX_BIN must point at the ironbox binary (got ${BIN})`);
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
}

// A fresh PostgreSQL database per instance, named after TEST_DATABASE_URL's database.
function freshPostgres(base, name) {
  const u = new URL(base);
  const db = `${u.pathname.slice(1) || 'ironbox'}_sso_${name.replace(/\W/g, '_')}`;
  const admin = new URL(base);
  admin.pathname = '/postgres';
  execFileSync('psql', [admin.toString(), '-X', '-q', '-v', 'ON_ERROR_STOP=1',
    '-c', `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`, '-c', `CREATE DATABASE ${db}`]);
  u.pathname = `/${db}`;
  return u.toString();
}

// Starts `ironbox serve` with the given environment; resolves when it answers.
export async function startIronbox({ port, env = {}, config = null, name }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ironbox-sso-${name}-`));
  const dbUrl = process.env.TEST_DATABASE_URL ? freshPostgres(process.env.TEST_DATABASE_URL, name) : `sqlite://${dir}/ironbox.db?mode=rwc`;
  const args = ['serve'];
  const fullEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    IRONBOX_DATABASE__URL: dbUrl,
    IRONBOX_SERVER__LISTEN: `127.0.0.1:${port}`,
    IRONBOX_ADMIN_PASSWORD: 'admin-password-1',
    IRONBOX_LOG: 'info,sqlx=warn',
    ...env,
  };
  if (config) {
    fs.writeFileSync(path.join(dir, 'ironbox.toml'), config);
    fullEnv.IRONBOX_CONFIG = path.join(dir, 'ironbox.toml');
  }
  const log = fs.openSync(path.join(dir, 'ironbox.log'), 'a');
  // Own process group: signals meant for the test runner's group never reach the server.
  const proc = spawn(BIN, args, { env: fullEnv, stdio: ['ignore', log, log], detached: true });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i += 1) {
    if (proc.exitCode !== null) break;
    try {
      const r = await fetch(`${base}/api/status/`);
      if (r.status) break;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  if (proc.exitCode !== null) {
    throw new Error(`ironbox ${name} exited: ${fs.readFileSync(path.join(dir, 'ironbox.log'), 'utf8')}`);
  }
  const token = execFileSync(BIN, ['token', 'create', '--user', 'admin'], { env: fullEnv, cwd: dir }).toString().trim();
  const api = async (method, p, body) => {
    const r = await fetch(`${base}${p}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : null };
  };
  return {
    base, dir, api, proc, token,
    log: () => fs.readFileSync(path.join(dir, 'ironbox.log'), 'utf8'),
    stop: () => new Promise((r) => { if (proc.exitCode !== null) return r(); proc.once('exit', r); proc.kill('SIGTERM'); }),
  };
}

export async function startBrowser() {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  return browser;
}

// A fresh browser context (no cookies) whose traffic is confined to loopback.
export async function freshPage(browser) {
  const context = await browser.newContext();
  await context.route((url) => !['127.0.0.1', 'localhost'].includes(url.hostname), (route) => route.abort());
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  return { context, page };
}

// Fills the IdP's login form (oidc-provider's interaction page).
export async function idpLogin(page, user, password = 'correct horse') {
  await page.waitForSelector('input[name="login"]');
  await page.fill('input[name="login"]', user);
  await page.fill('input[name="password"]', password);
  await page.click('button[type="submit"]');
}
