#!/usr/bin/env python3
"""Signs in through a server's login form (Ironbox's or NetBox's: both are Django-shaped, with a
CSRF token in the form) and prints the Cookie header a signed-in browser would send.

    python3 bench/ui_session.py http://127.0.0.1:8095 admin PASSWORD
"""
import re, sys, urllib.parse, urllib.request, http.cookiejar

base, user, password = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]
jar = http.cookiejar.CookieJar()
op = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
page = op.open(f"{base}/login/").read().decode()
m = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
if not m:
    sys.exit("no csrfmiddlewaretoken on the login page")
body = urllib.parse.urlencode({"csrfmiddlewaretoken": m.group(1), "username": user,
                               "password": password, "next": "/"}).encode()
req = urllib.request.Request(f"{base}/login/", data=body, headers={"Referer": f"{base}/login/"})
op.open(req).read()
cookies = {c.name: c.value for c in jar}
if "sessionid" not in cookies:
    sys.exit("sign-in failed: no session cookie")
print("; ".join(f"{k}={v}" for k, v in cookies.items()))
