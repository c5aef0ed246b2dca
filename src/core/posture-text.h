/* posture-text.h: text from outside made safe to show in a terminal
 *
 * Everything a server or a file can make Posture print (the service's error messages,
 * OAuth error descriptions, device-code messages, tenant, environment and policy names,
 * reasons, notes) goes through posture_text_escape_terminal() before it reaches a
 * terminal, a text file or a CSV cell. It is the one escaper: the CLI, the CSV report and
 * the JSON writer agree on which characters are dangerous through
 * posture_text_is_unsafe_char().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * PostureTextEscapeFlags:
 * @POSTURE_TEXT_ESCAPE_DEFAULT: one line: every control character is made visible,
 *   newlines and tabs included
 * @POSTURE_TEXT_ESCAPE_KEEP_LINES: multi-line text: line feeds and tabs are kept as they
 *   are (a carriage return is still made visible: it would let text overwrite its line)
 */
typedef enum
{
  POSTURE_TEXT_ESCAPE_DEFAULT    = 0,
  POSTURE_TEXT_ESCAPE_KEEP_LINES = 1 << 0,
} PostureTextEscapeFlags;

/* TRUE for what a terminal or a text viewer acts on instead of showing: C0 controls
 * (U+0000–U+001F), DEL, C1 controls (U+0080–U+009F: U+009B is a CSI and starts an escape
 * sequence on many terminals), the bidirectional controls that make text read in another
 * order than it is stored (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) and
 * the Unicode line and paragraph separators (U+2028, U+2029). */
gboolean  posture_text_is_unsafe_char     (gunichar                c);

/* Appends @text to @out with every unsafe character made visible: C0 controls and DEL
 * as "\x1b", other code points as "\u202e", and each byte of invalid UTF-8 as "\xff".
 * Everything else (valid UTF-8, any script) is kept. NULL appends nothing. */
void      posture_text_append_escaped     (GString                *out,
                                           const char             *text,
                                           gssize                  length,
                                           PostureTextEscapeFlags  flags);

/* Returns: (transfer full): @text (nullable: "") made safe for a terminal, as above. */
char     *posture_text_escape_terminal    (const char             *text,
                                           PostureTextEscapeFlags  flags);

/* One line of outside text to keep or show (a name in a reason, a service's message):
 * posture_text_escape_terminal (@text, POSTURE_TEXT_ESCAPE_DEFAULT), cut at a character
 * boundary with "…" once it passes about @max_bytes bytes (0: no limit). */
char     *posture_text_printable          (const char             *text,
                                           gsize                   max_bytes);

/* The entries of a comma-separated list from a payload (IP ranges, application ids):
 * each trimmed, empty pieces dropped. Never NULL. */
GStrv     posture_text_split_list         (const char             *list);

G_END_DECLS
