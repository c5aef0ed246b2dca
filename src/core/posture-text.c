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

/* The escaper; with @max_bytes > 0, stops (and adds "…") before the output passes
 * about @max_bytes bytes, at a character boundary. */
static void
append_escaped (GString                *out,
                const char             *text,
                gssize                  length,
                PostureTextEscapeFlags  flags,
                gsize                   max_bytes)
{
  gsize start = out->len;
  const char *p = text;
  const char *end = length < 0 ? NULL : text + length;

  while (end != NULL ? p < end : *p != '\0')
    {
      gssize max = end != NULL ? end - p : -1;
      gunichar c = g_utf8_get_char_validated (p, max);
      gsize before = out->len;
      const char *next;

      /* A byte that does not start valid UTF-8 (or a NUL inside a counted string) is
       * shown on its own; the next byte starts afresh. */
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (out, "\\x%02x", (guint) (guchar) *p);
          next = p + 1;
        }
      else
        {
          next = g_utf8_next_char (p);

          if ((c == '\n' || c == '\t') && (flags & POSTURE_TEXT_ESCAPE_KEEP_LINES) != 0)
            g_string_append_c (out, (char) c);
          else if (c < 0x80 && posture_text_is_unsafe_char (c))
            g_string_append_printf (out, "\\x%02x", (guint) c);
          else if (posture_text_is_unsafe_char (c))
            g_string_append_printf (out, "\\u%04x", (guint) c);
          else
            g_string_append_len (out, p, next - p);
        }

      p = next;
      if (max_bytes > 0 && out->len - start > max_bytes &&
          (end != NULL ? p < end : *p != '\0'))
        {
          g_string_truncate (out, before);
          g_string_append (out, "…");
          return;
        }
    }
}

void
posture_text_append_escaped (GString                *out,
                             const char             *text,
                             gssize                  length,
                             PostureTextEscapeFlags  flags)
{
  g_return_if_fail (out != NULL);

  if (text != NULL)
    append_escaped (out, text, length, flags, 0);
}

char *
posture_text_escape_terminal (const char             *text,
                              PostureTextEscapeFlags  flags)
{
  GString *out;

  if (text == NULL)
    return g_strdup ("");

  out = g_string_sized_new (strlen (text) + 1);
  append_escaped (out, text, -1, flags, 0);
  return g_string_free (out, FALSE);
}

char *
posture_text_printable (const char *text,
                        gsize       max_bytes)
{
  GString *out;
  const char *p;

  if (text == NULL)
    return g_strdup ("");

  /* Most text is printable ASCII, and short enough: copied as is. A tenant of 10,000
   * environments passes here hundreds of thousands of times. */
  for (p = text; (guchar) *p >= 0x20 && (guchar) *p < 0x7f; p++)
    ;
  if (*p == '\0' && (max_bytes == 0 || (gsize) (p - text) <= max_bytes))
    return g_strndup (text, p - text);

  out = g_string_sized_new (MIN (strlen (text), max_bytes > 0 ? max_bytes : G_MAXSIZE) + 8);
  append_escaped (out, text, -1, POSTURE_TEXT_ESCAPE_DEFAULT, max_bytes);
  return g_string_free (out, FALSE);
}

GStrv
posture_text_split_list (const char *list)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = NULL;

  if (list == NULL)
    return g_strv_builder_end (builder);

  parts = g_strsplit (list, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *entry = g_strstrip (parts[i]);

      if (entry[0] != '\0')
        g_strv_builder_add (builder, entry);
    }

  return g_strv_builder_end (builder);
}
