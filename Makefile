# The README's two commands: `make run` and `make test`. Everything else is a helper of those.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# `make run PORT=8001` (and HOST=…) serves elsewhere; the demo's login hint and the links in
# e-mails follow, unless LOTSE_BASE_URL is set.
HOST ?= 127.0.0.1
PORT ?= 8000
BASE_URL := $(or $(LOTSE_BASE_URL),http://$(HOST):$(PORT))

.PHONY: run test bench bench-redmine lint typecheck setup system-deps clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Lotse needs Python 3.11 or newer")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)
	$(BIN)/python manage.py migrate --noinput
	LOTSE_BASE_URL=$(BASE_URL) $(BIN)/python manage.py load_demo

# The background worker (documents, exports, imports: lotse.jobs) runs beside the server and
# stops with it (Strg+C, or the server ending for any other reason). Before it starts, jobs
# older than LOTSE_JOB_RETENTION_DAYS go with their files (it prunes daily after that).
WORKER := $(BIN)/python manage.py db_worker --no-reload --interval 0.5 --verbosity 0
PRUNE := $(BIN)/python manage.py prune_jobs

run: setup
	@echo "Lotse läuft unter http://$(HOST):$(PORT)/ (Strg+C beendet Server und Hintergrunddienst; anderer Port: make run PORT=8001)"
	@$(PRUNE) >/dev/null
	@LOTSE_BASE_URL=$(BASE_URL) $(WORKER) & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	LOTSE_BASE_URL=$(BASE_URL) $(BIN)/python manage.py runserver $(HOST):$(PORT)

# Debian packages the tests need (scripts/system-packages.txt): Chromium, OpenLDAP, ...
# `make test` also installs the optional `ldap` extra (python-ldap builds against libldap-dev).
system-deps:
	@bash scripts/ensure-system-packages.sh >/dev/null

# pytest-xdist workers: one per CPU by default (TEST_WORKERS=0 runs everything in one process).
TEST_WORKERS ?= auto
# Tests to leave out, as a marker expression; CI's PostgreSQL pass sets "not browser and not pdf".
TEST_MARKERS ?=
PYTEST := $(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder \
	--durations=25

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy lotse
	$(BIN)/python manage.py makemigrations --check --dry-run
	@missing=$$(bash scripts/ensure-system-packages.sh) || exit $$?; \
	case " $$missing " in *" ldap "*) ;; *) \
		$(BIN)/python -c 'import ldap, django_auth_ldap' 2>/dev/null \
		|| $(BIN)/python -m pip install --quiet -e '.[dev,ldap]' \
		|| { echo "!! The ldap extra (python-ldap) did not build: see above."; \
			[ "$${CI:-}" = true ] && exit 2; missing="$$missing ldap"; } ;; \
	esac; \
	markers='$(TEST_MARKERS)'; \
	for marker in $$missing; do \
		echo "!! Running WITHOUT the tests marked '$$marker' (their Debian package is missing, see above)."; \
		markers="not $$marker$${markers:+ and ($$markers)}"; \
	done; \
	if [ -n "$$markers" ]; then $(PYTEST) -m "$$markers"; else $(PYTEST); fi

bench: $(STAMP)
	$(BIN)/python bench/pages_bench.py
	$(BIN)/python bench/run.py
	$(BIN)/python bench/reports_bench.py
	$(BIN)/python bench/planning_bench.py
	$(BIN)/python bench/search_bench.py
	$(BIN)/python bench/exports_bench.py

# Lotse against Redmine 5 on the key pages (issue 14). Optional: Redmine must already run on
# 127.0.0.1:3000 as ../shared/peers/redmine/RECIPE.md sets it up; otherwise it says so and stops.
bench-redmine: $(STAMP)
	$(BIN)/python bench/redmine_bench.py

# mypy on lotse/ with the configuration in pyproject.toml (modules still pending are listed there).
typecheck: $(STAMP)
	$(BIN)/mypy lotse

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy lotse

clean:
	rm -rf $(VENV) db.sqlite3*
