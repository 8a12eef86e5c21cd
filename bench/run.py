"""The benchmark: seeds databases of N nominations, measures every page in-process, then serves the app
with gunicorn and measures throughput against a bare view. Run it with ``bash scripts/bench.sh``.

    python -m bench.run [--sizes 300,2000,20000] [--database sqlite|postgres|both] [--output FILE]

Each (database, N) runs in fresh processes: seeding (migrate, load_demo), the in-process measurement
(``--worker``, Django's test Client) and gunicorn. The results go to stdout and to docs/performance.md.
"""

import argparse
import http.client
import json
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.catalog import EXPORTS, THROUGHPUT_PAGES

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = "bench.settings"
DEFAULT_POSTGRES = "postgres://monboss:monboss@127.0.0.1:5432/postgres"
HOT_PAGES = ["deliberation of a territory", "engaged employers"]
QUERY_TARGET = 15


# ---------------------------------------------------------------------------------------------------
# The worker: runs inside Django, in its own process.


def _explain(results: dict, prepared: dict) -> dict:
    """EXPLAIN ANALYZE of the three slowest SELECTs of each hot page (cache cleared first)."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    plans = {}
    for label in HOT_PAGES:
        client = prepared["clients"][results[label]["role"]]
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            client.get(results[label]["url"])
        selects = [q for q in queries.captured_queries if q["sql"].lstrip().upper().startswith("SELECT")]
        selects.sort(key=lambda q: float(q["time"]), reverse=True)
        page_plans = []
        for query in selects[:3]:
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN ANALYZE " + query["sql"])
                plan = "\n".join(row[0] for row in cursor.fetchall())
            page_plans.append({"sql": query["sql"], "ms": float(query["time"]) * 1000, "plan": plan})
        plans[label] = page_plans
    return plans


def worker(args) -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    from bench.pages import measure_all

    if connection.vendor == "postgresql":
        # The planner's statistics, as autovacuum would have them on a live site after a bulk load.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    results, prepared = measure_all(repeat=args.repeat)
    staff_client = prepared["clients"]["staff"]
    cookie_name = settings.SESSION_COOKIE_NAME
    out = {
        "results": results,
        "session_cookie": f"{cookie_name}={staff_client.cookies[cookie_name].value}",
        "vendor": connection.vendor,
        "db_version": _db_version(connection),
        "plans": _explain(results, prepared) if connection.vendor == "postgresql" else {},
    }
    Path(args.json).write_text(json.dumps(out, indent=1))


def _db_version(connection) -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
        else:
            cursor.execute("SELECT sqlite_version()")
        return cursor.fetchone()[0]


# ---------------------------------------------------------------------------------------------------
# Load: wrk when installed, else a bounded Python generator (threads + http.client, keep-alive).


def _python_load(port: int, path: str, cookie: str, seconds: float, connections: int) -> dict:
    deadline = time.monotonic() + seconds
    counts = [0] * connections
    errors = [0] * connections

    def run(index: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        headers = {"Cookie": cookie} if cookie else {}
        while time.monotonic() < deadline:
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                counts[index] += 1
                if response.status >= 400:
                    errors[index] += 1
            except (OSError, http.client.HTTPException):
                errors[index] += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(connections)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    return {"rps": sum(counts) / elapsed, "errors": sum(errors), "tool": "python"}


def _wrk_load(port: int, path: str, cookie: str, seconds: float, connections: int) -> dict:
    command = ["wrk", "-t", "2", "-c", str(connections), "-d", f"{int(seconds)}s", "--timeout", "30s"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(  # noqa: S603 - wrk, fixed arguments
        [*command, f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    return {"rps": rps, "errors": int(errors.group(1)) if errors else 0, "tool": "wrk"}


def load(port: int, path: str, cookie: str, seconds: float, connections: int) -> dict:
    if shutil.which("wrk"):
        return _wrk_load(port, path, cookie, seconds, connections)
    return _python_load(port, path, cookie, seconds, connections)


# ---------------------------------------------------------------------------------------------------
# The orchestrator.


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_port(port: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not listen on port {port}")


def _env(database_url: str) -> dict:
    env = dict(os.environ, DJANGO_SETTINGS_MODULE=SETTINGS, DATABASE_URL=database_url)
    env["PYTHONPATH"] = str(ROOT)
    return env


def _postgres_database(admin_url: str, name: str) -> str:
    import psycopg

    with psycopg.connect(admin_url.replace("postgres://", "postgresql://"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return admin_url.rsplit("/", 1)[0] + "/" + name


def _drop_postgres_database(admin_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(admin_url.replace("postgres://", "postgresql://"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run_one(database: str, size: int, args, workdir: Path) -> dict:
    if database == "sqlite":
        database_url = f"sqlite:///{workdir / f'bench_{size}.sqlite3'}"
    else:
        database_url = _postgres_database(args.postgres_url, f"{args.prefix}_{size}")
    env = _env(database_url)
    python = sys.executable
    print(f"== {database}, N = {size}: seeding", flush=True)
    started = time.monotonic()
    migrate = [python, "manage.py", "migrate", "-v", "0"]
    subprocess.run(migrate, cwd=ROOT, env=env, check=True)  # noqa: S603 - our own interpreter
    subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [python, "manage.py", "load_demo", "--nominations", str(size), "--phase", "published", "--force"],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    seed_seconds = time.monotonic() - started
    print(f"   seeded in {seed_seconds:.1f} s; measuring pages in-process", flush=True)
    out_json = workdir / f"{database}_{size}.json"
    subprocess.run(  # noqa: S603 - our own interpreter and module
        [python, "-m", "bench.run", "--worker", "--json", str(out_json), "--repeat", str(args.repeat)],
        cwd=ROOT,
        env=env,
        check=True,
        stderr=subprocess.DEVNULL,
    )
    data = json.loads(out_json.read_text())
    data["seed_seconds"] = seed_seconds
    data["throughput"] = {}
    if args.duration > 0:
        print(f"   gunicorn: throughput over {args.duration:g} s per page", flush=True)
        port = _free_port()
        server = subprocess.Popen(  # noqa: S603 - our own gunicorn
            [python, "-m", "gunicorn", "config.wsgi:application", "--workers", "2",
             "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            _wait_for_port(port)
            targets = [("bare view", "/bench/bare/", "")]
            for label in THROUGHPUT_PAGES:
                page = data["results"][label]
                targets.append(
                    (label, page["url"], data["session_cookie"] if page["role"] == "staff" else "")
                )
            for label, path, cookie in targets:
                load(port, path, cookie, 1, args.connections)  # warm-up
                data["throughput"][label] = load(port, path, cookie, args.duration, args.connections)
        finally:
            server.terminate()
            server.wait(timeout=30)
    if database == "postgres" and not args.keep:
        _drop_postgres_database(args.postgres_url, f"{args.prefix}_{size}")
    return data


# ---------------------------------------------------------------------------------------------------
# Report.


def _machine() -> list[str]:
    cpu = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        match = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        cpu = match.group(1).strip() if match else cpu
    memory = "unknown"
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        match = re.search(r"MemTotal:\s+(\d+) kB", meminfo.read_text())
        memory = f"{int(match.group(1)) / 1024 / 1024:.1f} GiB" if match else memory
    return [f"{os.cpu_count()} CPUs ({cpu})", memory]


def _versions(runs: dict) -> dict:
    import django

    versions = {"Python": platform.python_version(), "Django": django.get_version()}
    try:
        import gunicorn

        versions["gunicorn"] = gunicorn.__version__
    except ImportError:
        pass
    for (database, _size), data in runs.items():
        versions["SQLite" if database == "sqlite" else "PostgreSQL"] = data["db_version"]
    if shutil.which("wrk"):
        versions["load tool"] = "wrk"
    else:
        versions["load tool"] = "Python threads + http.client (wrk not installed)"
    return versions


def _fmt_int(value: float) -> str:
    return f"{value:,.0f}"


def tables(runs: dict, args) -> str:
    lines = []
    databases = sorted({database for database, _ in runs}, key=["sqlite", "postgres"].index)
    for database in databases:
        sizes = sorted(size for db, size in runs if db == database)
        name = "SQLite" if database == "sqlite" else "PostgreSQL"
        lines += [f"### {name}: pages, in-process (queries cold/warm · median ms · KiB)", ""]
        seeds = ", ".join(f"N = {size:,}: {runs[(database, size)]['seed_seconds']:.0f} s" for size in sizes)
        lines += [f"Seeding (migrate + load_demo): {seeds}.", ""]
        header = "| page | role | status | " + " | ".join(f"N = {size:,}" for size in sizes) + " |"
        lines += [header, "|" + "---|" * (3 + len(sizes))]
        first = runs[(database, sizes[0])]["results"]
        for label, page in first.items():
            cells = []
            for size in sizes:
                result = runs[(database, size)]["results"][label]
                cells.append(
                    f"{result['cold_queries']}/{result['queries']} q · {result['ms']:g} ms · "
                    f"{result['bytes'] / 1024:,.1f}"
                )
            lines.append(f"| {label} | {page['role']} | {page['status']} | " + " | ".join(cells) + " |")
        lines.append("")
        lines += [f"### {name}: exports, peak Python memory of one request (tracemalloc)", ""]
        lines += ["| export | streaming | " + " | ".join(f"N = {size:,}" for size in sizes) + " |"]
        lines += ["|" + "---|" * (2 + len(sizes))]
        for label in EXPORTS:
            streaming = runs[(database, sizes[-1])]["results"][label]["streaming"]
            cells = [
                f"{runs[(database, size)]['results'][label]['peak_kib']:,} KiB "
                f"({runs[(database, size)]['results'][label]['bytes'] / 1024:,.0f} KiB out)"
                for size in sizes
            ]
            lines.append(f"| {label} | {'yes' if streaming else 'no'} | " + " | ".join(cells) + " |")
        lines.append("")
        with_load = [size for size in sizes if runs[(database, size)]["throughput"]]
        if with_load:
            lines += [
                f"### {name}: throughput with gunicorn (2 sync workers, {args.connections} connections, "
                f"{args.duration:g} s), requests/s (ratio to the bare view)",
                "",
                "| page | " + " | ".join(f"N = {size:,}" for size in with_load) + " |",
                "|" + "---|" * (1 + len(with_load)),
            ]
            labels = list(runs[(database, with_load[0])]["throughput"])
            for label in labels:
                cells = []
                for size in with_load:
                    measured = runs[(database, size)]["throughput"]
                    bare = measured["bare view"]["rps"]
                    rps = measured[label]["rps"]
                    errors = f", {measured[label]['errors']} errors" if measured[label]["errors"] else ""
                    cells.append(f"{_fmt_int(rps)} ({rps / bare:.3f}{errors})")
                lines.append(f"| {label} | " + " | ".join(cells) + " |")
            lines.append("")
    return "\n".join(lines)


def targets(runs: dict) -> str:
    lines = ["### Targets", ""]
    for database in sorted({db for db, _ in runs}, key=["sqlite", "postgres"].index):
        sizes = sorted(size for db, size in runs if db == database)
        small, large = runs[(database, sizes[0])]["results"], runs[(database, sizes[-1])]["results"]
        changed = [
            f"{label} ({small[label]['cold_queries']} → {large[label]['cold_queries']})"
            for label in small
            if small[label]["cold_queries"] != large[label]["cold_queries"]
        ]
        over = [
            f"{label} ({large[label]['cold_queries']})"
            for label in large
            if large[label]["cold_queries"] > QUERY_TARGET
        ]
        name = "SQLite" if database == "sqlite" else "PostgreSQL"
        lines.append(
            f"- {name}, query count the same at N = {sizes[0]:,} and N = {sizes[-1]:,} (cold cache): "
            + ("met." if not changed else "not met: " + "; ".join(changed) + ".")
        )
        lines.append(
            f"- {name}, at most {QUERY_TARGET} queries a page at N = {sizes[-1]:,} (cold cache): "
            + ("met." if not over else "not met: " + "; ".join(over) + ".")
        )
        throughput = runs[(database, sizes[-1])]["throughput"]
        if throughput:
            bare = throughput["bare view"]["rps"]
            ratio = throughput["deliberation of a territory"]["rps"] / bare
            lines.append(
                f"- {name}, deliberation of a territory at N = {sizes[-1]:,}: {ratio:.3f} of the bare "
                f"view's throughput (target ≥ 0.020): {'met' if ratio >= 1 / 50 else 'not met'}."
            )
            for label in ["home", "winners", "engaged employers", "leaderboard"]:
                ratio = throughput[label]["rps"] / bare
                lines.append(
                    f"- {name}, {label} at N = {sizes[-1]:,}: {ratio:.3f} of the bare view's throughput "
                    f"(target ≥ 0.5): {'met' if ratio >= 0.5 else 'not met'}."
                )
        for label in EXPORTS:
            first, last = small[label], large[label]
            grows = last["peak_kib"] > 2 * max(first["peak_kib"], 1) and last["bytes"] > 2 * first["bytes"]
            lines.append(
                f"- {name}, {label}: {'streams' if last['streaming'] else 'does not stream'}; peak memory "
                f"{first['peak_kib']:,} KiB at N = {sizes[0]:,}, "
                f"{last['peak_kib']:,} KiB at N = {sizes[-1]:,}: "
                + ("met." if last["streaming"] and not grows else "not met.")
            )
    lines.append("")
    return "\n".join(lines)


def plans(runs: dict) -> str:
    lines = []
    for (_database, size), data in sorted(runs.items()):
        if not data.get("plans"):
            continue
        lines += [f"### PostgreSQL plans at N = {size:,} (EXPLAIN ANALYZE, three slowest SELECTs)", ""]
        for label, page_plans in data["plans"].items():
            for plan in page_plans:
                sql = plan["sql"] if len(plan["sql"]) <= 600 else plan["sql"][:600] + " …"
                lines += [f"**{label}**, {plan['ms']:.1f} ms:", "", "```sql", sql, "```", ""]
                lines += ["```", plan["plan"], "```", ""]
    return "\n".join(lines)


def report(runs: dict, args, command: str) -> str:
    cpus, memory = _machine()
    versions = _versions(runs)
    return "\n".join(
        [
            "# Performance",
            "",
            "Measured by the benchmark in `bench/` (see `bench/README.md`). Every figure below comes from",
            "one run of the command; nothing is edited by hand. Repeat it with:",
            "",
            "```sh",
            command,
            "```",
            "",
            "## The machine and the versions",
            "",
            f"- Machine: {cpus}, {memory} of memory.",
            "- " + ", ".join(f"{name} {version}" for name, version in versions.items()) + ".",
            f"- Report written {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.",
            *([f"- Note: {args.note}"] if args.note else []),
            "",
            "## How to read the tables",
            "",
            "- Pages: measured in-process with Django's test Client (`bench.settings`: the test settings,",
            "  DEBUG off). `cold/warm q` is the number of SQL queries of one request after the cache was",
            "  cleared, then of a request after a warm-up (sessions and caches filled); `median ms` is the",
            f"  median of {args.repeat} requests after the warm-up; the size is the response body in KiB.",
            "  The data is `load_demo --nominations N --phase published`; the territory is Sherbrooke, the",
            "  largest one.",
            "- Exports: peak memory allocated by Python (tracemalloc) while one request is served and its",
            "  body read whole.",
            "- Throughput: the app served by gunicorn on 127.0.0.1 (2 sync workers), the load tool keeping",
            f"  {args.connections} connections busy for {args.duration:g} s per page after a 1 s warm-up;",
            "  the ratio is the page's requests/s divided by the bare view's (0.5 = half as fast). The",
            "  staff pages are loaded with a staff session cookie.",
            "",
            "## Results",
            "",
            targets(runs),
            tables(runs, args),
            "## Plans of the hot queries",
            "",
            plans(runs) or "No PostgreSQL run in this report.",
            "",
        ]
    )


def run_all(args) -> dict:
    sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    postgres_sizes = [int(size) for size in args.postgres_sizes.split(",") if size.strip()] or sizes
    databases = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    runs = {}
    with tempfile.TemporaryDirectory(prefix="monboss-bench-") as workdir:
        for database in databases:
            for size in postgres_sizes if database == "postgres" else sizes:
                runs[(database, size)] = run_one(database, size, args, Path(workdir))
    return runs


def _recorded(argv: list[str]) -> list[str]:
    """The command's arguments without the files it writes (paths of one machine)."""
    kept, skip = [], False
    for arg in argv:
        if skip:
            skip = False
        elif arg in {"--save-json", "--output"}:
            skip = True
        elif not arg.startswith(("--save-json=", "--output=")):
            kept.append(arg)
    return kept


def saved_command(runs: dict) -> str:
    return next(iter(runs.values())).get("command", "bash scripts/bench.sh")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="300,2000,20000", help="Comma-separated N (default: %(default)s).")
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument(
        "--postgres-sizes", default="", help="Sizes for PostgreSQL only, if they differ from --sizes."
    )
    parser.add_argument("--postgres-url", default=os.environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES))
    parser.add_argument("--repeat", type=int, default=7, help="Timed requests per page (default: 7).")
    parser.add_argument("--duration", type=float, default=5, help="Seconds of load per page; 0 skips it.")
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--output", default=str(ROOT / "docs" / "performance.md"))
    parser.add_argument("--note", default="", help="A sentence added to the report (run conditions).")
    parser.add_argument("--prefix", default="bench", help="PostgreSQL databases: <prefix>_<N>.")
    parser.add_argument("--keep", action="store_true", help="Keep the PostgreSQL databases bench_<N>.")
    parser.add_argument("--from-json", help="Only rebuild the report from a file written by --save-json.")
    parser.add_argument("--save-json", help="Also write the raw measurements to this JSON file.")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--json", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(args)
        return
    if args.from_json:
        # Rebuild the report from a run saved with --save-json.
        saved = json.loads(Path(args.from_json).read_text())
        runs = {(key.split()[0], int(key.split()[1])): data for key, data in saved.items()}
        command = saved_command(runs)
    else:
        runs = run_all(args)
        command = "bash scripts/bench.sh " + " ".join(_recorded(sys.argv[1:] if argv is None else argv))
        for data in runs.values():
            data["command"] = command.strip()
    if args.save_json:
        raw = {f"{database} {size}": data for (database, size), data in runs.items()}
        Path(args.save_json).write_text(json.dumps(raw, indent=1))
    text = report(runs, args, command.strip())
    Path(args.output).write_text(text)
    print(targets(runs))
    print(tables(runs, args))
    print(f"Written to {args.output}")


if __name__ == "__main__":
    main()
