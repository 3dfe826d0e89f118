-- GET with the session cookie from $COOKIE (a signed-in browser), never from a cache.
wrk.headers["Cookie"] = os.getenv("COOKIE") or ""
wrk.headers["Cache-Control"] = "no-cache"
