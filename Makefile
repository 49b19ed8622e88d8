# Gatehouse — the commands the README names.
CARGO ?= cargo

.PHONY: run test test-fast bench bench-quick lint fmt setup

## Run the wizard on the demo school (OS data directory's demo/ folder), JSON lines on stdin/stdout.
run:
	$(CARGO) run --release --locked -p gatehouse-cli -- --demo session

## Install what is missing, then run every fast test (unit, integration, CLI process tests) inside
## a private D-Bus session with an unlocked GNOME Keyring, so keyring tests use the real thing.
test: setup
	./scripts/with-keyring.sh $(CARGO) test --locked -p gatehouse-core -p gatehouse-cli

## The tests only, without the setup step.
test-fast:
	./scripts/with-keyring.sh $(CARGO) test --locked -p gatehouse-core -p gatehouse-cli

## Criterion benchmarks: raw Argon2id vs a complete sign-in on 100,000 accounts, and the import rate.
bench:
	$(CARGO) bench --locked -p gatehouse-core --bench sign_in
	$(CARGO) bench --locked -p gatehouse-core --bench import

## A short form of the import benchmark (1,000 rows) for CI.
bench-quick:
	GATEHOUSE_BENCH_IMPORT_ROWS=1000 $(CARGO) bench --locked -p gatehouse-core --bench import

lint:
	$(CARGO) fmt --all --check
	$(CARGO) clippy --locked -p gatehouse-core -p gatehouse-cli --all-targets -- -D warnings

fmt:
	$(CARGO) fmt --all

setup:
	./scripts/setup.sh
