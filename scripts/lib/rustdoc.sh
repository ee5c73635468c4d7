#!/usr/bin/env bash
# rustdoc for `cargo test --doc` that also writes each crate's API docs, with warnings (broken
# intra-doc links among them) denied: scripts/test.sh runs it as RUSTDOC=scripts/lib/rustdoc.sh.
#
# `cargo doc` would compile every dependency once more, in check mode, only to document our
# crates. Cargo runs a crate's doc tests as `rustdoc --test` with every dependency already built
# by the test build (`--extern name=…rlib`); this script first runs the same command without
# the doc-test arguments, into ESCROW_DOC_DIR, so the docs come from the build the tests use.
# Any other rustdoc command passes through unchanged.
set -euo pipefail

rustdoc=${ESCROW_RUSTDOC:-rustdoc}
is_doctest=0
for arg in "$@"; do
	[ "$arg" = --test ] && is_doctest=1
done
[ "$is_doctest" = 1 ] || exec "$rustdoc" "$@"

# The crate's own name: its doc tests link against its rlib, its docs must not.
crate=
prev=
for arg in "$@"; do
	[ "$prev" = --crate-name ] && crate=$arg
	prev=$arg
done

doc=()
skip=0
for arg in "$@"; do
	if [ "$skip" = 1 ]; then
		skip=0
		continue
	fi
	case "$arg" in
	--test) ;;
	--test-run-directory | --test-args | --test-builder | --runtool | --runtool-arg | --persist-doctests)
		skip=1 ;;
	--test-run-directory=* | --test-args=* | --test-builder=* | --runtool=* | --runtool-arg=* | --persist-doctests=*) ;;
	"$crate="*)
		# the value of `--extern CRATE=…`: drop the `--extern` before it too
		unset 'doc[${#doc[@]}-1]' ;;
	*) doc+=("$arg") ;;
	esac
done

out=${ESCROW_DOC_DIR:?ESCROW_DOC_DIR: where the API docs go (an absolute path)}
"$rustdoc" "${doc[@]}" -o "$out" -D warnings || {
	echo "rustdoc.sh: the API docs of $crate have warnings (above); they are denied" >&2
	exit 1
}
exec "$rustdoc" "$@"
