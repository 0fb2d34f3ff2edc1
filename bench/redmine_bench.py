"""Lotse against Redmine 5 on the key pages, side by side in one run (issue 14).

    make bench-redmine      # or: .venv/bin/python bench/redmine_bench.py

Redmine must already run on 127.0.0.1:3000, installed, seeded (500 projects, 20,000 issues)
and started (puma 2 workers × 1 thread) as the recipe says: ../shared/peers/redmine/RECIPE.md
(its scripts beside it). Nothing of Redmine is part of Lotse; without it the script says so
and stops.

What it does:
1. Generates Lotse data at Redmine's shape into its own SQLite file (bench/redmine.sqlite3,
   reused by later runs): one programme with 500 projects and a board with 40 cards per
   project (20,000 cards, lotse/demo/scale.py), plus what a project cockpit shows: monthly
   status reports for a year (12 periods), 4 milestones and 3 risks per project.
2. Starts Lotse under gunicorn with production settings, like puma 2 × 1: 2 workers, 1 thread
   each, LOTSE_DEBUG=0, DATABASE_CONN_MAX_AGE=600 (docs/operations.md), lotse.wsgi (which
   freezes the start-up objects out of the garbage collector), static files collected for
   WhiteNoise.
3. Logs in on both sides through their login forms (Redmine: admin; Lotse: a PMO) and reads
   Redmine's API key from "My account".
4. For each pair of pages: rounds of Lotse, Redmine, Lotse, Redmine, … with the same client,
   wrk -t2 -c4 (4 connections, as in the recipe; a Python client with 4 connections when wrk
   is missing). Per page: req/s and p50/p95 as the median over the rounds, and the ratios
   (Lotse req/s ÷ Redmine req/s; Redmine p95 ÷ Lotse p95). The goal is ≥ 5 for both.

Settings (environment): BENCH_ROUNDS (3), BENCH_SECONDS (5 per round and side),
BENCH_LOTSE_PORT (8105), REDMINE_URL (http://127.0.0.1:3000), REDMINE_USER / REDMINE_PASSWORD
(admin / admin12345), REDMINE_PROJECT (bproj-0000), REDMINE_PIDFILE (the recipe's puma.pid, for
the CPU time per request), REDMINE_API_KEY (read from the account
page when unset), BENCH_REDMINE_DB (bench/redmine.sqlite3), BENCH_ONLY (a page name part),
BENCH_CLIENT (wrk or python).
"""

from __future__ import annotations

import http.client
import json
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DB = Path(os.environ.get("BENCH_REDMINE_DB", str(ROOT / "bench" / "redmine.sqlite3")))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "5"))
PORT = int(os.environ.get("BENCH_LOTSE_PORT", "8105"))
REDMINE = os.environ.get("REDMINE_URL", "http://127.0.0.1:3000").rstrip("/")
REDMINE_USER = os.environ.get("REDMINE_USER", "admin")
REDMINE_PASSWORD = os.environ.get("REDMINE_PASSWORD", "admin12345")
REDMINE_PROJECT = os.environ.get("REDMINE_PROJECT", "bproj-0000")
REDMINE_PIDFILE = os.environ.get("REDMINE_PIDFILE", "/tmp/redmine_peer/run/puma.pid")  # noqa: S108
ONLY = os.environ.get("BENCH_ONLY", "")
CLIENT = os.environ.get("BENCH_CLIENT", "wrk" if shutil.which("wrk") else "python")
CONNECTIONS = 4
TIMEOUT = 30  # seconds for one request of the set-up steps
SLUG = "redmine-shape"
PROJECTS = 500
CARDS_PER_PROJECT = 40
LOTSE_USER = "bench-redmine-pmo"
GOAL = 5.0
MIN_REQUESTS = 20  # per page and side over all rounds, for a p95 worth reading

RECIPE_HINT = (
    "Redmine läuft nicht auf {url}. Installieren und starten Sie es nach "
    "../shared/peers/redmine/RECIPE.md (start.sh 2 1), dann erneut: make bench-redmine\n"
    "Redmine is not running on {url}. Install and start it following "
    "../shared/peers/redmine/RECIPE.md (start.sh 2 1), then run make bench-redmine again."
)


class BenchError(Exception):
    """A clear reason to stop, printed without a traceback."""


# --- HTTP helpers (standard library only: the same code talks to both servers) -------------


@dataclass
class Reply:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


def request(
    base: str, path: str, *, method: str = "GET", headers: dict | None = None, body: str = ""
) -> Reply:
    url = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=TIMEOUT)
    try:
        conn.request(method, path, body=body.encode() or None, headers=headers or {})
        response = conn.getresponse()
        return Reply(response.status, response.headers, response.read())
    finally:
        conn.close()


def cookies_of(reply: Reply) -> dict[str, str]:
    found = {}
    for header in reply.headers.get_all("Set-Cookie") or []:
        name, _, rest = header.partition("=")
        found[name.strip()] = rest.split(";", 1)[0]
    return found


def cookie_header(cookies: dict[str, str]) -> str:
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


# --- Redmine ----------------------------------------------------------------------------------


def redmine_running() -> bool:
    try:
        reply = request(REDMINE, "/login")
    except OSError:
        return False
    return reply.status == 200 and b"authenticity_token" in reply.body


def post_login_form(base: str, path: str, token_field: str, fields: dict, missing: str):
    """Fetch the login form at `path`, post `fields` with its anti-forgery token (`token_field`)
    and the cookies it set; the reply and all cookies so far. `missing`: the error if no form."""
    page = request(base, path)
    token = re.search(rf'name="{token_field}" value="([^"]+)"', page.text)
    if not token:
        raise BenchError(missing)
    cookies = cookies_of(page)
    reply = request(
        base,
        path,
        method="POST",
        body=urllib.parse.urlencode({token_field: token.group(1), **fields}),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": cookie_header(cookies),
        },
    )
    return reply, cookies | cookies_of(reply)


def redmine_login() -> tuple[dict[str, str], str]:
    """Session cookie header and API key of the recipe's admin."""
    reply, cookies = post_login_form(
        REDMINE,
        "/login",
        "authenticity_token",
        {"username": REDMINE_USER, "password": REDMINE_PASSWORD},
        "Redmine: kein Anmeldeformular unter /login / no login form at /login",
    )
    if reply.status != 302 or "/login" in (reply.headers.get("Location") or ""):
        raise BenchError(
            f"Redmine: Anmeldung als {REDMINE_USER} fehlgeschlagen / login failed "
            f"(HTTP {reply.status}); REDMINE_USER / REDMINE_PASSWORD prüfen (recipe: admin12345)"
        )
    session = {"Cookie": cookie_header(cookies)}
    key = os.environ.get("REDMINE_API_KEY", "")
    if not key:
        account = request(REDMINE, "/my/api_key", headers=session)
        found = re.search(r"<pre[^>]*>\s*([0-9a-f]{40})\s*</pre>", account.text)
        if not found:
            raise BenchError(
                "Redmine: API-Schlüssel nicht gefunden / API key not found; setzen Sie "
                "REDMINE_API_KEY (recipe section 2 prints it)"
            )
        key = found.group(1)
    return session, key


def redmine_counts(key: str) -> tuple[int, int]:
    headers = {"X-Redmine-API-Key": key}
    projects = json.loads(request(REDMINE, "/projects.json?limit=1", headers=headers).body)
    issues = json.loads(request(REDMINE, "/issues.json?limit=1&status_id=*", headers=headers).body)
    return projects["total_count"], issues["total_count"]


# --- Lotse: data, server, login -------------------------------------------------------------


def lotse_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "lotse.settings",
            "DATABASE_URL": f"sqlite:///{DB}",
            "LOTSE_DEBUG": "0",
            "SECRET_KEY": env.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(48),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "STATIC_ROOT": str(ROOT / "bench" / ".redmine_static"),
            "LOG_LEVEL": "ERROR",
            # As docs/operations.md recommends for gunicorn's sync workers (Rails keeps a
            # connection pool too): one connection per worker, not one per request.
            "DATABASE_CONN_MAX_AGE": env.get("DATABASE_CONN_MAX_AGE") or "600",
            "PYTHONPATH": str(ROOT),
        }
    )
    return env


def prepare_lotse(env: dict[str, str], password: str) -> dict[str, str]:
    """Data, static files and the bench user, in a child process (production settings)."""
    started = time.perf_counter()
    result = subprocess.run(
        [PYTHON, str(Path(__file__).resolve()), "--prepare"],
        env=env | {"BENCH_PASSWORD": password},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    if result.returncode != 0:
        raise BenchError(f"Lotse-Daten / Lotse data:\n{result.stdout}\n{result.stderr}")
    paths = json.loads(result.stdout.strip().splitlines()[-1])
    print(f"# Lotse data ready in {time.perf_counter() - started:.0f} s", flush=True)
    return paths


def prepare_in_child() -> None:
    """Runs as `redmine_bench.py --prepare` with the production environment."""
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    import datetime

    from django.utils import timezone

    from lotse.accounts.models import ProgrammeRole
    from lotse.accounts.models import User
    from lotse.boards.models import Board
    from lotse.demo.scale import generate_cards
    from lotse.demo.scale import generate_programme
    from lotse.demo.scale import generate_reports
    from lotse.reporting.models import ReportingConfig

    programme = generate_programme(slug=SLUG, projects=PROJECTS)
    generate_cards(programme=programme, per_project=CARDS_PER_PROJECT)
    # A year of monthly reports, so the cockpit's history has twelve rows.
    first = (timezone.localdate().replace(day=1) - datetime.timedelta(days=330)).replace(day=1)
    ReportingConfig.objects.update_or_create(
        programme=programme, defaults={"first_period_start": first}
    )
    programme.refresh_from_db()
    generate_reports(programme=programme, periods=12)
    generate_cockpit_items(programme)
    user, _ = User.objects.get_or_create(username=LOTSE_USER)
    user.set_password(os.environ["BENCH_PASSWORD"])
    user.save()
    ProgrammeRole.objects.get_or_create(user=user, programme=programme, role="pmo")
    project = programme.projects.order_by("pk").first()
    assert project is not None
    board = Board.objects.get(project=project)
    cards = Board.objects.filter(project__programme=programme).count() * CARDS_PER_PROJECT
    print(
        json.dumps(
            {
                "target_picture": f"/programme/{SLUG}/",
                "project_list": f"/programme/{SLUG}/projekte/",
                "board": f"/boards/{board.pk}/",
                "api": f"/api/v1/programmes/{SLUG}/projects?page_size=100",
                "cockpit": f"/projekte/{project.pk}/cockpit/",
                "projects": str(programme.projects.count()),
                "cards": str(cards),
            }
        )
    )


def generate_cockpit_items(programme) -> None:  # noqa: ANN001 (Django is set up late)
    """4 milestones and 3 risks per project (bulk, once): what a cockpit shows beyond reports."""
    import datetime

    from django.db import transaction

    from lotse.reporting.models import Milestone
    from lotse.reporting.models import Risk

    with transaction.atomic():
        _cockpit_items(programme, datetime, Milestone, Risk)


def _cockpit_items(programme, datetime, Milestone, Risk) -> None:  # noqa: ANN001, N803

    if Milestone.objects.filter(project__programme=programme).exists():
        return
    ids = list(programme.projects.values_list("pk", flat=True))
    start = datetime.date(2026, 1, 15)
    Milestone.objects.bulk_create(
        [
            Milestone(
                project_id=pk,
                title=f"Synthetischer Meilenstein {i + 1}",
                planned_date=start + datetime.timedelta(days=90 * i),
                order=i,
            )
            for pk in ids
            for i in range(4)
        ],
        batch_size=2000,
    )
    Risk.objects.bulk_create(
        [
            Risk(
                project_id=pk,
                title=f"Synthetisches Risiko {i + 1}",
                probability=1 + (pk + i) % 4,
                impact=1 + (pk * 3 + i) % 4,
            )
            for pk in ids
            for i in range(3)
        ],
        batch_size=2000,
    )


def start_lotse(env: dict[str, str]) -> subprocess.Popen:
    gunicorn = [PYTHON, "-m", "gunicorn"]
    probe = subprocess.run([*gunicorn, "--version"], capture_output=True, check=False)
    if probe.returncode != 0:
        raise BenchError(
            "gunicorn fehlt / gunicorn is missing: .venv/bin/pip install 'gunicorn>=23,<24'"
        )
    log = open(ROOT / "bench" / ".redmine_gunicorn.log", "w")  # noqa: SIM115 (lives with the server)
    server = subprocess.Popen(
        [
            *gunicorn,
            "lotse.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            "2",
            "--threads",
            "1",
            "--timeout",
            "60",
        ],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{PORT}"
    for _ in range(120):
        if server.poll() is not None:
            raise BenchError(f"gunicorn endete / gunicorn exited, see {log.name}")
        try:
            if request(base, "/konto/anmelden/").status == 200:
                return server
        except OSError:
            pass
        time.sleep(0.5)
    stop(server)
    raise BenchError(f"Lotse kam nicht hoch / Lotse did not come up on {base}, see {log.name}")


def stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


def lotse_login(base: str, password: str) -> dict[str, str]:
    reply, cookies = post_login_form(
        base,
        "/konto/anmelden/",
        "csrfmiddlewaretoken",
        {"username": LOTSE_USER, "password": password},
        "Lotse: kein Anmeldeformular / no login form",
    )
    if reply.status != 302 or "sessionid" not in cookies:
        raise BenchError(f"Lotse: Anmeldung fehlgeschlagen / login failed (HTTP {reply.status})")
    return {"Cookie": cookie_header(cookies)}


# --- the load client --------------------------------------------------------------------------

WRK_SCRIPT = """
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format('RESULT {"requests": %d, "seconds": %f, "p50": %f, "p95": %f, '
    .. '"errors": %d, "status_errors": %d}\\n', summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1e3, latency:percentile(95) / 1e3, errors, summary.errors.status))
end
"""


@dataclass
class Run:
    requests: int
    seconds: float
    p50: float  # ms
    p95: float  # ms
    errors: int
    cpu_ms: float = 0.0  # the server's processor time per request (all its processes)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def run_wrk(url: str, headers: dict[str, str], script: str) -> Run:
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS:g}s", "--timeout", "10s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    command += ["-s", script, url]
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=SECONDS + 60, check=False
    )
    found = re.search(r"^RESULT (\{.*\})$", result.stdout, re.MULTILINE)
    if result.returncode != 0 or not found:
        raise BenchError(f"wrk {url}: {result.stdout}\n{result.stderr}")
    data = json.loads(found.group(1))
    return Run(data["requests"], data["seconds"], data["p50"], data["p95"], data["errors"])


def run_python(url: str, headers: dict[str, str]) -> Run:
    """wrk's measurement with the standard library: 4 connections, each a thread in a loop."""
    parts = urllib.parse.urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + SECONDS

    def worker() -> None:
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
                ok = False
            with lock:
                latencies.append((time.perf_counter() - started) * 1000)
                errors[0] += not ok
        conn.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(CONNECTIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    if not latencies:
        return Run(0, elapsed, 0.0, 0.0, errors[0])
    p95 = latencies[min(len(latencies) - 1, round(0.95 * (len(latencies) - 1)))]
    return Run(len(latencies), elapsed, statistics.median(latencies), p95, errors[0])


def process_tree(root: int) -> list[int]:
    """`root` and its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def cpu_seconds(pids: list[int]) -> float:
    """User + system time of these processes so far (children that exited are not counted)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return total / os.sysconf("SC_CLK_TCK")


def load(url: str, headers: dict[str, str], script: str, server_pids: list[int]) -> Run:
    before = cpu_seconds(server_pids)
    run = run_wrk(url, headers, script) if CLIENT == "wrk" else run_python(url, headers)
    if run.errors:
        raise BenchError(f"{url}: {run.errors} Fehler / errors (non-2xx, timeouts) in one round")
    if run.requests:
        run.cpu_ms = (cpu_seconds(server_pids) - before) * 1000 / run.requests
    return run


def check_page(base: str, path: str, headers: dict[str, str]) -> int:
    """One request that must answer 200 (not a login redirect); returns the body size."""
    reply = request(base, path, headers=headers)
    if reply.status != 200:
        raise BenchError(f"{base}{path}: HTTP {reply.status} statt/instead of 200")
    return len(reply.body)


# --- the run ----------------------------------------------------------------------------------


@dataclass
class Side:
    """One server's figures for one page over all rounds: req/s from the totals (a round in
    which a slow server finished nothing still counts), latencies and CPU as the median of
    the rounds that finished requests."""

    rps: float
    p50: float
    p95: float
    cpu_ms: float  # 0 when the server's processes could not be read
    requests: int

    @classmethod
    def of(cls, runs: list[Run]) -> Side:
        done = [r for r in runs if r.requests] or runs
        seconds = sum(r.seconds for r in runs)
        return cls(
            sum(r.requests for r in runs) / seconds if seconds else 0.0,
            statistics.median(r.p50 for r in done),
            statistics.median(r.p95 for r in done),
            statistics.median(r.cpu_ms for r in done),
            sum(r.requests for r in runs),
        )


@dataclass
class Pair:
    name: str
    lotse_path: str
    redmine_path: str
    redmine_headers: dict[str, str]


@dataclass
class Row:
    pair: Pair
    sizes: tuple[int, int]
    ours: Side
    theirs: Side

    @property
    def rps_ratio(self) -> float:
        return self.ours.rps / self.theirs.rps if self.theirs.rps else 0.0

    @property
    def p95_ratio(self) -> float:
        return self.theirs.p95 / self.ours.p95 if self.ours.p95 else 0.0

    @property
    def cpu_ratio(self) -> float:
        return self.theirs.cpu_ms / self.ours.cpu_ms if self.ours.cpu_ms else 0.0

    @property
    def ok(self) -> bool:
        return self.rps_ratio >= GOAL and self.p95_ratio >= GOAL


def redmine_pids() -> list[int]:
    """Puma's master (pidfile of the recipe's start.sh) and its workers; [] if unreadable."""
    try:
        master = int(Path(REDMINE_PIDFILE).read_text().strip())
    except (OSError, ValueError):
        return []
    return process_tree(master)


def main() -> int:
    if not redmine_running():
        print(RECIPE_HINT.format(url=REDMINE), file=sys.stderr)
        return 2
    redmine_session, key = redmine_login()
    projects, issues = redmine_counts(key)
    print(f"# Redmine: {projects} projects, {issues} issues ({REDMINE})", flush=True)
    if (projects, issues) != (PROJECTS, PROJECTS * CARDS_PER_PROJECT):
        print(
            f"!! Redmine hat nicht die Form des Rezepts / not the recipe's shape "
            f"({PROJECTS} / {PROJECTS * CARDS_PER_PROJECT}): recipe section 4b",
            flush=True,
        )
    env = lotse_env()
    password = secrets.token_urlsafe(16)
    paths = prepare_lotse(env, password)
    print(f"# Lotse: {paths['projects']} projects, {paths['cards']} cards ({DB.name})", flush=True)
    lotse = f"http://127.0.0.1:{PORT}"
    rm = REDMINE_PROJECT
    api_key = {"X-Redmine-API-Key": key}
    server = start_lotse(env)
    try:
        lotse_session = lotse_login(lotse, password)
        pairs = [
            Pair("Zielbild", paths["target_picture"], "/projects", redmine_session),
            Pair(
                "Projektliste",
                paths["project_list"],
                "/projects?display_type=list&per_page=100",
                redmine_session,
            ),
            Pair("Board", paths["board"], f"/issues?project_id={rm}&per_page=100", redmine_session),
            Pair("API-Liste", paths["api"], "/issues.json?limit=100", api_key),
            Pair("Projekt-Cockpit", paths["cockpit"], f"/projects/{rm}", redmine_session),
        ]
        return measure(pairs, lotse, lotse_session, process_tree(server.pid))
    finally:
        stop(server)


def measure(
    pairs: list[Pair], lotse: str, lotse_session: dict[str, str], lotse_pids: list[int]
) -> int:
    their_pids = redmine_pids()
    print(
        f"# client: {CLIENT} -c{CONNECTIONS}, {ROUNDS} rounds × {SECONDS:g} s per side, "
        f"interleaved; load before: {os.getloadavg()[0]:.2f}; server processes: Lotse "
        f"{len(lotse_pids)}, Redmine {len(their_pids) or '? (' + REDMINE_PIDFILE + ')'}",
        flush=True,
    )
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script_file:
        script_file.write(WRK_SCRIPT)
    loads: list[float] = []
    rows: list[Row] = []
    try:
        for pair in pairs:
            if ONLY and ONLY.lower() not in pair.name.lower():
                continue
            sizes = (
                check_page(lotse, pair.lotse_path, lotse_session),
                check_page(REDMINE, pair.redmine_path, pair.redmine_headers),
            )
            ours, theirs = [], []
            for _ in range(ROUNDS):
                ours.append(
                    load(lotse + pair.lotse_path, lotse_session, script_file.name, lotse_pids)
                )
                theirs.append(
                    load(
                        REDMINE + pair.redmine_path,
                        pair.redmine_headers,
                        script_file.name,
                        their_pids,
                    )
                )
                loads.append(os.getloadavg()[0])
            rows.append(Row(pair, sizes, Side.of(ours), Side.of(theirs)))
            report_row(rows[-1])
            if min(rows[-1].ours.requests, rows[-1].theirs.requests) < MIN_REQUESTS:
                print(
                    f"  !! weniger als {MIN_REQUESTS} Antworten / fewer than {MIN_REQUESTS} "
                    "responses on one side: its p95 says little (the machine is busy); "
                    "BENCH_SECONDS=15 gives more",
                    flush=True,
                )
    finally:
        os.unlink(script_file.name)
    summary(rows, loads)
    return 0


def _cpu(side: Side) -> str:
    return f"{side.cpu_ms:8.1f} ms" if side.cpu_ms else "       –"


def report_row(row: Row) -> None:
    pair, ours, theirs = row.pair, row.ours, row.theirs
    print(f"\n{pair.name}: Lotse {pair.lotse_path} ({row.sizes[0]:,} B)")
    print(f"  ↔ Redmine {pair.redmine_path} ({row.sizes[1]:,} B)")
    for name, side in (("Lotse", ours), ("Redmine", theirs)):
        print(
            f"  {name:8} {side.rps:8.1f} req/s   p50 {side.p50:8.1f} ms   p95 {side.p95:8.1f} ms"
            f"   CPU/req {_cpu(side)}"
        )
    cpu = f"   CPU/req {row.cpu_ratio:.1f}× less" if row.cpu_ratio else ""
    print(
        f"  ratio    {row.rps_ratio:8.1f}× req/s   p95 {row.p95_ratio:.1f}× lower{cpu}   "
        f"{'ok' if row.ok else 'UNDER 5×'}",
        flush=True,
    )


def summary(rows: list[Row], loads: list[float]) -> None:
    print(
        "\n| page | Lotse req/s | Redmine req/s | ratio | Lotse p95 ms | Redmine p95 ms "
        "| p95 ratio | Lotse CPU ms/req | Redmine CPU ms/req | CPU ratio | responses L / R |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        ours, theirs = row.ours, row.theirs
        print(
            f"| {row.pair.name} | {ours.rps:.1f} | {theirs.rps:.1f} | {row.rps_ratio:.1f}× "
            f"| {ours.p95:.0f} | {theirs.p95:.0f} | {row.p95_ratio:.1f}× "
            f"| {ours.cpu_ms:.1f} | {theirs.cpu_ms:.1f} | {row.cpu_ratio:.1f}× "
            f"| {ours.requests} / {theirs.requests} |"
        )
    if loads:
        print(
            f"\nload average (1 min) during the run: min {min(loads):.2f}, "
            f"median {statistics.median(loads):.2f}, max {max(loads):.2f} on {os.cpu_count()} CPUs"
        )
    missed = [row.pair.name for row in rows if not row.ok]
    print(f"pages under {GOAL:g}× (req/s or p95): {len(missed)} of {len(rows)} {missed or ''}")


if __name__ == "__main__":
    if sys.argv[1:] == ["--prepare"]:
        sys.path.insert(0, str(ROOT))
        prepare_in_child()
        sys.exit(0)
    try:
        sys.exit(main())
    except BenchError as error:
        print(f"!! {error}", file=sys.stderr)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
