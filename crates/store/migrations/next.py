#!/usr/bin/env python3
"""Prints the next migration for one backend: what `ironbox schema-sql BACKEND` declares that the
existing migrations do not create yet (new tables and indexes, and new columns of existing
tables as ALTER TABLE … ADD COLUMN). Constraints added to columns that already exist are left
out (SQLite cannot add them in place); the application enforces those references.

    python3 crates/store/migrations/next.py BIN sqlite > crates/store/migrations/sqlite/000N_name.sql
"""
import glob, os, re, subprocess, sys

bin_, backend = sys.argv[1], sys.argv[2]
here = os.path.dirname(os.path.abspath(__file__))
full = subprocess.run([bin_, "schema-sql", backend], check=True, capture_output=True, text=True).stdout

def statements(sql):
    sql = "\n".join(l for l in sql.split("\n") if not l.startswith("--"))
    return [s.strip() + ";" for s in sql.split(";\n") if s.strip()]

def tables(stmts):
    out = {}
    for s in stmts:
        m = re.match(r"CREATE TABLE (\w+) \(\n(.*)\n\);$", s, re.S)
        if m:
            cols = {}
            for line in m.group(2).split(",\n"):
                line = line.strip()
                cm = re.match(r'"?(\w+)"? ', line)
                if cm and not line.startswith(("CONSTRAINT", "PRIMARY KEY")):
                    cols[cm.group(1)] = line
            out[m.group(1)] = cols
    return out

done = []
for f in sorted(glob.glob(os.path.join(here, backend, "*.sql"))):
    done += statements(open(f).read())
    # ALTERs of earlier migrations count as existing columns.
done_tables = tables(done)
for s in done:
    m = re.match(r'ALTER TABLE (\w+) ADD COLUMN "?(\w+)"? (.*);$', s, re.S)
    if m:
        done_tables.setdefault(m.group(1), {})[m.group(2)] = m.group(3)
done_set = set(done)
out = []
for s in statements(full):
    if s in done_set:
        continue
    m = re.match(r"CREATE TABLE (\w+) \(", s)
    if m and m.group(1) in done_tables:
        new = tables([s])[m.group(1)]
        for c, line in new.items():
            if c not in done_tables[m.group(1)]:
                line = re.sub(r" CONSTRAINT \w+ REFERENCES .*$", "", line) if backend == "sqlite" else line
                out.append(f"ALTER TABLE {m.group(1)} ADD COLUMN {line};")
        continue
    m = re.match(r"CREATE INDEX (\w+) ", s)
    if m and any(re.match(rf"CREATE INDEX {m.group(1)} ", d) for d in done):
        continue
    out.append(s)
print("\n\n".join(out))
