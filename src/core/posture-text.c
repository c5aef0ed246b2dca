/* posture-text.c: the one terminal escaper
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-text"

#include "config.h"

#include "posture-text.h"

#include <string.h>

gboolean
posture_text_is_unsafe_char (gunichar c)
{
  if (c < 0x20 || c == 0x7f)
    return TRUE;
  if (c >= 0x80 && c <= 0x9f)
    return TRUE;

  switch (c)
    {
    case 0x061c:                 /* ARABIC LETTER MARK */
    case 0x200e:                 /* LEFT-TO-RIGHT MARK */
    case 0x200f:                 /* RIGHT-TO-LEFT MARK */
    case 0x2028:                 /* LINE SEPARATOR */
    case 0x2029:                 /* PARAGRAPH SEPARATOR */
      return TRUE;
    default:
      break;
    }

  /* LRE, RLE, PDF, LRO, RLO; LRI, RLI, FSI, PDI */
  return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

void
posture_text_append_escaped (GString                *out,
                             const char             *text,
                             gssize                  length,
                             PostureTextEscapeFlags  flags)
{
  const char *p;
  const char *end;

  g_return_if_fail (out != NULL);

  if (text == NULL)
    return;

  p = text;
  end = length < 0 ? NULL : text + length;

  while (end != NULL ? p < end : *p != '\0')
    {
      gssize max = end != NULL ? end - p : -1;
      gunichar c = g_utf8_get_char_validated (p, max);
      const char *next;

      /* A byte that does not start valid UTF-8 (or a NUL inside a counted string) is
       * shown on its own; the next byte starts afresh. */
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (out, "\\x%02x", (guint) (guchar) *p);
          p++;
          continue;
        }

      next = g_utf8_next_char (p);

      if ((c == '\n' || c == '\t') && (flags & POSTURE_TEXT_ESCAPE_KEEP_LINES) != 0)
        g_string_append_c (out, (char) c);
      else if (c < 0x80 && posture_text_is_unsafe_char (c))
        g_string_append_printf (out, "\\x%02x", (guint) c);
      else if (posture_text_is_unsafe_char (c))
        g_string_append_printf (out, "\\u%04x", (guint) c);
      else
        g_string_append_len (out, p, next - p);

      p = next;
    }
}

char *
posture_text_escape_terminal (const char             *text,
                              PostureTextEscapeFlags  flags)
{
  GString *out;

  if (text == NULL)
    return g_strdup ("");

  out = g_string_sized_new (strlen (text) + 1);
  posture_text_append_escaped (out, text, -1, flags);
  return g_string_free (out, FALSE);
}
