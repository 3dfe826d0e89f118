// The web interface in a real Chromium, the way a network engineer uses it: sign in, build a site,
// rack, device type and device through the forms, find the device in the rack elevation and click
// through, take an address from a prefix's free space, import 100 addresses from CSV, find them
// with the global search, export them, bulk edit their status, check that a restricted user sees
// only their slice, and switch to dark mode; reorder list columns, create an object permission
// through its form, walk a device's component tabs and follow a drawn cable trace. No page may
// log a console error or a failed request.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort, freshPage, requireTools, startBrowser, startIronbox } from '../harness.js';

let ib; let browser;

before(async () => {
  requireTools();
  ib = await startIronbox({ port: await freePort(), name: 'ui' });
  browser = await startBrowser();
});

after(async () => {
  await browser?.close();
  await ib?.stop();
});

// Records console errors and failed requests of every page.
function watch(page) {
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()} (${page.url()})`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message} (${page.url()})`));
  // A request cancelled because the page moved on (ERR_ABORTED) is not a failure.
  page.on('requestfailed', (r) => {
    const err = r.failure()?.errorText || '';
    if (!r.url().includes('export=') && !err.includes('ERR_ABORTED')) problems.push(`failed: ${r.url()} ${err}`);
  });
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  return problems;
}

// Screenshots of the key pages land in target/ui-screenshots/ (repository root), for people to look at.
const shots = fileURLToPath(new URL('../../../target/ui-screenshots/', import.meta.url));
async function shoot(page, name) {
  mkdirSync(shots, { recursive: true });
  const path = `${shots}${name}.png`;
  await page.screenshot({ path, fullPage: true });
  assert.ok(statSync(path).size > 1000, `${name}.png was written`);
}

async function signIn(page, user, password) {
  await page.goto(`${ib.base}/login/`);
  await page.fill('input[name="username"]', user);
  await page.fill('input[name="password"]', password);
  await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
}

async function submit(page, selector = 'form.form button.primary') {
  await Promise.all([page.waitForNavigation(), page.click(selector)]);
}

test('an engineer builds, finds, imports, exports and edits through the pages', async () => {
  const { context, page } = await freshPage(browser);
  const problems = watch(page);
  await page.goto(`${ib.base}/login/`);
  await shoot(page, 'login-light');
  await signIn(page, 'admin', 'admin-password-1');
  assert.match(await page.textContent('h1'), /Welcome/);

  // A site through its form.
  await page.goto(`${ib.base}/dcim/sites/add/`);
  await page.fill('#f-name', 'Frankfurt 1');
  await page.fill('#f-slug', 'fra1');
  await page.selectOption('#f-status', 'active');
  await submit(page);
  assert.match(page.url(), /\/dcim\/sites\/\d+\/$/);
  assert.match(await page.textContent('h1'), /Frankfurt 1/);
  assert.match(await page.textContent('.alert-success'), /Created site Frankfurt 1/);
  const siteUrl = page.url();

  // A validation error is shown next to its field and nothing is created.
  await page.goto(`${ib.base}/dcim/racks/add/`);
  await submit(page);
  assert.ok(await page.isVisible('.field.has-error'), 'errors are shown next to the fields');
  // The rack, with its site picked from the list.
  await page.fill('#f-name', 'R101');
  await page.selectOption('#f-site', { label: 'Frankfurt 1' });
  await submit(page);
  assert.match(await page.textContent('h1'), /R101/);
  const rackUrl = page.url();

  // A manufacturer, a role and a 2U device type.
  await page.goto(`${ib.base}/dcim/manufacturers/add/`);
  await page.fill('#f-name', 'Juniper');
  await page.fill('#f-slug', 'juniper');
  await submit(page);
  await page.goto(`${ib.base}/dcim/device-roles/add/`);
  await page.fill('#f-name', 'Core');
  await page.fill('#f-slug', 'core');
  await page.fill('#f-color', '2196f3');
  await submit(page);
  await page.goto(`${ib.base}/dcim/device-types/add/`);
  await page.selectOption('#f-manufacturer', { label: 'Juniper' });
  await page.fill('#f-model', 'MX204');
  await page.fill('#f-slug', 'mx204');
  await page.fill('#f-u_height', '2');
  await submit(page);
  assert.match(await page.textContent('h1'), /MX204/);

  // The device: the rack picker follows the chosen site.
  await page.goto(`${ib.base}/dcim/devices/add/`);
  await page.fill('#f-name', 'core-fra1-1');
  await page.selectOption('#f-device_type', { label: 'MX204' });
  await page.selectOption('#f-role', { label: 'Core' });
  await page.selectOption('#f-site', { label: 'Frankfurt 1' });
  await page.selectOption('#f-rack', { label: 'R101' });
  await page.fill('#f-position', '10');
  await page.selectOption('#f-face', 'front');
  await submit(page);
  assert.match(await page.textContent('h1'), /core-fra1-1/);
  const deviceUrl = page.url();

  // The rack shows it in its elevation; clicking it opens the device.
  await page.goto(rackUrl);
  const front = page.frameLocator('iframe[title="Front elevation"]');
  await front.locator('a.device').first().waitFor();
  assert.match(await front.locator('a.device text').first().textContent(), /core-fra1-1/);
  await Promise.all([page.waitForNavigation(), front.locator('a.device').first().click()]);
  assert.equal(page.url(), deviceUrl);

  // A prefix, then an address from its free space.
  await page.goto(`${ib.base}/ipam/prefixes/add/`);
  await page.fill('#f-prefix', '10.20.0.0/24');
  await submit(page);
  const prefixUrl = page.url();
  await page.click('a:has-text("IP addresses and free ranges")');
  await page.waitForURL(/ip-addresses\/$/);
  await Promise.all([page.waitForNavigation(), page.click('tr.available a')]);
  assert.equal(await page.inputValue('#f-address'), '10.20.0.1/24');
  await submit(page);
  assert.match(await page.textContent('h1'), /10\.20\.0\.1\/24/);
  await page.goto(prefixUrl);
  assert.match(await page.textContent('.util em'), /0\.4 % utilized/);

  // 100 addresses from CSV.
  let csv = 'address,status,description\n';
  for (let i = 1; i <= 100; i += 1) csv += `10.30.0.${i}/24,active,bulk host ${i}\n`;
  await page.goto(`${ib.base}/ipam/ip-addresses/import/`);
  await page.fill('#f-data', csv);
  await submit(page);
  assert.match(await page.textContent('.alert-success'), /Imported 100 IP addresses/);
  assert.equal(await page.getAttribute('.count', 'data-count'), '100');

  // The global search finds them; "/" jumps to the box.
  await page.keyboard.press('/');
  await page.keyboard.type('bulk host 77');
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  assert.match(await page.textContent('main'), /10\.30\.0\.77\/24/);

  // Export the filtered list as CSV.
  await page.goto(`${ib.base}/ipam/ip-addresses/?q=bulk+host`);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('details.export summary').then(() => page.click('details.export a:has-text("CSV")')),
  ]);
  const text = await (await download.createReadStream()).toArray().then((c) => Buffer.concat(c).toString());
  const lines = text.trim().split('\n');
  assert.equal(lines.length, 101, 'a header and 100 rows');
  assert.match(lines[0], /^Address/);

  // Bulk edit their status.
  await page.goto(`${ib.base}/ipam/ip-addresses/?q=bulk+host&per_page=100`);
  await page.check('[data-select-all]');
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Edit selected")')]);
  await page.selectOption('#f-status', 'reserved');
  await submit(page);
  assert.match(await page.textContent('.alert-success'), /Updated 100 IP addresses/);
  const reserved = await ib.api('GET', '/api/ipam/ip-addresses/?status=reserved&limit=1');
  assert.equal(reserved.body.count, 100);

  // The key pages, light.
  const keyPages = { site: siteUrl, rack: rackUrl, device: deviceUrl, prefix: prefixUrl,
    search: `${ib.base}/search/?q=bulk+host` };
  for (const [name, url] of Object.entries(keyPages)) {
    await page.goto(url);
    await shoot(page, `${name}-light`);
  }

  // Dark mode, remembered for the next page.
  await page.click('[data-theme-toggle]');
  await page.waitForFunction(() => document.documentElement.getAttribute('data-theme') === 'dark');
  await page.waitForTimeout(300);
  await page.goto(`${ib.base}/dcim/sites/`);
  assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.notEqual(bg, 'rgb(245, 246, 248)', 'the dark palette applies');
  for (const [name, url] of Object.entries(keyPages)) {
    await page.goto(url);
    assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
    await shoot(page, `${name}-dark`);
  }

  // The sign-in page follows the system's colour scheme.
  const dark = await browser.newContext({ colorScheme: 'dark' });
  const login = await dark.newPage();
  const loginProblems = watch(login);
  await login.goto(`${ib.base}/login/`);
  await shoot(login, 'login-dark');
  assert.deepEqual(loginProblems, []);
  await dark.close();

  assert.deepEqual(problems, []);
  await context.close();
});

test('a restricted user sees only their slice and no edit buttons outside it', async () => {
  const ok = (r) => { assert.ok(r.status < 300, JSON.stringify(r.body)); return r.body; };
  for (const t of ['acme', 'globex']) {
    const tenant = ok(await ib.api('POST', '/api/tenancy/tenants/', { name: t, slug: t }));
    ok(await ib.api('POST', '/api/ipam/prefixes/', { prefix: t === 'acme' ? '172.16.1.0/24' : '172.16.2.0/24', tenant: tenant.id }));
  }
  const user = ok(await ib.api('POST', '/api/users/users/', { username: 'acme-viewer', password: 'viewer-password-1' }));
  ok(await ib.api('POST', '/api/users/permissions/', {
    name: 'acme prefixes', object_types: ['ipam.prefix'], actions: ['view'], constraints: { tenant__slug: 'acme' }, users: [user.id],
  }));
  const { context, page } = await freshPage(browser);
  const problems = watch(page);
  await signIn(page, 'acme-viewer', 'viewer-password-1');
  await page.goto(`${ib.base}/ipam/prefixes/`);
  const body = await page.textContent('main');
  assert.match(body, /172\.16\.1\.0\/24/);
  assert.doesNotMatch(body, /172\.16\.2\.0\/24/);
  assert.equal(await page.locator('a:has-text("+ Add")').count(), 0);
  assert.equal(await page.locator('button:has-text("Edit selected")').count(), 0);
  assert.equal(await page.locator('#sidenav a[href="/dcim/sites/"]').count(), 0, 'the menu hides what the user may not see');
  await page.click('table.objects a:has-text("172.16.1.0/24")');
  await page.waitForURL(/\/ipam\/prefixes\/\d+\/$/);
  assert.equal(await page.locator('a:has-text("Edit")').count(), 0);
  assert.equal(await page.locator('a:has-text("Delete")').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a user reorders list columns by arrows, keyboard and dragging, and the order persists', async () => {
  const ok = (r) => { assert.ok(r.status < 300, JSON.stringify(r.body)); return r.body; };
  ok(await ib.api('POST', '/api/tenancy/tenants/', { name: 'Initech', slug: 'initech', description: 'printers' }));
  const { context, page } = await freshPage(browser);
  const problems = watch(page);
  await signIn(page, 'admin', 'admin-password-1');
  await page.goto(`${ib.base}/tenancy/tenants/`);
  const heads = () => page.$$eval('table.objects thead th[scope="col"]', (ths) => ths.map((t) => t.textContent.replace(/[▲▼]/g, '').trim()));
  const rows = () => page.$$eval('[data-col-order] li', (lis) => lis.map((li) => ({
    name: li.getAttribute('data-col'), on: li.querySelector('input[name="columns"]').checked,
  })));
  await page.click('details.columns summary');
  await page.check('[data-col-order] li[data-col="description"] input[name="columns"]');
  // The arrows move a row in place (no page load) while the script runs.
  const url = page.url();
  let names = (await rows()).map((r) => r.name);
  for (let i = names.indexOf('description'); i > 0; i -= 1) {
    await page.click('[data-col-order] li[data-col="description"] button[value="up:description"]');
  }
  assert.equal(page.url(), url);
  assert.equal((await rows())[0].name, 'description');
  // Alt+Down from the keyboard moves the row holding the focus.
  await page.focus('[data-col-order] li[data-col="description"] input[name="columns"]');
  await page.keyboard.press('Alt+ArrowDown');
  assert.equal((await rows())[1].name, 'description');
  assert.match(await page.textContent('[data-col-status]'), /position 2/);
  // Dragging a row onto the top of the first one puts it first.
  names = (await rows()).map((r) => r.name);
  const last = (await rows()).filter((r) => r.on).pop().name;
  await page.locator(`[data-col-order] li[data-col="${last}"]`)
    .dragTo(page.locator(`[data-col-order] li[data-col="${names[0]}"]`), { targetPosition: { x: 8, y: 2 } });
  assert.equal((await rows())[0].name, last);
  const expected = (await rows()).filter((r) => r.on).map((r) => r.name);
  const labels = await page.$$eval('[data-col-order] li', (lis) => lis
    .filter((li) => li.querySelector('input[name="columns"]').checked)
    .map((li) => li.querySelector('label').textContent.trim()));
  await Promise.all([page.waitForNavigation(), page.click('details.columns button[name="save"]')]);
  assert.match(await page.textContent('.alert-success'), /Columns saved/);
  assert.deepEqual(await heads(), labels);
  // Still so on the next visit, and stored as NetBox's ordered list.
  await page.goto(`${ib.base}/dcim/sites/`);
  await page.goto(`${ib.base}/tenancy/tenants/`);
  assert.deepEqual(await heads(), labels);
  const config = await page.evaluate(() => fetch('/api/users/config/', { headers: { Accept: 'application/json' } }).then((r) => r.json()));
  assert.deepEqual(config.tables.Tenant.columns, expected);
  // Reset brings back the defaults.
  await page.click('details.columns summary');
  await Promise.all([page.waitForNavigation(), page.click('details.columns button[name="reset"]')]);
  assert.notDeepEqual(await heads(), labels);
  assert.deepEqual(problems, []);
  await context.close();
});

test('an administrator creates an object permission through its form', async () => {
  const { context, page } = await freshPage(browser);
  const problems = watch(page);
  await signIn(page, 'admin', 'admin-password-1');
  await page.goto(`${ib.base}/users/permissions/add/`);
  await page.fill('#f-name', 'Site editors');
  // The filter box narrows the grouped object types.
  await page.fill('.objtypes-filter', 'site');
  assert.equal(await page.isVisible('input[name="object_types"][value="ipam.prefix"]'), false);
  await page.check('input[name="object_types"][value="dcim.site"]');
  await page.fill('.objtypes-filter', '');
  await page.check('input[name="actions"][value="view"]');
  await page.check('input[name="actions"][value="change"]');
  await page.fill('#f-actions_extra', 'change:description');
  await page.fill('#f-constraints', '{"no_such_field": "x"}');
  await page.selectOption('#f-users', { label: 'admin' });
  await submit(page);
  // The API's refusal is shown at the constraints, the choices are kept.
  assert.match(await page.textContent('.field:has(#f-constraints) .error'), /Invalid filter for dcim\.site/);
  assert.equal(await page.isChecked('input[name="object_types"][value="dcim.site"]'), true);
  assert.equal(await page.inputValue('#f-actions_extra'), 'change:description');
  await page.fill('#f-constraints', '{"status": "active"}');
  await submit(page);
  assert.match(page.url(), /\/users\/permissions\/\d+\/$/);
  const list = await ib.api('GET', '/api/users/permissions/?name=Site+editors');
  assert.equal(list.body.count, 1);
  const perm = list.body.results[0];
  assert.deepEqual(perm.object_types, ['dcim.site']);
  assert.deepEqual(perm.actions, ['view', 'change', 'change:description']);
  assert.deepEqual(perm.constraints, { status: 'active' });
  assert.deepEqual(perm.users.map((u) => u.username), ['admin']);
  assert.deepEqual(problems, []);
  await context.close();
});

// Two devices of a new site, two interfaces and a console port on the first, a coloured cable
// from its first interface to the second device.
async function cabledDevices(tag) {
  const ok = (r) => { assert.ok(r.status < 300, JSON.stringify(r.body)); return r.body; };
  const site = ok(await ib.api('POST', '/api/dcim/sites/', { name: `${tag} site`, slug: `${tag}-site` }));
  const mfr = ok(await ib.api('POST', '/api/dcim/manufacturers/', { name: `${tag} co`, slug: `${tag}-co` }));
  const role = ok(await ib.api('POST', '/api/dcim/device-roles/', { name: `${tag} leaf`, slug: `${tag}-leaf`, color: '4caf50' }));
  const type = ok(await ib.api('POST', '/api/dcim/device-types/', { manufacturer: mfr.id, model: `${tag} QFX`, slug: `${tag}-qfx` }));
  const dev = (name) => ib.api('POST', '/api/dcim/devices/', { name, device_type: type.id, role: role.id, site: site.id }).then(ok);
  const leaf = await dev(`${tag}-leaf-1`);
  const spine = await dev(`${tag}-spine-1`);
  const a = ok(await ib.api('POST', '/api/dcim/interfaces/', { device: leaf.id, name: 'xe-0/0/0', type: '10gbase-x-sfpp' }));
  ok(await ib.api('POST', '/api/dcim/interfaces/', { device: leaf.id, name: 'xe-0/0/1', type: '10gbase-x-sfpp' }));
  const b = ok(await ib.api('POST', '/api/dcim/interfaces/', { device: spine.id, name: 'xe-0/0/9', type: '10gbase-x-sfpp' }));
  ok(await ib.api('POST', '/api/dcim/console-ports/', { device: leaf.id, name: 'con0' }));
  const cable = ok(await ib.api('POST', '/api/dcim/cables/', {
    a_terminations: [{ object_type: 'dcim.interface', object_id: a.id }],
    b_terminations: [{ object_type: 'dcim.interface', object_id: b.id }],
    label: `${tag}-1`, color: '2196f3', type: 'dac-passive', length: 2, length_unit: 'm',
  }));
  return { leaf, spine, a, b, cable };
}

test('a device shows its components in tabs with counts and an add button', async () => {
  const { leaf, cable } = await cabledDevices('tabs');
  const { context, page } = await freshPage(browser);
  const problems = watch(page);
  await signIn(page, 'admin', 'admin-password-1');
  await page.goto(`${ib.base}/dcim/devices/${leaf.id}/`);
  assert.match(await page.textContent(`.tabs a[href="/dcim/devices/${leaf.id}/interfaces/"]`), /Interfaces\s*2/);
  await Promise.all([page.waitForNavigation(), page.click(`.tabs a[href="/dcim/devices/${leaf.id}/interfaces/"]`)]);
  assert.equal(await page.locator('table.components tbody tr').count(), 2);
  assert.match(await page.textContent('table.components'), new RegExp(cable.label));
  assert.equal(await page.getAttribute('.tabs a[aria-current="page"]', 'href'), `/dcim/devices/${leaf.id}/interfaces/`);
  // Console ports: one, and the add button comes back here with the device filled in.
  await Promise.all([page.waitForNavigation(), page.click('.tabs a:has-text("Console ports")')]);
  assert.equal(await page.locator('table.components tbody tr').count(), 1);
  await Promise.all([page.waitForNavigation(), page.click('a:has-text("+ Add console port")')]);
  assert.equal(await page.inputValue('#f-device'), String(leaf.id));
  await page.fill('#f-name', 'con1');
  await submit(page);
  assert.equal(new URL(page.url()).pathname, `/dcim/devices/${leaf.id}/console-ports/`);
  assert.equal(await page.locator('table.components tbody tr').count(), 2);
  for (const tab of ['power-ports', 'power-outlets', 'console-server-ports', 'front-ports', 'rear-ports', 'device-bays', 'module-bays', 'inventory-items']) {
    await page.goto(`${ib.base}/dcim/devices/${leaf.id}/${tab}/`);
    assert.match(await page.textContent('table.components'), /This device has no/);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('a cable trace is drawn with linked boxes and the cable in its colour', async () => {
  const { leaf, spine, a, cable } = await cabledDevices('trace');
  const { context, page } = await freshPage(browser);
  const problems = watch(page);
  await signIn(page, 'admin', 'admin-password-1');
  await page.goto(`${ib.base}/dcim/interfaces/${a.id}/`);
  await Promise.all([page.waitForNavigation(), page.click('.tabs a:has-text("Trace")')]);
  const svg = page.locator('svg.trace-drawing');
  await svg.waitFor();
  assert.equal(await svg.locator('a.node').count(), 2);
  assert.equal(await svg.locator('a.term').count(), 2);
  assert.equal(await svg.locator('line.cable-line').getAttribute('stroke'), '#2196f3');
  assert.match(await svg.locator(`a[href="/dcim/cables/${cable.id}/"]`).textContent(), /trace-1[\s\S]*dac-passive[\s\S]*2 m/);
  assert.ok((await svg.boundingBox()).height > 200, 'the drawing has room for both ends');
  assert.equal(await page.locator('ol.trace li.end').count(), 2, 'the hop list stays');
  await Promise.all([page.waitForNavigation(), svg.locator(`a[href="/dcim/devices/${leaf.id}/"]`).click()]);
  assert.match(await page.textContent('h1'), /trace-leaf-1/);
  await page.goBack();
  await Promise.all([page.waitForNavigation(), svg.locator(`a[href="/dcim/devices/${spine.id}/"]`).click()]);
  assert.match(await page.textContent('h1'), /trace-spine-1/);
  const alone = await page.goto(`${ib.base}/dcim/interfaces/${a.id}/trace/?render=svg`);
  assert.match(alone.headers()['content-type'], /^image\/svg\+xml/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a phone-sized screen gets the menu as a drawer', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 800 } });
  const page = await context.newPage();
  const problems = watch(page);
  await signIn(page, 'admin', 'admin-password-1');
  await page.goto(`${ib.base}/dcim/sites/`);
  assert.equal(await page.isVisible('#sidenav'), false);
  await page.click('.menu-toggle');
  assert.equal(await page.isVisible('#sidenav'), true);
  assert.equal(await page.getAttribute('.menu-toggle', 'aria-expanded'), 'true');
  await shoot(page, 'sites-phone');
  // Pages fit the phone's width: wide tables scroll inside their card, not the page.
  for (const url of [`${ib.base}/dcim/sites/`, `${ib.base}/ipam/prefixes/`, `${ib.base}/search/?q=fra`]) {
    await page.goto(url);
    const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(over <= 1, `${url} is ${over}px wider than the screen`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});
