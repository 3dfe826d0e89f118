// A real OpenID Provider (the `oidc-provider` package) shaped like an Okta tenant, on loopback.
//
//   org server:    issuer http://127.0.0.1:PORT              endpoints /oauth2/v1/...
//   custom server: issuer http://127.0.0.1:PORT/oauth2/default  endpoints /oauth2/default/v1/...
//
// Extras for tests, under /_control/: change a user's groups, rotate the signing key, and make
// the token endpoint answer with a forged ID token (wrong iss/aud/nonce, expired, tampered
// signature, alg none, HMAC keyed with the public key). /dashboard/<app> behaves like an Okta
// dashboard tile: it sends the browser to the app's initiate-login URI with `iss`.
import http from 'node:http';
import Provider from 'oidc-provider';
import * as jose from 'jose';

export const USERS = {
  alice: { email: 'alice@example.com', given_name: 'Alice', family_name: 'Ng', groups: ['netops', 'everyone'] },
  bob: { email: 'bob@example.com', given_name: 'Bob', family_name: 'Ray', groups: ['everyone'] },
  carol: { email: 'carol@example.com', given_name: 'Carol', family_name: 'Li', groups: [] },
  dave: { email: 'dave@example.com', given_name: 'Dave', family_name: 'Oak', groups: ['netops'] },
  erin: { email: 'erin@example.com', given_name: 'Erin', family_name: 'Fox', groups: ['ib-admins'] },
  frank: { email: 'frank@example.com', given_name: 'Frank', family_name: 'Po', groups: ['everyone'] },
  gina: { email: 'gina@example.com', given_name: 'Gina', family_name: 'Vo', groups: ['everyone'] },
  hank: { email: 'hank@example.com', given_name: 'Hank', family_name: 'Ito', groups: ['everyone'] },
};

async function newKey() {
  const { privateKey, publicKey } = await jose.generateKeyPair('RS256', { extractable: true });
  const kid = `k-${Math.random().toString(36).slice(2, 10)}`;
  const jwk = { ...(await jose.exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' };
  const pem = await jose.exportSPKI(publicKey);
  return { jwk, kid, privateKey, pem };
}

function makeProvider(issuer, prefix, clients, key) {
  const v1 = `${prefix}/v1`;
  const p = new Provider(issuer, {
    clients,
    jwks: { keys: [key.jwk] },
    async findAccount(ctx, sub) {
      const u = USERS[sub];
      if (!u) return undefined;
      return {
        accountId: sub,
        async claims() {
          return {
            sub, email: u.email, email_verified: true, preferred_username: sub,
            given_name: u.given_name, family_name: u.family_name, groups: [...u.groups],
            ...(u.active === false ? { active: false } : {}),
          };
        },
      };
    },
    claims: {
      openid: ['sub'], email: ['email', 'email_verified'],
      profile: ['preferred_username', 'given_name', 'family_name', 'active'], groups: ['groups'],
    },
    scopes: ['openid', 'email', 'profile', 'groups'],
    features: {
      devInteractions: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      backchannelLogout: { enabled: true },
    },
    // Skip the consent screen: the app is first-party, as an Okta admin-assigned app is.
    async loadExistingGrant(ctx) {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope('openid email profile groups');
      await grant.save();
      return grant;
    },
    pkce: { required: () => true },
    // The relying party under test listens on loopback, which oidc-provider's outgoing-request
    // guard refuses by design; this test IdP talks to nothing else.
    fetch: (url, options) => {
      const { dispatcher, ...rest } = options;
      return globalThis.fetch(url, rest);
    },
    routes: {
      authorization: `${v1}/authorize`, token: `${v1}/token`, userinfo: `${v1}/userinfo`,
      jwks: `${v1}/keys`, end_session: `${v1}/logout`, revocation: `${v1}/revoke`,
      introspection: `${v1}/introspect`,
    },
    ttl: { Session: 3600, Interaction: 600, Grant: 3600, IdToken: 600, AccessToken: 600, AuthorizationCode: 60 },
  });
  p.proxy = false;
  p.on('backchannel.error', (ctx, err) => console.error(`# back-channel logout failed: ${err.message}`));
  return p;
}

const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');

async function forge(mode, idToken, key, issuer) {
  const [h, pl] = idToken.split('.');
  const header = JSON.parse(Buffer.from(h, 'base64url').toString());
  const claims = JSON.parse(Buffer.from(pl, 'base64url').toString());
  const now = Math.floor(Date.now() / 1000);
  const sign = (c) => new jose.SignJWT(c).setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: header.typ }).sign(key.privateKey);
  switch (mode) {
    case 'wrong-iss': return sign({ ...claims, iss: `${issuer}/elsewhere` });
    case 'wrong-aud': return sign({ ...claims, aud: 'another-app' });
    case 'wrong-nonce': return sign({ ...claims, nonce: 'not-the-nonce' });
    case 'expired': return sign({ ...claims, iat: now - 7200, exp: now - 3600 });
    case 'tampered': {
      const sig = idToken.split('.')[2];
      return `${h}.${b64({ ...claims, sub: 'bob', preferred_username: 'bob' })}.${sig}`;
    }
    case 'alg-none': return `${b64({ alg: 'none', typ: 'JWT' })}.${pl}.`;
    case 'hmac-public':
      return new jose.SignJWT(claims).setProtectedHeader({ alg: 'HS256', kid: key.kid }).sign(new TextEncoder().encode(key.pem));
    default: throw new Error(`unknown forge mode ${mode}`);
  }
}

// Starts one Okta-like tenant with both server kinds; returns its URLs and controls.
export async function startIdp({ port = 0, clients }) {
  const state = { forge: null, servers: {} };
  const server = http.createServer();
  await new Promise((r) => server.listen(port, '127.0.0.1', r));
  const base = `http://127.0.0.1:${server.address().port}`;
  const kinds = {
    org: { issuer: base, prefix: '/oauth2', mount: '' },
    custom: { issuer: `${base}/oauth2/default`, prefix: '', mount: '/oauth2/default' },
  };
  async function build(kind) {
    const k = kinds[kind];
    const key = await newKey();
    state.servers[kind] = { key, provider: makeProvider(k.issuer, k.prefix, clients, key), ...k };
  }
  await build('org');
  await build('custom');

  const apps = {};
  server.on('request', async (req, res) => {
    try {
      const url = new URL(req.url, base);
      if (url.pathname.startsWith('/_control/')) {
        const body = await new Promise((r) => { let d = ''; req.on('data', (c) => { d += c; }); req.on('end', () => r(d ? JSON.parse(d) : {})); });
        if (url.pathname === '/_control/user') Object.assign(USERS[body.id], body.fields);
        else if (url.pathname === '/_control/rotate') await build(body.kind || 'org');
        else if (url.pathname === '/_control/forge') state.forge = body.mode || null;
        else if (url.pathname === '/_control/app') apps[body.name] = body.initiateLoginUri;
        res.writeHead(204).end();
        return;
      }
      if (url.pathname.startsWith('/dashboard/')) {
        const app = decodeURIComponent(url.pathname.split('/')[2]);
        const iss = url.searchParams.get('iss') || base;
        const target = new URL(apps[app]);
        target.searchParams.set('iss', iss);
        if (url.searchParams.get('target')) target.searchParams.set('target_link_uri', url.searchParams.get('target'));
        res.writeHead(302, { location: target.toString() }).end();
        return;
      }
      const s = url.pathname.startsWith('/oauth2/default') ? state.servers.custom : state.servers.org;
      if (s.mount) {
        req.originalUrl = req.url;
        req.url = req.url.slice(s.mount.length) || '/';
      }
      if (state.forge && req.method === 'POST' && url.pathname.endsWith('/v1/token')) {
        const mode = state.forge;
        const end = res.end.bind(res);
        res.end = (chunk, ...rest) => {
          (async () => {
            let out = chunk;
            try {
              const j = JSON.parse(Buffer.from(chunk).toString());
              if (j.id_token) {
                j.id_token = await forge(mode, j.id_token, s.key, s.issuer);
                out = Buffer.from(JSON.stringify(j));
                res.setHeader('content-length', out.length);
              }
            } catch (e) { /* not JSON: pass through */ }
            end(out, ...rest);
          })();
          return res;
        };
      }
      s.provider.callback()(req, res);
    } catch (e) {
      res.writeHead(500).end(String(e));
    }
  });

  const control = async (path, body) => {
    const r = await fetch(`${base}/_control/${path}`, { method: 'POST', body: JSON.stringify(body) });
    if (r.status !== 204) throw new Error(`control ${path}: ${r.status}`);
  };
  return {
    base,
    orgApiUrl: `${base}/oauth2/`,
    customApiUrl: `${base}/oauth2/default/`,
    orgIssuer: kinds.org.issuer,
    customIssuer: kinds.custom.issuer,
    setGroups: (id, groups) => control('user', { id, fields: { groups } }),
    setUser: (id, fields) => control('user', { id, fields }),
    rotate: (kind) => control('rotate', { kind }),
    forge: (mode) => control('forge', { mode }),
    registerApp: (name, initiateLoginUri) => control('app', { name, initiateLoginUri }),
    kid: (kind) => state.servers[kind].key.kid,
    close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }),
  };
}
