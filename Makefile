# The archive's commands. `make html` and `make test` do all the set-up
# themselves: they create .venv and install the pinned requirements into it.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SPHINXOPTS ?=
BUILDDIR   := _build

.DEFAULT_GOAL := html
.PHONY: html test lint clean bench check new import livehtml links wechat email

# Re-install only when a requirements file changes.
$(VENV)/.site-installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.test-installed: $(VENV)/.site-installed tests/requirements.txt
	$(BIN)/python -m pip install --quiet -r tests/requirements.txt
	touch $@

$(VENV)/.livehtml-installed: $(VENV)/.site-installed requirements-livehtml.txt
	$(BIN)/python -m pip install --quiet -r requirements-livehtml.txt
	touch $@

## html: build the site into _build/html; any warning fails the build
html: $(VENV)/.site-installed
	$(BIN)/python -m sphinx -b html -W --keep-going -d $(BUILDDIR)/doctrees $(SPHINXOPTS) . $(BUILDDIR)/html

## test: run the whole test suite (lint included)
test: $(VENV)/.test-installed lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.test-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## livehtml: live preview on http://127.0.0.1:$(PORT), rebuilt on every save
## (without the site search index, which would re-index a year on every save)
PORT ?= 8000
## (DRAFTS=1 previews issues marked draft: true; they are never published otherwise)
livehtml: $(VENV)/.livehtml-installed
	$(BIN)/sphinx-autobuild -b html -D newsletter_search_index=0 $(if $(DRAFTS),-D newsletter_drafts=1) $(SPHINXOPTS) --host 127.0.0.1 --port $(PORT) \
		--watch _ext --re-ignore '(^|/)(\.venv|_build|\.git)(/|$$)' . $(BUILDDIR)/livehtml

# The editors' tools: pure Python over the archive's model, no Sphinx build.
CLI := PYTHONPATH=_ext $(BIN)/python -m newsletter.cli

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

## check: validate the whole archive in seconds, drafts included (each draft is named;
## LINKS=1 also fetches every source link, NO_DRAFTS=1 skips drafts)
check: $(VENV)/.site-installed
	$(CLI).check $(if $(call given,LINKS),--links) $(if $(call given,NO_DRAFTS),--no-drafts)

## links: check every source link over the network and record the results in
## docs/link-health.json (only links that are due; FORCE=1 checks them all)
links: $(VENV)/.site-installed
	$(CLI).links $(if $(call given,FORCE),--force)

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
	$(CLI).new $(if $(call given,DATE),--date $(call arg,DATE)) $(if $(call given,NUMBER),--number $(call arg,NUMBER))

## import: convert published Hugo issues (SRC=file or folder; FORCE=1 overwrites; NO_INFER=1)
import: $(VENV)/.site-installed
	@test -n $(call arg,SRC) || { echo "用法：make import SRC=<文件或目录> [FORCE=1] [NUMBER=N] [NO_INFER=1]"; exit 2; }
	$(CLI).importer $(if $(call given,FORCE),--force) $(if $(call given,NO_INFER),--no-infer) $(if $(call given,NUMBER),--number $(call arg,NUMBER)) -- $(call arg,SRC)

clean:
	rm -rf $(BUILDDIR)

## bench: the archive against plain Sphinx + MyST (N=500 and 1000; BENCH_N to change)
BENCH_N ?= 500 1000
bench: $(VENV)/.site-installed
	cd bench && ../$(BIN)/python run.py $(BENCH_N)
