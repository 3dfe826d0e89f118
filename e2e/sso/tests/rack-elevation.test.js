// The rack elevation SVG renders in a real Chromium: parsed as SVG without errors, devices drawn
// at their units with their names and links, reserved units marked.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { freePort, requireTools, startBrowser, startIronbox } from '../harness.js';

let ib; let browser;

before(async () => {
  requireTools();
  ib = await startIronbox({ port: await freePort(), name: 'elevation' });
  browser = await startBrowser();
});

after(async () => {
  await browser?.close();
  await ib?.stop();
});

test('rack elevation SVG renders in Chromium', async () => {
  const ok = (r) => { assert.ok(r.status < 300, JSON.stringify(r.body)); return r.body; };
  const site = ok(await ib.api('POST', '/api/dcim/sites/', { name: 'DC1', slug: 'dc1' }));
  const mfr = ok(await ib.api('POST', '/api/dcim/manufacturers/', { name: 'Acme', slug: 'acme' }));
  const role = ok(await ib.api('POST', '/api/dcim/device-roles/', { name: 'Core', slug: 'core', color: '2196f3' }));
  const rack = ok(await ib.api('POST', '/api/dcim/racks/', { name: 'R<1>', site: site.id, u_height: 12 }));
  const dt = ok(await ib.api('POST', '/api/dcim/device-types/', { manufacturer: mfr.id, model: 'X2', slug: 'x2', u_height: 2 }));
  const dev = ok(await ib.api('POST', '/api/dcim/devices/', {
    name: 'core-1 & co', device_type: dt.id, role: role.id, site: site.id, rack: rack.id, position: 5, face: 'front',
  }));
  const admin = ok(await ib.api('GET', '/api/users/users/?username=admin')).results[0];
  ok(await ib.api('POST', '/api/dcim/rack-reservations/', { rack: rack.id, units: [11, 12], user: admin.id, description: 'hold' }));

  const r = await fetch(`${ib.base}/api/dcim/racks/${rack.id}/elevation/?render=svg`, {
    headers: { authorization: `Bearer ${ib.token}` },
  });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'image/svg+xml');
  const svg = await r.text();

  const context = await browser.newContext();
  await context.route((url) => !['127.0.0.1', 'localhost'].includes(url.hostname) && url.protocol !== 'data:', (route) => route.abort());
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  // Loaded as an SVG document: a parse error would replace it with Chromium's error page.
  await page.goto(`data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`);
  assert.deepEqual(errors, []);
  const root = await page.evaluate(() => ({
    tag: document.documentElement.tagName,
    parseError: document.getElementsByTagName('parsererror').length,
    box: document.documentElement.getBoundingClientRect().height,
  }));
  assert.equal(root.tag, 'svg');
  assert.equal(root.parseError, 0);
  assert.ok(root.box > 12 * 20, `rendered height ${root.box}`);
  // The device: its name (escaped in the source), a link to it, two units tall, in the role colour.
  const device = await page.evaluate(() => {
    const a = document.querySelector('a.device');
    const rect = a.querySelector('rect').getBoundingClientRect();
    return { text: a.textContent, href: a.getAttribute('href'), h: rect.height, fill: a.querySelector('rect').getAttribute('fill') };
  });
  assert.ok(device.text.includes('core-1 & co'), device.text);
  assert.ok(device.href.endsWith(`/dcim/devices/${dev.id}/`), device.href);
  assert.equal(device.fill, '#2196f3');
  const unit = await page.evaluate(() => document.querySelector('rect.slot').getBoundingClientRect().height);
  assert.ok(Math.abs(device.h - 2 * unit) < 0.5, `device ${device.h}px vs unit ${unit}px`);
  assert.equal(await page.locator('rect.reserved').count(), 2);
  await context.close();
});
