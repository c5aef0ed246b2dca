/* posture-text.c: text from outside made safe to show
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-text"

#include "config.h"

#include "posture-text.h"

static gboolean
is_control (gunichar c)
{
  return c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) ||
         c == 0x061c || c == 0x200e || c == 0x200f || c == 0x2028 || c == 0x2029 ||
         (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

/**
 * posture_text_printable:
 * @text: (nullable): text from a file, a server or a user
 * @max_bytes: cut longer results (0: no limit)
 *
 * Returns: (transfer full): @text with control characters made visible
 */
char *
posture_text_printable (const char *text,
                        gsize       max_bytes)
{
  GString *out;
  const char *p;

  if (text == NULL)
    return g_strdup ("");

  /* Most text is printable ASCII, and short enough: copied as is. */
  for (p = text; (guchar) *p >= 0x20 && (guchar) *p < 0x7f; p++)
    ;
  if (*p == '\0' && (max_bytes == 0 || (gsize) (p - text) <= max_bytes))
    return g_strndup (text, p - text);

  out = g_string_new (NULL);
  for (p = text; *p != '\0';)
    {
      gunichar c = g_utf8_get_char_validated (p, -1);
      gsize before = out->len;

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (out, "\\x%02x", (guchar) *p);
          p++;
        }
      else
        {
          const char *next = g_utf8_next_char (p);

          if (is_control (c))
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_len (out, p, next - p);
          p = next;
        }

      if (max_bytes > 0 && out->len > max_bytes && *p != '\0')
        {
          g_string_truncate (out, before);
          g_string_append (out, "…");
          break;
        }
    }

  return g_string_free (out, FALSE);
}

/**
 * posture_text_split_list:
 * @list: (nullable): "a, b,,c"
 *
 * Returns: (transfer full): the trimmed, non-empty entries ("a", "b", "c")
 */
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
