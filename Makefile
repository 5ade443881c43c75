# The archive's commands. `make html` and `make test` do all the set-up
# themselves: they create .venv and install the locked requirements into it
# (every package pinned with its hashes; `make lock` updates the *.lock files
# from the requirements files they are compiled from), then the extension
# itself, the package this repository builds, as any site installs it.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
SPHINXOPTS ?=
BUILDDIR   := _build

.DEFAULT_GOAL := html
.PHONY: html test test-fast lint lock clean bench profile check new import livehtml links wechat email example catalogs

# Re-install only when a lock file (or the package's metadata) changes. Each
# lock holds every package its part needs, pinned with hashes, so nothing
# unlisted is installed. pip (which every venv has) installs only the
# installer, uv, from its own lock; uv installs the rest: hash-checked as pip
# would, about twice as fast, and compiled to bytecode at once (an environment
# may set PYTHONDONTWRITEBYTECODE, and every process would then compile what it
# imports again). The extension is then installed editable (edits under
# _ext/newsletter show at once), without its dependencies (the lock has them)
# and built by the locked hatchling, so nothing is fetched unpinned.
UV := $(BIN)/uv
UV_PIP := $(UV) pip install --quiet --python $(BIN)/python
UV_LOCKED := $(UV_PIP) --require-hashes --compile-bytecode

$(VENV)/.uv-installed: requirements-uv.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements-uv.lock
	touch $@

$(VENV)/.site-installed: $(VENV)/.uv-installed requirements.lock pyproject.toml
	$(UV_LOCKED) -r requirements.lock
	$(UV_PIP) --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.test-installed: $(VENV)/.site-installed tests/requirements.lock
	$(UV_LOCKED) -r tests/requirements.lock
	touch $@

$(VENV)/.livehtml-installed: $(VENV)/.site-installed requirements-livehtml.lock
	$(UV_LOCKED) -r requirements-livehtml.lock
	touch $@

## lock: recompile the *.lock files after editing a requirements file. Pins
## already in a lock are kept (UPGRADE=1 moves every package to its newest
## version); the site's lock constrains the others, so all agree.
UV_COMPILE = $(UV) pip compile --quiet --universal --python-version 3.11 \
	--generate-hashes --custom-compile-command "make lock" $(if $(UPGRADE),--upgrade)
lock: $(VENV)/.uv-installed
	$(UV_COMPILE) requirements-uv.txt -o requirements-uv.lock
	$(UV_COMPILE) requirements.txt -o requirements.lock
	$(UV_COMPILE) tests/requirements.txt -c requirements.lock -o tests/requirements.lock
	$(UV_COMPILE) requirements-livehtml.txt -c requirements.lock -o requirements-livehtml.lock

## html: build the site into _build/html; any warning fails the build
html: $(VENV)/.site-installed
	$(BIN)/python -m sphinx -b html -W --keep-going -d $(BUILDDIR)/doctrees $(SPHINXOPTS) . $(BUILDDIR)/html

## test: run the whole test suite (lint included) on every core, the 15 slowest
## tests listed. --dist loadscope keeps a module's tests on one worker, so each
## module-scoped build is done once; --no-loadscope-reorder hands the modules
## out in the order tests/conftest.py sorts them (slow ones first), not by
## their number of tests; the real site is built once per run for all workers
## (tests/shared_build.py).
PYTEST_XDIST = -n auto --dist loadscope --no-loadscope-reorder
test: $(VENV)/.test-installed lint
	$(BIN)/python -m pytest $(PYTEST_XDIST) --durations=15 $(PYTEST_ARGS)

## test-fast: the edit loop: every test but those marked slow (whole-site and
## 500-issue builds, browsers, Pagefind, killed builds, property tests, the
## incremental-equals-clean builds in subprocesses), on every core
test-fast: $(VENV)/.test-installed
	$(BIN)/python -m pytest -m "not slow" $(PYTEST_XDIST) --durations=5 $(PYTEST_ARGS)

## lint: ruff, and mypy (strict on _ext/newsletter/core/; see pyproject.toml)
lint: $(VENV)/.test-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

## catalogs: after changing a message of the extension, extract every message
## (babel.cfg says where), merge them into each language's .po under
## _ext/newsletter/locale (translate the new, empty ones, then run it again)
## and compile the .mo files the build and the tools read
LOCALE := _ext/newsletter/locale
catalogs: $(VENV)/.site-installed
	mkdir -p $(BUILDDIR)
	$(BIN)/pybabel -q extract -F $(LOCALE)/babel.cfg -k nl_ -k nl_n:1,2 --no-location \
		--sort-output --omit-header -o $(BUILDDIR)/newsletter.pot _ext/newsletter
	$(BIN)/pybabel -q update -D newsletter -i $(BUILDDIR)/newsletter.pot -d $(LOCALE) \
		--no-fuzzy-matching --ignore-obsolete --ignore-pot-creation-date
	$(BIN)/pybabel compile --statistics -D newsletter -d $(LOCALE)

## livehtml: live preview on http://127.0.0.1:$(PORT), rebuilt on every save
## (without the site search index, which would re-index a year on every save)
PORT ?= 8000
## (DRAFTS=1 previews issues marked draft: true; they are never published otherwise)
livehtml: $(VENV)/.livehtml-installed
	$(BIN)/sphinx-autobuild -b html -D newsletter_search_index=0 $(if $(DRAFTS),-D newsletter_drafts=1) $(SPHINXOPTS) --host 127.0.0.1 --port $(PORT) \
		--watch _ext --re-ignore '(^|/)(\.venv|_build|\.git)(/|$$)' . $(BUILDDIR)/livehtml

# The editors' tools: pure Python over the archive's model, no Sphinx build;
# the package's commands newsletter-new, -check, -links and -import.
CLI := $(BIN)/newsletter-

# An editor's value (N, NUMBER, DATE, SRC) reaches the shell as one
# single-quoted word, taken with $(value ...) so that make expands nothing in
# it either: `N='3; touch x'` or `DATE='$(shell ...)'` runs nothing. The tools
# then refuse values that are not what they should be, in Chinese.
# $(call arg,NAME) is the word; $(call given,NAME) is non-empty when NAME is set.
# They are not exported either: make would expand them to build the tools'
# environment.
arg = '$(subst ','\'',$(value $(1)))'
given = $(strip $(value $(1)))
unexport N NUMBER DATE SRC LINKS DRAFTS NO_DRAFTS FORCE NO_INFER
unexport BENCH_SYNTHETIC BENCH_REAL BENCH_ROUNDS BENCH_SCALE BENCH_MAX_LOAD BENCH_NO_SEARCH PROFILE_TIMER

## check: validate the whole archive in seconds, drafts included (each draft is named;
## LINKS=1 also fetches every source link, NO_DRAFTS=1 skips drafts)
check: $(VENV)/.site-installed
	$(CLI)check $(if $(call given,LINKS),--links) $(if $(call given,NO_DRAFTS),--no-drafts)

## links: check every source link over the network and record the results in
## docs/link-health.json (only links that are due; FORCE=1 checks them all)
links: $(VENV)/.site-installed
	$(CLI)links $(if $(call given,FORCE),--force)

## wechat, email: issue N for WeChat (_build/channels/wechat/NNN.html and
## NNN-copy.html) or for e-mail (_build/channels/email/NNN.eml, .html, .txt)
wechat email: $(VENV)/.site-installed
	@test -n $(call arg,N) || { echo "用法：make $@ N=<期号>"; exit 2; }
	@case $(call arg,N) in *[!0-9]*) false;; *[1-9]*) ;; *) false;; esac || \
		{ printf '%s%s\n' "错误：期号 N 应为正整数，而不是 " $(call arg,N) >&2; exit 2; }
	$(BIN)/python -m sphinx -b $@ -W --keep-going -d $(BUILDDIR)/channels/doctrees \
		-D newsletter_channel_issue=$(call arg,N) $(SPHINXOPTS) . $(BUILDDIR)/channels/$@

## new: start the next issue (override with DATE=YYYY-MM-DD NUMBER=N); never overwrites
new: $(VENV)/.site-installed
	$(CLI)new $(if $(call given,DATE),--date $(call arg,DATE)) $(if $(call given,NUMBER),--number $(call arg,NUMBER))

## import: convert published Hugo issues (SRC=file or folder; FORCE=1 overwrites; NO_INFER=1)
import: $(VENV)/.site-installed
	@test -n $(call arg,SRC) || { echo "用法：make import SRC=<文件或目录> [FORCE=1] [NUMBER=N] [NO_INFER=1]"; exit 2; }
	$(CLI)import $(if $(call given,FORCE),--force) $(if $(call given,NO_INFER),--no-infer) $(if $(call given,NUMBER),--number $(call arg,NUMBER)) -- $(call arg,SRC)

## example: an English archive of Last Week in Cloud Native, from examples/lwcn/ (its
## conf.py, registry, glossary and index) and the fifteen weeks of the shared corpus,
## imported into $(BUILDDIR)/example-src (never committed), built into $(BUILDDIR)/example
LWCN ?= ../shared/corpus/last-week-in-cloud-native
EXAMPLE_SRC := $(BUILDDIR)/example-src
example: $(VENV)/.site-installed
	@test -d $(LWCN) || { echo "找不到共享语料 $(LWCN)（用 LWCN=<目录> 指定）"; exit 2; }
	rm -rf $(EXAMPLE_SRC)
	mkdir -p $(BUILDDIR)
	cp -R examples/lwcn $(EXAMPLE_SRC)
	$(BIN)/newsletter-import --root $(EXAMPLE_SRC) -- $(LWCN) > $(BUILDDIR)/example-import.log \
		|| { cat $(BUILDDIR)/example-import.log; exit 1; }
	$(BIN)/python -m sphinx -b html -W --keep-going -d $(BUILDDIR)/example-doctrees $(SPHINXOPTS) $(EXAMPLE_SRC) $(BUILDDIR)/example

clean:
	rm -rf $(BUILDDIR)

## bench: the archive against plain Sphinx + MyST, interleaved, judged only on a
## quiet machine (about 20 minutes on two quiet cores). Knobs, each one word:
## BENCH_SYNTHETIC=500 synthetic issues, BENCH_REAL=300 copies of the real ones
## (0: none), BENCH_ROUNDS=3, BENCH_SCALE=1 also builds 2N (doubles the time),
## BENCH_MAX_LOAD=0.25 cores of others' use per core that make the machine busy,
## BENCH_NO_SEARCH=1 skips the search in Chromium.
bench: $(VENV)/.site-installed
	$(BIN)/python -m bench.run $(BENCH_OPTIONS) $(if $(call given,BENCH_ROUNDS),--rounds $(call arg,BENCH_ROUNDS)) \
		$(if $(call given,BENCH_SCALE),--scale) $(if $(call given,BENCH_MAX_LOAD),--max-load $(call arg,BENCH_MAX_LOAD)) \
		$(if $(call given,BENCH_NO_SEARCH),--no-search)

## profile: one full build of the archive and of the baseline under cProfile, the
## tables for docs/performance.md in _build/bench/profile.md (BENCH_SYNTHETIC or BENCH_REAL;
## PROFILE_TIMER=cpu times this process's CPU instead of the wall clock, for a busy machine)
profile: $(VENV)/.site-installed
	$(BIN)/python -m bench.profile $(BENCH_OPTIONS) $(if $(call given,PROFILE_TIMER),--timer $(call arg,PROFILE_TIMER))

# The corpus both take: BENCH_REAL wins in `make profile`, `make bench` takes both.
BENCH_OPTIONS = $(if $(call given,BENCH_SYNTHETIC),--synthetic $(call arg,BENCH_SYNTHETIC)) \
	$(if $(call given,BENCH_REAL),--real $(call arg,BENCH_REAL))
