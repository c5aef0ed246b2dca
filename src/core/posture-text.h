/* posture-text.h: text from outside made safe to show
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @text with every character that can move a terminal's cursor, rewrite its title or
 * reorder what is shown made visible: C0 and C1 controls, DEL, line and paragraph
 * separators and the bidirectional controls (U+061C, U+200E, U+200F, U+202A–U+202E,
 * U+2066–U+2069) become "\u202e"; bytes that are not UTF-8 become "\xff". A newline is
 * escaped too. When @max_bytes is not 0 the result is cut at a character boundary so
 * that it holds at most about @max_bytes bytes, and ends with "…". */
char *posture_text_printable (const char *text,
                              gsize       max_bytes);

/* The entries of a comma-separated list from a payload (IP ranges, application ids):
 * each trimmed, empty pieces dropped. Never NULL. */
GStrv posture_text_split_list (const char *list);

G_END_DECLS
