#!/bin/sh
# embed.sh NAME FILE - print a C file that defines `const char NAME[]`, the
# bytes of FILE followed by a NUL, and `const size_t NAME_len` (without it).
# The Makefile embeds src/store/schema.sql this way, so the binary carries
# its own schema.
set -eu
printf '/* Generated from %s by scripts/embed.sh; do not edit. */\n' "$2"
printf '#include <stddef.h>\n'
printf 'extern const char %s[];\nextern const size_t %s_len;\n' "$1" "$1"
printf 'const char %s[] = {\n' "$1"
od -An -v -tx1 "$2" | sed -E 's/ *([0-9a-f]{2})/0x\1,/g; s/^/    /'
printf '    0x00};\n'
printf 'const size_t %s_len = sizeof %s - 1;\n' "$1" "$1"
