// Sign-in with an Okta-shaped OpenID Provider, in a real headless Chromium.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as jose from 'jose';
import { startIdp } from '../idp.js';
import { freePort, freshPage, idpLogin, requireTools, startBrowser, startIronbox } from '../harness.js';

const OKTA = 'okta-openidconnect';
let idp; let org; let custom; let mapped; let browser;

const client = (ports) => ({
  backchannel_logout_uri: `http://127.0.0.1:${ports[0]}/oauth/backchannel-logout/${OKTA}/`,
  backchannel_logout_session_required: true,
  client_id: 'ironbox-app',
  client_secret: 'ironbox-app-secret-0123456789',
  grant_types: ['authorization_code'],
  response_types: ['code'],
  token_endpoint_auth_method: 'client_secret_basic',
  redirect_uris: ports.flatMap((p) => [OKTA, 'corp', 'strict', 'plain'].map((n) => `http://127.0.0.1:${p}/oauth/complete/${n}/`)),
  post_logout_redirect_uris: ports.flatMap((p) => [OKTA, 'corp', 'strict'].map((n) => `http://127.0.0.1:${p}/disconnect/${n}/`)),
});

// Only NetBox's four setting names, as environment variables.
const netboxEnv = (apiUrl) => ({
  REMOTE_AUTH_BACKEND: 'social_core.backends.okta_openidconnect.OktaOpenIdConnect',
  SOCIAL_AUTH_OKTA_OPENIDCONNECT_KEY: 'ironbox-app',
  SOCIAL_AUTH_OKTA_OPENIDCONNECT_SECRET: 'ironbox-app-secret-0123456789',
  SOCIAL_AUTH_OKTA_OPENIDCONNECT_API_URL: apiUrl,
});

async function ssoLogin(base, user, { provider = OKTA } = {}) {
  const { context, page } = await freshPage(browser);
  await page.goto(`${base}/login/`);
  await page.click(`a[data-provider="${provider}"]`);
  await idpLogin(page, user);
  await page.waitForURL(`${base}/**`);
  return { context, page };
}

async function loginError(page) {
  await page.waitForURL(/\/login\//);
  return (await page.locator('.alert-danger').allTextContents()).join(' ');
}

async function profile(page, base) {
  await page.goto(`${base}/user/profile/`);
  return {
    username: (await page.textContent('#username')).trim(),
    email: (await page.textContent('#email')).trim(),
    groups: (await page.locator('#groups .tag').allTextContents()).sort(),
    superuser: (await page.textContent('#superuser')).trim(),
  };
}

describe('Okta sign-in', () => {
  before(async () => {
    requireTools();
    const ports = [await freePort(), await freePort(), await freePort()];
    // A second registration that sends its secret in the form body, as plain OAuth2 clients do.
    const postClient = { ...client(ports), client_id: 'ironbox-post', token_endpoint_auth_method: 'client_secret_post' };
    delete postClient.backchannel_logout_uri;
    delete postClient.backchannel_logout_session_required;
    idp = await startIdp({ clients: [client(ports), postClient] });
    org = await startIronbox({ name: 'org', port: ports[0], env: netboxEnv(idp.orgApiUrl) });
    custom = await startIronbox({ name: 'custom', port: ports[1], env: netboxEnv(idp.customApiUrl) });
    mapped = await startIronbox({
      name: 'mapped',
      port: ports[2],
      config: `
[login.providers.corp]
label = "Corp SSO"
issuer = "${idp.orgIssuer}"
client_id = "ironbox-app"
client_secret = "ironbox-app-secret-0123456789"
create_groups = true
superuser_groups = ["ib-admins"]
default_groups = ["sso-users"]
[login.providers.corp.group_map]
netops = ["Network Operations"]
everyone = ["Readers"]

[login.providers.plain]
kind = "oauth2"
label = "Plain OAuth2"
icon = "/static/plain.svg"
authorize_url = "${idp.base}/oauth2/v1/authorize"
token_url = "${idp.base}/oauth2/v1/token"
userinfo_url = "${idp.base}/oauth2/v1/userinfo"
scopes = ["openid", "email", "profile"]
client_id = "ironbox-post"
client_secret = "ironbox-app-secret-0123456789"

[login.providers.strict]
label = "Strict SSO"
issuer = "${idp.customIssuer}"
client_id = "ironbox-app"
client_secret = "ironbox-app-secret-0123456789"
auto_create = false
associate_by_email = false
`,
    });
    await idp.registerApp('ironbox', `${org.base}/oauth/login/${OKTA}/`);
    browser = await startBrowser();
  });

  after(async () => {
    await browser?.close();
    for (const s of [org, custom, mapped]) await s?.stop();
    await idp?.close();
  });

  test('the login page shows the Okta button beside the local form', async () => {
    const { context, page } = await freshPage(browser);
    await page.goto(`${org.base}/login/`);
    assert.equal(await page.locator('input[name="username"]').count(), 1);
    assert.match(await page.textContent(`a[data-provider="${OKTA}"]`), /Okta/);
    const cookie = (await context.cookies()).find((c) => c.name === 'sessionid');
    assert.ok(cookie.httpOnly);
    assert.equal(cookie.sameSite, 'Lax');
    await context.close();
  });

  test('org authorization server: first login creates the user, second finds it', async () => {
    let { context, page } = await ssoLogin(org.base, 'alice');
    assert.match(await page.textContent('h1'), /Welcome, Alice Ng/);
    let p = await profile(page, org.base);
    assert.equal(p.username, 'alice');
    assert.equal(p.email, 'alice@example.com');
    await context.close();
    ({ context, page } = await ssoLogin(org.base, 'alice'));
    p = await profile(page, org.base);
    assert.equal(p.username, 'alice');
    const users = await org.api('GET', '/api/users/users/?username=alice');
    assert.equal(users.body.count, 1);
    await context.close();
  });

  test('custom authorization server (/oauth2/default/) logs in from the same four settings', async () => {
    const { context, page } = await ssoLogin(custom.base, 'bob');
    assert.match(await page.textContent('h1'), /Welcome, Bob Ray/);
    await context.close();
  });

  test('the first SSO login of a known email is linked to the existing local user', async () => {
    const r = await org.api('POST', '/api/users/users/', { username: 'carol.local', email: 'carol@example.com', password: 'local-password-123' });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const { context, page } = await ssoLogin(org.base, 'carol');
    const p = await profile(page, org.base);
    assert.equal(p.username, 'carol.local');
    assert.match(await page.textContent('#identities'), /carol/);
    const users = await org.api('GET', '/api/users/users/?email=carol@example.com');
    assert.equal(users.body.count, 1);
    await context.close();
  });

  test('dashboard tile: IdP-initiated login with iss lands signed in', async () => {
    const { context, page } = await freshPage(browser);
    await page.goto(`${idp.base}/dashboard/ironbox?target=${encodeURIComponent('/user/profile/')}`);
    await idpLogin(page, 'alice');
    await page.waitForURL(`${org.base}/user/profile/`);
    assert.equal((await page.textContent('#username')).trim(), 'alice');
    await context.close();
  });

  test('dashboard route with the iss of an unknown issuer is refused', async () => {
    const { context, page } = await freshPage(browser);
    await page.goto(`${idp.base}/dashboard/ironbox?iss=${encodeURIComponent('http://127.0.0.1:1/not-okta')}`);
    assert.match(await loginError(page), /identity provider this Ironbox does not know/);
    await context.close();
  });

  test('logout reaches the IdP, and the next login asks for a password again', async () => {
    const { context, page } = await ssoLogin(org.base, 'bob');
    await page.click('button:has-text("Log out")');
    await page.waitForURL(`${idp.base}/**`);
    await page.click('button[name="logout"]');
    await page.waitForURL(`${org.base}/login/**`);
    assert.match(await page.textContent('.alert-info'), /logged out/);
    await page.goto(`${org.base}/user/profile/`);
    await page.waitForURL(/\/login\//);
    await page.click(`a[data-provider="${OKTA}"]`);
    await page.waitForSelector('input[name="password"]');
    await context.close();
  });

  test('group mapping adds mapped groups, superuser from an IdP group, and removes groups no longer asserted', async () => {
    let { context, page } = await ssoLogin(mapped.base, 'alice', { provider: 'corp' });
    let p = await profile(page, mapped.base);
    assert.deepEqual(p.groups, ['Network Operations', 'Readers', 'sso-users']);
    assert.equal(p.superuser, 'no');
    await context.close();
    await idp.setGroups('alice', ['everyone', 'ib-admins']);
    ({ context, page } = await ssoLogin(mapped.base, 'alice', { provider: 'corp' }));
    p = await profile(page, mapped.base);
    assert.deepEqual(p.groups, ['Readers', 'sso-users']);
    assert.equal(p.superuser, 'yes');
    await context.close();
    await idp.setGroups('alice', ['netops', 'everyone']);
  });

  test('a plain OAuth2 provider signs in through its userinfo URL', async () => {
    const { context, page } = await freshPage(browser);
    await page.goto(`${mapped.base}/login/`);
    assert.equal(await page.getAttribute('a[data-provider="plain"] img', 'src'), '/static/plain.svg');
    await page.click('a[data-provider="plain"]');
    await idpLogin(page, 'frank');
    await page.waitForURL(`${mapped.base}/`);
    const p = await profile(page, mapped.base);
    assert.equal(p.username, 'frank');
    assert.equal(p.email, 'frank@example.com');
    assert.match(await page.textContent('#identities'), /Plain OAuth2/);
    await context.close();
  });

  test('with auto-create off an unknown user is refused', async () => {
    const { context, page } = await freshPage(browser);
    await page.goto(`${mapped.base}/login/`);
    await page.click('a[data-provider="strict"]');
    await idpLogin(page, 'dave');
    assert.match(await loginError(page), /accounts are not created automatically/);
    const users = await mapped.api('GET', '/api/users/users/?username=dave');
    assert.equal(users.body.count, 0);
    await context.close();
  });

  for (const [mode, message] of [
    ['wrong-iss', /unexpected issuer/],
    ['wrong-aud', /meant for another application/],
    ['wrong-nonce', /does not belong to this sign-in attempt/],
    ['expired', /has expired/],
    ['tampered', /signature is not valid/],
    ['alg-none', /signature is not valid/],
    ['hmac-public', /signature is not valid/],
  ]) {
    test(`an ID token with ${mode} is refused with a clear message`, async () => {
      await idp.forge(mode);
      try {
        const { context, page } = await freshPage(browser);
        await page.goto(`${org.base}/login/`);
        await page.click(`a[data-provider="${OKTA}"]`);
        await idpLogin(page, 'frank');
        assert.match(await loginError(page), message);
        await page.goto(`${org.base}/user/profile/`);
        await page.waitForURL(/\/login\//);
        await context.close();
      } finally {
        await idp.forge(null);
      }
    });
  }

  test('a callback with a wrong state is refused', async () => {
    const { context, page } = await freshPage(browser);
    // A flow is pending in this browser session, but the callback names another state.
    const start = await context.request.get(`${org.base}/oauth/login/${OKTA}/`, { maxRedirects: 0 });
    assert.equal(start.status(), 302);
    assert.ok(new URL(start.headers().location).searchParams.get('state'));
    await page.goto(`${org.base}/oauth/complete/${OKTA}/?code=abc&state=forged-state`);
    assert.match(await loginError(page), /unknown or was already used/);
    await context.close();
  });

  test('a replayed authorization code is refused', async () => {
    let { context, page } = await freshPage(browser);
    await page.goto(`${org.base}/login/`);
    let callback;
    page.on('request', (r) => { if (r.url().includes('/oauth/complete/')) callback = r.url(); });
    await page.click(`a[data-provider="${OKTA}"]`);
    await idpLogin(page, 'frank');
    await page.waitForURL(`${org.base}/`);
    await context.close();
    ({ context, page } = await freshPage(browser));
    await page.goto(`${org.base}/login/`);
    // Replaying the whole callback in another browser: its state is unknown there.
    await page.goto(callback);
    assert.match(await loginError(page), /unknown or was already used/);
    // Replaying the code under a fresh, valid state: the IdP refuses the used code.
    const start = await context.request.get(`${org.base}/oauth/login/${OKTA}/`, { maxRedirects: 0 });
    const replay = new URL(callback);
    replay.searchParams.set('state', new URL(start.headers().location).searchParams.get('state'));
    await page.goto(replay.toString());
    assert.match(await loginError(page), /did not accept this sign-in/);
    await context.close();
  });

  test('key rotation at the IdP (new kid) still logs in', async () => {
    const before = idp.kid('org');
    await idp.rotate('org');
    assert.notEqual(idp.kid('org'), before);
    const { context, page } = await ssoLogin(org.base, 'frank');
    assert.match(await page.textContent('h1'), /Welcome, Frank Po/);
    assert.match(org.log(), /signing keys fetched again/);
    await context.close();
  });

  test('the API accepts the session cookie, and unsafe methods need the CSRF token', async () => {
    const { context, page } = await ssoLogin(org.base, 'erin');
    // Every signed-in user may read their own tokens (NetBox's default permissions).
    const r = await page.request.get(`${org.base}/api/users/tokens/`);
    assert.equal(r.status(), 200);
    const w = await page.request.post(`${org.base}/api/tenancy/tenants/`, { data: { name: 't1', slug: 't1' } });
    assert.equal(w.status(), 403);
    assert.match((await w.json()).detail, /CSRF/);
    await context.close();
  });

  test('a user made inactive loses every session and API token at once', async () => {
    const { context, page } = await ssoLogin(org.base, 'bob');
    const me = (await org.api('GET', '/api/users/users/?username=bob')).body.results[0];
    await page.goto(`${org.base}/user/profile/`);
    await page.click('button:has-text("Create token")');
    const tok = (await page.textContent('#new-token')).trim();
    const ok = await fetch(`${org.base}/api/users/tokens/`, { headers: { authorization: `Bearer ${tok}` } });
    assert.equal(ok.status, 200);
    const r = await org.api('PATCH', `/api/users/users/${me.id}/`, { is_active: false });
    assert.equal(r.status, 200);
    const refused = await fetch(`${org.base}/api/users/tokens/`, { headers: { authorization: `Bearer ${tok}` } });
    assert.equal(refused.status, 403);
    await page.goto(`${org.base}/user/profile/`);
    await page.waitForURL(/\/login\//);
    await context.close();
  });
  test('back-channel logout from the IdP ends the Ironbox session', async () => {
    const { context, page } = await ssoLogin(org.base, 'hank');
    await page.goto(`${idp.base}/oauth2/v1/logout`);
    await page.click('button[name="logout"]');
    await page.waitForLoadState();
    for (let i = 0; i < 100 && !/back-channel logout/.test(org.log()); i += 1) await page.waitForTimeout(50);
    await page.goto(`${org.base}/user/profile/`);
    await page.waitForURL(/\/login\//).catch((e) => { throw new Error(`${e.message}\n${org.log().split('\n').filter((l) => /back-channel|logout/.test(l)).join('\n')}`); });
    await context.close();
  });

  test('a forged back-channel logout token is refused', async () => {
    const url = `${org.base}/oauth/backchannel-logout/${OKTA}/`;
    const { privateKey } = await jose.generateKeyPair('RS256');
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: idp.orgIssuer, aud: 'ironbox-app', iat: now, jti: 'x', sub: 'alice',
      events: { 'http://schemas.openid.net/event/backchannel-logout': {} },
    };
    const forged = await new jose.SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: idp.kid('org') }).sign(privateKey);
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
    for (const token of [forged, none, 'not-a-jwt']) {
      const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ logout_token: token }) });
      assert.equal(r.status, 400);
    }
  });

  test('a user the IdP switches off loses sessions and tokens at the next login attempt', async () => {
    const first = await ssoLogin(org.base, 'gina');
    await first.page.goto(`${org.base}/user/profile/`);
    await first.page.click('button:has-text("Create token")');
    const tok = (await first.page.textContent('#new-token')).trim();
    const before = await fetch(`${org.base}/api/users/tokens/`, { headers: { authorization: `Bearer ${tok}` } });
    assert.equal(before.status, 200);
    await idp.setUser('gina', { active: false });
    try {
      const { context, page } = await freshPage(browser);
      await page.goto(`${org.base}/login/`);
      await page.click(`a[data-provider="${OKTA}"]`);
      await idpLogin(page, 'gina');
      assert.match(await loginError(page), /disabled at the identity provider/);
      await context.close();
    } finally {
      await idp.setUser('gina', { active: true });
    }
    const r = await fetch(`${org.base}/api/users/tokens/`, { headers: { authorization: `Bearer ${tok}` } });
    assert.equal(r.status, 403);
    await first.page.goto(`${org.base}/user/profile/`);
    await first.page.waitForURL(/\/login\//);
    await first.context.close();
  });
});
