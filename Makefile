# Gatehouse — the commands the README names.
CARGO ?= cargo
# Every Rust target is built for this one set of packages, so that the slow proofs reuse the fast
# tests' build: `-p gatehouse-cli` alone unifies other features and rebuilds half the tree.
# (gatehouse-server turns on the core's `postgres` feature.)
PACKAGES := -p gatehouse-core -p gatehouse-client -p gatehouse-cli -p gatehouse-testpg -p gatehouse-softkey -p gatehouse-server

.PHONY: run run-cli run-server run-thin test test-fast test-app stress brute-force crash bench bench-quick bench-app lint fmt lint-app setup app run-app run-kiosk \
	e2e e2e-browser e2e-languages web setup-app setup-build setup-run ui bundle empty-window fuzz fuzz-quick

## Open the Gatehouse window on the demo school (the OS data directory's demo/ folder, seeded on
## first run); installs what the build needs first. Under Xvfb when there is no display.
run: run-app

## The wizard on the demo school as JSON lines on stdin/stdout (no window).
run-cli:
	$(CARGO) run --release --locked -p gatehouse-cli -- --demo session

## gatehouse-server on https://localhost:8443 over a throw-away PostgreSQL with the demo school
## and a self-signed certificate (all in one temporary directory; Ctrl-C stops both), serving
## the browser's sign-in page at https://localhost:8443/.
run-server: web
	CARGO="$(CARGO)" ./scripts/run-server.sh

## Install what is missing, then run every test: the fast Rust tests (unit, integration, CLI
## process tests, inside a private D-Bus session with an unlocked GNOME Keyring), the shell's
## tests on Tauri's mock runtime and the end-to-end walks in the real release window under Xvfb.
test: setup test-fast e2e e2e-browser e2e-languages test-app

## The fast Rust tests only, without the setup step or the window: everything on the embedded
## SQLite file (and PostgreSQL's own proofs), the server's processes over HTTPS on PostgreSQL,
## then the core's suites again on a PostgreSQL server the tests start and stop themselves
## (gatehouse-testpg).
test-fast:
	./scripts/with-keyring.sh $(CARGO) test --locked $(PACKAGES)
	GATEHOUSE_TEST_STORE=postgres ./scripts/with-keyring.sh $(CARGO) test --locked $(PACKAGES) \
		--test core --test console --test twofactor

## The desktop shell's own tests: its command table, state and error shape on Tauri's mock
## runtime (release profile, so it reuses most of what `make app` built; its thin-client walk
## starts the debug server of `make test-fast`).
test-app: setup-app
	./scripts/with-keyring.sh $(CARGO) test --release --locked -p gatehouse-app --features tauri/custom-protocol

## Slow proofs under load (issue 6): two kiosks and an administrator on one database, on the
## embedded SQLite file and then on a PostgreSQL server the test starts (issue 13 §3).
stress:
	$(CARGO) test --locked $(PACKAGES) --test cli concurrency -- --ignored --nocapture --test-threads=1

## Slow proofs (issue 6 §4): scripted attacks of 10,000 wrong passwords, TOTP codes, email OTPs and
## answer sets, on one account and spread over many (GATEHOUSE_BRUTE_TRIES changes the count).
brute-force:
	$(CARGO) test --locked $(PACKAGES) --test brute_force -- --ignored --test-threads=1 --nocapture

## Slow proof (issue 6 §2): 210 SIGKILLs during password resets, token enrolments and imports,
## each followed by a consistency check (GATEHOUSE_CRASH_KILLS changes the count); on SQLite,
## then the same count on a PostgreSQL server the test starts (issue 13 §3).
crash:
	$(CARGO) test --locked $(PACKAGES) --test cli crash -- --ignored --nocapture --test-threads=1

## Every benchmark, then one table of their figures (scripts/bench-table.py reads the summaries
## in target/bench-results/): raw Argon2id vs a complete sign-in on 100,000 accounts and on 10,
## the import rate, TOTP verification, the time of a self-service reset search for real and
## unknown login IDs (with and without its pace), the release app's start-up and memory under Xvfb, and
## gatehouse-server over HTTPS on PostgreSQL (64 clients' sign-ins against the hash-bound
## ceiling, p99 at half that load, TOTP verifications/s, memory per idle session).
bench: setup-app app empty-window
	$(CARGO) bench --locked -p gatehouse-core --bench sign_in
	$(CARGO) bench --locked -p gatehouse-core --bench import
	GATEHOUSE_BENCH_STORE=postgres $(CARGO) bench --locked -p gatehouse-core --features postgres --bench sign_in
	GATEHOUSE_BENCH_STORE=postgres $(CARGO) bench --locked -p gatehouse-core --features postgres --bench import
	$(CARGO) bench --locked -p gatehouse-core --bench totp
	$(CARGO) bench --locked -p gatehouse-core --bench sspr
	GATEHOUSE_BENCH_STORE=postgres $(CARGO) bench --locked -p gatehouse-core --features postgres --bench sspr
	$(XVFB) dbus-run-session -- python3 scripts/bench-startup.py
	$(CARGO) bench --locked -p gatehouse-server --bench server
	python3 scripts/bench-table.py

## The same in a short form for CI (2,000 accounts, 300 import rows, 3 app starts, short
## criterion runs, a 5 s server run with 2,000 idle sessions; a GATEHOUSE_BENCH_* variable
## already set wins), ending with the same table.
BENCH_SHORT := -- --warm-up-time 1 --measurement-time 2
bench-quick: setup-app app empty-window
	GATEHOUSE_BENCH_ACCOUNTS=$${GATEHOUSE_BENCH_ACCOUNTS:-2000} GATEHOUSE_BENCH_ROUNDS=$${GATEHOUSE_BENCH_ROUNDS:-9} \
		$(CARGO) bench --locked -p gatehouse-core --bench sign_in $(BENCH_SHORT)
	GATEHOUSE_BENCH_IMPORT_ROWS=$${GATEHOUSE_BENCH_IMPORT_ROWS:-300} GATEHOUSE_BENCH_HASHES=$${GATEHOUSE_BENCH_HASHES:-10} \
		$(CARGO) bench --locked -p gatehouse-core --bench import
	GATEHOUSE_BENCH_STORE=postgres GATEHOUSE_BENCH_ACCOUNTS=$${GATEHOUSE_BENCH_ACCOUNTS:-2000} GATEHOUSE_BENCH_ROUNDS=$${GATEHOUSE_BENCH_ROUNDS:-9} \
		$(CARGO) bench --locked -p gatehouse-core --features postgres --bench sign_in $(BENCH_SHORT)
	GATEHOUSE_BENCH_STORE=postgres GATEHOUSE_BENCH_IMPORT_ROWS=$${GATEHOUSE_BENCH_IMPORT_ROWS:-300} GATEHOUSE_BENCH_HASHES=$${GATEHOUSE_BENCH_HASHES:-10} \
		$(CARGO) bench --locked -p gatehouse-core --features postgres --bench import
	GATEHOUSE_BENCH_ROUNDS=$${GATEHOUSE_BENCH_ROUNDS:-9} $(CARGO) bench --locked -p gatehouse-core --bench totp $(BENCH_SHORT)
	GATEHOUSE_BENCH_ACCOUNTS=$${GATEHOUSE_BENCH_ACCOUNTS:-2000} GATEHOUSE_BENCH_ROUNDS=$${GATEHOUSE_BENCH_ROUNDS:-9} \
		$(CARGO) bench --locked -p gatehouse-core --bench sspr
	GATEHOUSE_BENCH_ROUNDS=$${GATEHOUSE_BENCH_ROUNDS:-3} $(XVFB) dbus-run-session -- python3 scripts/bench-startup.py
	GATEHOUSE_BENCH_ACCOUNTS=$${GATEHOUSE_BENCH_ACCOUNTS:-1000} GATEHOUSE_BENCH_SECONDS=$${GATEHOUSE_BENCH_SECONDS:-5} \
		GATEHOUSE_BENCH_LATENCY_SECONDS=$${GATEHOUSE_BENCH_LATENCY_SECONDS:-8} GATEHOUSE_BENCH_TOTP=$${GATEHOUSE_BENCH_TOTP:-1000} \
		GATEHOUSE_BENCH_SESSIONS=$${GATEHOUSE_BENCH_SESSIONS:-2000} GATEHOUSE_BENCH_HASHES=$${GATEHOUSE_BENCH_HASHES:-5} \
		$(CARGO) bench --locked -p gatehouse-server --bench server
	python3 scripts/bench-table.py

## Fuzz the parsers (wizard requests, import CSV, token files, gatehouse.toml, otpauth URIs) with
## cargo-fuzz, 60 s per target from the seed corpus in fuzz/corpus/; installs cargo-fuzz if missing.
fuzz:
	./scripts/fuzz.sh 60

## The short form of the fuzzing run for CI: 8 s per target.
fuzz-quick:
	./scripts/fuzz.sh 8

## Format, clippy, and no import cycle among the modules of the core, the CLI and the shell
## (scripts/module-cycles.py reads their source: no build, no WebKit).
lint:
	$(CARGO) fmt --all --check
	$(CARGO) clippy --locked -p gatehouse-core -p gatehouse-client -p gatehouse-cli -p gatehouse-testpg -p gatehouse-softkey -p gatehouse-server --all-targets -- -D warnings
	$(CARGO) clippy --locked -p gatehouse-core --all-targets -- -D warnings
	python3 scripts/module-cycles.py
	python3 scripts/module-cycles.py crates/server/src
	python3 scripts/module-cycles.py crates/cli/src
	python3 scripts/module-cycles.py crates/client/src
	python3 scripts/module-cycles.py src-tauri/src

## Lint of the desktop shell and the front-end (needs the packages of `make setup-build`).
lint-app: setup-build
	$(CARGO) clippy --locked -p gatehouse-app -p gatehouse-empty-window --all-targets -- -D warnings
	$(NPM) run check

fmt:
	$(CARGO) fmt --all

setup:
	./scripts/setup.sh

# ---- Desktop app (Tauri v2: src-tauri/, front-end in ui/) ----------------------------------
NPM ?= npm
APP_BIN := target/release/gatehouse
XVFB := xvfb-run -a -s "-screen 0 1280x800x24"

## What the app's tests need on top of its build: Xvfb, WebKitWebDriver, tauri-driver, the test
## packages from package-lock.json (scripts/setup-app.sh says which).
setup-app:
	./scripts/setup-app.sh test

## What building the app needs: WebKitGTK and the front-end's build tools, nothing for tests.
setup-build:
	./scripts/setup-app.sh build

## What running it needs: the build's packages, and Xvfb when there is no display.
setup-run:
	./scripts/setup-app.sh run

## The front-end alone (type check + Vite build into dist/), when a source changed since the
## last build: a rebuilt dist/ makes Cargo embed it again, recompiling the app.
UI_SOURCES := $(shell find ui locales -type f) package.json package-lock.json vite.config.ts
ui: dist/index.html
dist/index.html: $(UI_SOURCES)
	$(NPM) run build

## The browser's sign-in page (issue 18 §3): the same front-end built for gatehouse-server, which
## serves it from [server] web_root (dist-web/), talking to the server over HTTPS.
web:
	./scripts/setup-app.sh web
	$(MAKE) --no-print-directory dist-web/index.html

dist-web/index.html: $(UI_SOURCES)
	$(NPM) run build:web

## The release app with the front-end embedded: target/release/gatehouse.
app: setup-build ui
	$(CARGO) build --release --locked -p gatehouse-app --features tauri/custom-protocol

## The app on the demo school (a window; under Xvfb when there is no display).
run-app: setup-run app
	$(if $(DISPLAY)$(WAYLAND_DISPLAY),,$(XVFB)) ./$(APP_BIN) --demo

## The window as a thin client of a school's server: DATA names a data directory whose
## gatehouse.toml has [server] url (make run-server prints two ready ones); KIOSK=1 for a kiosk.
run-thin: setup-run app
	@test -n "$(DATA)" || { echo "make run-thin DATA=DIR (a thin client's data directory; see make run-server)"; exit 2; }
	$(if $(DISPLAY)$(WAYLAND_DISPLAY),,$(XVFB)) ./$(APP_BIN) --data-dir "$(DATA)" $(if $(KIOSK),--kiosk,)

## The same as a lab kiosk: full screen, no close, idle reset after 90 s.
run-kiosk: setup-run app
	$(if $(DISPLAY)$(WAYLAND_DISPLAY),,$(XVFB)) ./$(APP_BIN) --demo --kiosk

## End-to-end tests: the release app under Xvfb, driven through tauri-driver and WebKitWebDriver;
## screenshots in tests/e2e/screenshots/ (a screen taller than the 820-pixel window, as the
## screenshots are read off the screen). Then the console's walk again in a 1024x768 window on a
## screen of that size (axe-core on every screen; screenshots in target/e2e-1024x768/); the
## wizard's screens are walked at that size by e2e-languages.
e2e: setup-app app
	xvfb-run -a -s "-screen 0 1280x900x24" $(NPM) run e2e
	GATEHOUSE_E2E_WINDOW=1024x768 xvfb-run -a -s "-screen 0 1024x768x24" node --test --test-concurrency=1 tests/e2e/console.test.mjs

## The browser's sign-in page end to end: make run-server's school walked in Debian's Chromium
## under chromedriver (headless, trusting exactly the server's certificate): a student's first
## sign-in, a reload, a forged cross-site request, sign-out; axe-core on every screen;
## screenshots in tests/e2e/screenshots/browser/.
e2e-browser: setup-app web
	$(NPM) run e2e-browser

## The guides in each of the four languages (issue 16), in a 1024x768 window: every screen's
## `lang`, no text past its box (also at 200 % text), every character in an installed font and
## axe-core; screenshots in tests/e2e/screenshots/languages-<language>/ (those at 200 % text in
## target/e2e-aside/).
## GATEHOUSE_E2E_LANGUAGES=zh-Hans,ta picks some.
e2e-languages: setup-app app
	xvfb-run -a -s "-screen 0 1024x768x24" $(NPM) run e2e-languages

## The yardstick of bench-app: an empty Tauri window built as the app is (crates/empty-window).
empty-window: setup-build
	$(CARGO) build --release --locked -p gatehouse-empty-window --features tauri/custom-protocol

## Start-up time (process start to an interactive sign-in screen) and memory of the app's
## processes, under Xvfb, each beside an empty Tauri window's as a ratio.
bench-app: setup-app app empty-window
	$(XVFB) dbus-run-session -- python3 scripts/bench-startup.py

## Installer bundles through the Tauri CLI: the .deb here (BUNDLES="deb appimage" for both).
bundle: setup-build
	./scripts/bundle.sh
