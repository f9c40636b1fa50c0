# gen: Go code and docs lint from Graph-style API reference pages.
GO ?= go
CORPUS ?= ../shared/graph-docs

.PHONY: generate test check vet lint-docs bench

## generate: regenerate output/ from docs-input/
generate:
	$(GO) run ./gen generate -in docs-input -out output

## test: vet, gofmt check, run every test, and fail if output/ is stale
test: vet
	$(GO) test ./...
	$(MAKE) check

vet:
	$(GO) vet ./...
	@unformatted=$$("$$($(GO) env GOROOT)/bin/gofmt" -l gen templates output); \
	if [ -n "$$unformatted" ]; then echo "not gofmt-clean:"; echo "$$unformatted"; exit 1; fi

## check: fail with a diff when output/ does not match docs-input/
check:
	$(GO) run ./gen generate -check -in docs-input -out output

## lint-docs: lint the pages in docs-input/
lint-docs:
	$(GO) run ./gen lint docs-input

## bench: corpus benchmarks (the corpus at GRAPH_DOCS, else ../shared/graph-docs)
bench:
	GRAPH_DOCS=$(abspath $(or $(GRAPH_DOCS),$(CORPUS))) $(GO) test -run '^$$' -bench . -benchmem ./gen/...
