/* posture-payload-parse.c: a quick parse of the services' answers, json-glib's for
 * anything else
 *
 * The answers of a large tenant are megabytes of plain JSON: objects, arrays, strings
 * without surrogate escapes, small integers, true, false and null. This parser reads
 * that subset straight into a json-glib tree (the same tree json-glib's parser would
 * build, member order included) at a fraction of the cost of json-glib's scanner. It
 * declines, and the caller parses with json-glib (posture_json_parse) instead, at the
 * first thing outside the subset or in any doubt: a fraction or an exponent, an integer
 * of more than 18 digits, a leading zero, a surrogate or NUL escape, a control
 * character or invalid UTF-8 in a string, a byte outside a string that is not plain
 * JSON, a repeated member name, nesting deeper than the bound, trailing text. What it
 * accepts is RFC 8259 JSON that json-glib reads the same way (tests/tenant/test-payload.c
 * compares both over the demo's answers and the hostile corpus); what it declines is
 * json-glib's to accept or refuse, with its errors.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-tenant"

#include "config.h"

#include <string.h>

#include "posture-payload-private.h"

typedef struct
{
  const char *p;
  const char *end;
  guint       max_depth;
  GString    *text;    /* the string being read, unescaped */
} Parse;

static inline void
skip_space (Parse *parse)
{
  while (parse->p < parse->end &&
         (*parse->p == ' ' || *parse->p == '\n' || *parse->p == '\r' || *parse->p == '\t'))
    parse->p++;
}

/* A string from its opening quote into parse->text; FALSE to decline. */
static gboolean
read_string (Parse *parse)
{
  const char *start = parse->p + 1;
  const char *p = start;
  gboolean high = FALSE;

  g_string_truncate (parse->text, 0);
  for (;;)
    {
      const char *run = p;
      guchar c = 0;

      while (p < parse->end && (c = (guchar) *p) != '"' && c != '\\' && c >= 0x20)
        {
          high |= c >= 0x80;
          p++;
        }
      if (p >= parse->end || c < 0x20)
        return FALSE;
      g_string_append_len (parse->text, run, p - run);
      if (c == '"')
        break;

      /* An escape */
      if (p + 1 >= parse->end)
        return FALSE;
      switch (p[1])
        {
        case '"':  g_string_append_c (parse->text, '"'); p += 2; break;
        case '\\': g_string_append_c (parse->text, '\\'); p += 2; break;
        case '/':  g_string_append_c (parse->text, '/'); p += 2; break;
        case 'b':  g_string_append_c (parse->text, '\b'); p += 2; break;
        case 'f':  g_string_append_c (parse->text, '\f'); p += 2; break;
        case 'n':  g_string_append_c (parse->text, '\n'); p += 2; break;
        case 'r':  g_string_append_c (parse->text, '\r'); p += 2; break;
        case 't':  g_string_append_c (parse->text, '\t'); p += 2; break;
        case 'u':
          {
            gunichar u = 0;

            if (parse->end - p < 6)
              return FALSE;
            for (int i = 2; i < 6; i++)
              {
                int d = g_ascii_xdigit_value (p[i]);

                if (d < 0)
                  return FALSE;
                u = u * 16 + (gunichar) d;
              }
            /* NUL and surrogates (pairs or not) are json-glib's to read. */
            if (u == 0 || (u >= 0xd800 && u <= 0xdfff))
              return FALSE;
            g_string_append_unichar (parse->text, u);
            p += 6;
          }
          break;
        default:
          return FALSE;
        }
    }

  /* Bytes past ASCII: the string's text must be UTF-8, as the whole answer must be for
   * json-glib. */
  if (high && !g_utf8_validate_len (start, p - start, NULL))
    return FALSE;
  parse->p = p + 1;
  return TRUE;
}

static inline gboolean
at_delimiter (Parse *parse)
{
  char c;

  if (parse->p >= parse->end)
    return TRUE;
  c = *parse->p;
  return c == ',' || c == ']' || c == '}' || c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

static gboolean
read_literal (Parse      *parse,
              const char *word,
              gsize       length)
{
  if ((gsize) (parse->end - parse->p) < length || memcmp (parse->p, word, length) != 0)
    return FALSE;
  parse->p += length;
  return at_delimiter (parse);
}

static JsonNode *
read_integer (Parse *parse)
{
  const char *p = parse->p;
  gboolean negative = FALSE;
  gint64 value = 0;
  guint digits = 0;

  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }
  /* json-glib's own reading of leading zeros, long integers and numbers with a
   * fraction or an exponent is kept: those decline. */
  if (p < parse->end && *p == '0' && p + 1 < parse->end && g_ascii_isdigit (p[1]))
    return NULL;
  while (p < parse->end && g_ascii_isdigit (*p))
    {
      if (++digits > 18)
        return NULL;
      value = value * 10 + (*p - '0');
      p++;
    }
  if (digits == 0)
    return NULL;
  parse->p = p;
  if (!at_delimiter (parse))
    return NULL;
  return json_node_init_int (json_node_alloc (), negative ? -value : value);
}

typedef enum { ITEM_NEXT, ITEM_LAST, ITEM_BAD } ItemEnd;

/* After an item of an object or an array: a comma (another item follows), its
 * closing @close (consumed), or anything else. */
static ItemEnd
item_end (Parse *parse,
          char   close)
{
  skip_space (parse);
  if (parse->p >= parse->end)
    return ITEM_BAD;
  if (*parse->p == close)
    {
      parse->p++;
      return ITEM_LAST;
    }
  if (*parse->p != ',')
    return ITEM_BAD;
  parse->p++;
  skip_space (parse);
  return ITEM_NEXT;
}

/* An opening bracket and the space after it; TRUE when @close follows at once. */
static gboolean
open_empty (Parse *parse,
            char   close)
{
  parse->p++;
  skip_space (parse);
  if (parse->p < parse->end && *parse->p == close)
    {
      parse->p++;
      return TRUE;
    }
  return FALSE;
}

static JsonNode *read_value (Parse *parse, guint depth);

static JsonNode *
read_object (Parse *parse,
             guint  depth)
{
  g_autoptr(JsonObject) object = json_object_new ();
  ItemEnd end = open_empty (parse, '}') ? ITEM_LAST : ITEM_NEXT;

  while (end == ITEM_NEXT)
    {
      JsonNode *member;
      guint size = json_object_get_size (object);
      g_autofree char *name = NULL;

      if (parse->p >= parse->end || *parse->p != '"' || !read_string (parse))
        return NULL;
      name = g_strndup (parse->text->str, parse->text->len);
      skip_space (parse);
      if (parse->p >= parse->end || *parse->p != ':')
        return NULL;
      parse->p++;
      skip_space (parse);
      if ((member = read_value (parse, depth)) == NULL)
        return NULL;
      json_object_set_member (object, name, member);
      /* A repeated name: json-glib's way of keeping one is its own. */
      if (json_object_get_size (object) != size + 1)
        return NULL;
      end = item_end (parse, '}');
    }
  return end == ITEM_LAST ? json_node_init_object (json_node_alloc (), object) : NULL;
}

static JsonNode *
read_array (Parse *parse,
            guint  depth)
{
  g_autoptr(JsonArray) array = json_array_new ();
  ItemEnd end = open_empty (parse, ']') ? ITEM_LAST : ITEM_NEXT;

  while (end == ITEM_NEXT)
    {
      JsonNode *element = read_value (parse, depth);

      if (element == NULL)
        return NULL;
      json_array_add_element (array, element);
      end = item_end (parse, ']');
    }
  return end == ITEM_LAST ? json_node_init_array (json_node_alloc (), array) : NULL;
}

/* A value at parse->p (no space before it); NULL to decline. */
static JsonNode *
read_value (Parse *parse,
            guint  depth)
{
  if (parse->p >= parse->end)
    return NULL;

  switch (*parse->p)
    {
    case '{':
      return depth < parse->max_depth ? read_object (parse, depth + 1) : NULL;
    case '[':
      return depth < parse->max_depth ? read_array (parse, depth + 1) : NULL;
    case '"':
      if (!read_string (parse))
        return NULL;
      return json_node_init_string (json_node_alloc (), parse->text->str);
    case 't':
      return read_literal (parse, "true", 4) ? json_node_init_boolean (json_node_alloc (), TRUE)
                                             : NULL;
    case 'f':
      return read_literal (parse, "false", 5) ? json_node_init_boolean (json_node_alloc (), FALSE)
                                              : NULL;
    case 'n':
      return read_literal (parse, "null", 4) ? json_node_init_null (json_node_alloc ()) : NULL;
    default:
      return read_integer (parse);
    }
}

JsonNode *
_posture_payload_parse_quick (const char *data,
                              gsize       length,
                              guint       max_depth)
{
  g_autoptr(GString) text = g_string_sized_new (256);
  Parse parse = { data, data + length, max_depth, text };
  JsonNode *node;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  skip_space (&parse);
  if ((node = read_value (&parse, 0)) == NULL)
    return NULL;
  skip_space (&parse);
  if (parse.p != parse.end)
    {
      json_node_unref (node);
      return NULL;
    }
  return node;
}
