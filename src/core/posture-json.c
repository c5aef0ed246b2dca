/* posture-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-json"

#include "config.h"

#include <errno.h>
#include <string.h>

#include "posture-error.h"
#include "posture-input.h"
#include "posture-json.h"

static gboolean
trailing_text (gsize    at,
               GError **error)
{
  g_set_error (error, POSTURE_JSON_ERROR, POSTURE_JSON_ERROR_PARSE,
               "Malformed JSON: text after the end of the document at byte %" G_GSIZE_FORMAT,
               at);
  return FALSE;
}

/* One pass before json-glib: the nesting bound, and one value per document. json-glib
 * 1.6 accepts a second value after the first ("{}[]", "5[]"), returns the first and leaks
 * the second; a document like that is refused here instead. */
static gboolean
check_shape (const char  *data,
             gsize        length,
             guint        max_depth,
             GError     **error)
{
  gboolean in_string = FALSE;
  gboolean started = FALSE;  /* a value has begun at the top level */
  gboolean ended = FALSE;    /* a top-level container or string has ended */
  guint depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            {
              in_string = FALSE;
              ended = ended || depth == 0;
            }
          continue;
        }

      switch (c)
        {
        case ' ':
        case '\t':
        case '\n':
        case '\r':
          break;

        case '"':
          if (depth == 0 && started)
            return trailing_text (i, error);
          started = TRUE;
          in_string = TRUE;
          break;

        case '[':
        case '{':
          if (depth == 0 && started)
            return trailing_text (i, error);
          started = TRUE;
          if (++depth > max_depth)
            {
              g_set_error (error, POSTURE_JSON_ERROR, POSTURE_JSON_ERROR_TOO_DEEP,
                           "JSON nested more than %u levels deep at byte %" G_GSIZE_FORMAT,
                           max_depth, i);
              return FALSE;
            }
          break;

        case ']':
        case '}':
          if (depth > 0 && --depth == 0)
            ended = TRUE;
          break;

        default:
          if (depth == 0 && ended)
            return trailing_text (i, error);
          started = TRUE;
          break;
        }
    }

  return TRUE;
}

JsonNode *
posture_json_parse (const char  *data,
                    gsize        length,
                    guint        max_depth,
                    GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length == 0)
    {
      g_set_error_literal (error, POSTURE_JSON_ERROR, POSTURE_JSON_ERROR_PARSE,
                           "Empty document where JSON was expected");
      return NULL;
    }

  /* json-glib needs valid UTF-8 and reports it badly; say so plainly. */
  if (!g_utf8_validate_len (data, length, NULL))
    {
      g_set_error_literal (error, POSTURE_JSON_ERROR, POSTURE_JSON_ERROR_PARSE,
                           "Document is not valid UTF-8");
      return NULL;
    }

  if (!check_shape (data, length, max_depth, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) length, &local_error))
    {
      g_set_error (error, POSTURE_JSON_ERROR, POSTURE_JSON_ERROR_PARSE,
                   "Malformed JSON: %s", local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, POSTURE_JSON_ERROR, POSTURE_JSON_ERROR_PARSE,
                           "Empty document where JSON was expected");
      return NULL;
    }

  return json_node_ref (root);
}

JsonNode *
posture_json_parse_bytes (GBytes  *bytes,
                          guint    max_depth,
                          GError **error)
{
  gsize length = 0;
  const char *data;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &length);
  return posture_json_parse (data ? data : "", length, max_depth, error);
}

JsonNode *
posture_json_parse_file (const char  *path,
                         gsize        max_size,
                         guint        max_depth,
                         GError     **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length = 0;
  JsonNode *node;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!posture_read_regular_file (path, max_size > 0 ? max_size : G_MAXSSIZE, &contents,
                                  &length, error))
    return NULL;

  if (!(node = posture_json_parse (contents, length, max_depth, &local_error)))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", path);
      return NULL;
    }

  return node;
}

/* The number of bytes the escape at @p (a backslash) decodes to, and its length. */
static gsize
decoded_escape (const char *p,
                const char *end,
                gsize      *escape_length)
{
  guint code = 0;

  if (p + 1 >= end || p[1] != 'u')
    {
      *escape_length = 2;
      return 1;
    }

  *escape_length = 6;
  for (guint i = 2; i < 6; i++)
    {
      if (p + i >= end || !g_ascii_isxdigit (p[i]))
        return 1;   /* malformed: the parser reports it */
      code = code * 16 + (guint) g_ascii_xdigit_value (p[i]);
    }

  if (code < 0x80)
    return 1;
  if (code < 0x800)
    return 2;
  if (code >= 0xd800 && code <= 0xdfff)
    return 2;   /* one half of a pair: 4 bytes for the two */
  return 3;
}

gboolean
posture_json_check_strings (const char  *data,
                            gsize        length,
                            gsize        max_string,
                            GError     **error)
{
  const char *end = data + length;
  const char *p = data;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  while (p < end && (p = memchr (p, '"', end - p)) != NULL)
    {
      const char *start = ++p;
      const char *close;
      gsize decoded;

      /* Find the closing quote, skipping escaped ones. */
      for (;;)
        {
          const char *q = memchr (p, '"', end - p);
          gsize backslashes = 0;

          if (q == NULL)
            return TRUE;   /* unterminated: the parser reports it */

          for (const char *b = q - 1; b >= start && *b == '\\'; b--)
            backslashes++;

          p = q + 1;
          if (backslashes % 2 == 0)
            break;
        }
      close = p - 1;

      /* Only a long string needs its escapes decoded to know its length. */
      decoded = (gsize) (close - start);
      if (decoded > max_string)
        {
          const char *b = start;

          while (b < close && (b = memchr (b, '\\', close - b)) != NULL)
            {
              gsize escape_length;
              gsize bytes = decoded_escape (b, close, &escape_length);

              decoded -= escape_length - bytes;
              b += escape_length;
            }
        }

      if (decoded > max_string)
        {
          g_set_error (error, POSTURE_JSON_ERROR, POSTURE_JSON_ERROR_TOO_LARGE,
                       "a string of %" G_GSIZE_FORMAT " bytes at byte %" G_GSIZE_FORMAT
                       " is longer than the %" G_GSIZE_FORMAT " bytes allowed",
                       decoded, (gsize) (start - 1 - data), max_string);
          return FALSE;
        }
    }

  return TRUE;
}

typedef struct
{
  JsonNode *node;
  guint     depth;
} Pending;

static gboolean
string_too_long (const char  *text,
                 gsize        max_string,
                 const char  *what,
                 GError     **error)
{
  gsize length = strnlen (text, max_string + 1);

  if (length <= max_string)
    return FALSE;

  g_set_error (error, POSTURE_JSON_ERROR, POSTURE_JSON_ERROR_TOO_LARGE,
               "a %s of %" G_GSIZE_FORMAT " bytes is longer than the %" G_GSIZE_FORMAT
               " bytes allowed", what, strlen (text), max_string);
  return TRUE;
}

gboolean
posture_json_node_check_bounds (JsonNode  *node,
                                guint      max_depth,
                                gsize      max_string,
                                GError   **error)
{
  g_autoptr(GArray) stack = NULL;

  g_return_val_if_fail (node != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stack = g_array_new (FALSE, FALSE, sizeof (Pending));
  g_array_append_val (stack, ((Pending) { node, 0 }));

  while (stack->len > 0)
    {
      Pending item = g_array_index (stack, Pending, stack->len - 1);

      g_array_set_size (stack, stack->len - 1);

      switch (JSON_NODE_TYPE (item.node))
        {
        case JSON_NODE_OBJECT:
        case JSON_NODE_ARRAY:
          if (item.depth + 1 > max_depth)
            {
              g_set_error (error, POSTURE_JSON_ERROR, POSTURE_JSON_ERROR_TOO_DEEP,
                           "JSON nested more than %u levels deep", max_depth);
              return FALSE;
            }

          if (JSON_NODE_HOLDS_OBJECT (item.node))
            {
              JsonObjectIter iter;
              const char *name;
              JsonNode *member;

              json_object_iter_init (&iter, json_node_get_object (item.node));
              while (json_object_iter_next (&iter, &name, &member))
                {
                  if (string_too_long (name, max_string, "member name", error))
                    return FALSE;
                  g_array_append_val (stack, ((Pending) { member, item.depth + 1 }));
                }
            }
          else
            {
              JsonArray *array = json_node_get_array (item.node);
              guint n = json_array_get_length (array);

              for (guint i = 0; i < n; i++)
                g_array_append_val (stack,
                                    ((Pending) { json_array_get_element (array, i),
                                                 item.depth + 1 }));
            }
          break;

        case JSON_NODE_VALUE:
          if (json_node_get_value_type (item.node) == G_TYPE_STRING &&
              string_too_long (json_node_get_string (item.node), max_string, "string", error))
            return FALSE;
          break;

        case JSON_NODE_NULL:
        default:
          break;
        }
    }

  return TRUE;
}

char *
posture_json_to_string (JsonNode *node,
                        gboolean  pretty)
{
  g_autoptr(JsonGenerator) generator = NULL;

  g_return_val_if_fail (node != NULL, NULL);

  generator = json_generator_new ();
  json_generator_set_pretty (generator, pretty);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, node);

  return json_generator_to_data (generator, NULL);
}

static JsonNode *
get_member (JsonObject *object,
            const char *member)
{
  if (object == NULL || member == NULL)
    return NULL;

  return json_object_get_member (object, member);
}

JsonObject *
posture_json_get_object (JsonObject *object,
                         const char *member)
{
  JsonNode *node = get_member (object, member);

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    return json_node_get_object (node);

  return NULL;
}

JsonArray *
posture_json_get_array (JsonObject *object,
                        const char *member)
{
  JsonNode *node = get_member (object, member);

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    return json_node_get_array (node);

  return NULL;
}

const char *
posture_json_get_string (JsonObject *object,
                         const char *member)
{
  JsonNode *node = get_member (object, member);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);

  return NULL;
}

/**
 * posture_json_string_to_boolean:
 * @text: (nullable): a string from a payload
 * @out_value: (out) (optional): the boolean
 *
 * Returns: whether @text is "true" or "false", in any case
 */
gboolean
posture_json_string_to_boolean (const char *text,
                                gboolean   *out_value)
{
  gboolean value;

  if (text == NULL)
    return FALSE;

  if (g_ascii_strcasecmp (text, "true") == 0)
    value = TRUE;
  else if (g_ascii_strcasecmp (text, "false") == 0)
    value = FALSE;
  else
    return FALSE;

  if (out_value != NULL)
    *out_value = value;
  return TRUE;
}

/**
 * posture_json_string_to_int:
 * @text: (nullable): a string from a payload
 * @out_value: (out) (optional): the integer
 *
 * Returns: whether @text is decimal digits with an optional sign, nothing else
 */
gboolean
posture_json_string_to_int (const char *text,
                            gint64     *out_value)
{
  char *end = NULL;
  gint64 value;

  if (text == NULL || text[0] == '\0' || g_ascii_isspace (text[0]))
    return FALSE;

  errno = 0;
  value = g_ascii_strtoll (text, &end, 10);
  if (end == NULL || end == text || *end != '\0' || errno == ERANGE)
    return FALSE;

  if (out_value != NULL)
    *out_value = value;
  return TRUE;
}

/**
 * posture_json_node_get_boolean:
 * @node: (nullable): a value
 * @out_value: (out) (optional): the boolean
 *
 * The one string-to-boolean rule of Posture: true/false, or the strings "true" and
 * "false" in any case. Anything else (null, "", "yes", 1) is no boolean.
 *
 * Returns: whether @node is a boolean by that rule
 */
gboolean
posture_json_node_get_boolean (JsonNode *node,
                               gboolean *out_value)
{
  gboolean value;
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);

  if (type == G_TYPE_BOOLEAN)
    value = json_node_get_boolean (node);
  else if (type != G_TYPE_STRING ||
           !posture_json_string_to_boolean (json_node_get_string (node), &value))
    return FALSE;

  if (out_value != NULL)
    *out_value = value;
  return TRUE;
}

/**
 * posture_json_node_get_int:
 * @node: (nullable): a value
 * @out_value: (out) (optional): the integer
 *
 * Returns: whether @node is an integer, a number without fraction, or a string of
 *   decimal digits (with an optional sign)
 */
gboolean
posture_json_node_get_int (JsonNode *node,
                           gint64   *out_value)
{
  gint64 value = 0;
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);

  if (type == G_TYPE_INT64)
    value = json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE)
    {
      double d = json_node_get_double (node);

      if (!(d >= -1e15 && d <= 1e15) || d != (double) (gint64) d)
        return FALSE;
      value = (gint64) d;
    }
  else if (type != G_TYPE_STRING ||
           !posture_json_string_to_int (json_node_get_string (node), &value))
    return FALSE;

  if (out_value != NULL)
    *out_value = value;
  return TRUE;
}

gboolean
posture_json_get_boolean (JsonObject *object,
                          const char *member,
                          gboolean   *out_value)
{
  return posture_json_node_get_boolean (get_member (object, member), out_value);
}

gboolean
posture_json_get_int (JsonObject *object,
                      const char *member,
                      gint64     *out_value)
{
  return posture_json_node_get_int (get_member (object, member), out_value);
}

JsonNode *
posture_json_get_path (JsonObject *object,
                       const char *dotted_path)
{
  g_auto(GStrv) parts = NULL;
  JsonNode *node = NULL;

  if (object == NULL || dotted_path == NULL)
    return NULL;

  parts = g_strsplit (dotted_path, ".", 0);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (object == NULL)
        return NULL;

      node = json_object_get_member (object, parts[i]);
      if (node == NULL)
        return NULL;

      object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
    }

  return node;
}

JsonObject *
posture_json_get_path_object (JsonObject *object,
                              const char *dotted_path)
{
  JsonNode *node = posture_json_get_path (object, dotted_path);

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    return json_node_get_object (node);

  return NULL;
}

const char *
posture_json_get_path_string (JsonObject *object,
                              const char *dotted_path)
{
  JsonNode *node = posture_json_get_path (object, dotted_path);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);

  return NULL;
}

gboolean
posture_json_get_path_boolean (JsonObject *object,
                               const char *dotted_path,
                               gboolean   *out_value)
{
  return posture_json_node_get_boolean (posture_json_get_path (object, dotted_path), out_value);
}

/* Real payloads are not consistent about casing ("@odata.nextLink" and
 * "@odata.nextlink"): look the member up exactly, then case-insensitively. */
JsonNode *
posture_json_lookup (JsonObject *object,
                     const char *member)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (object == NULL || member == NULL)
    return NULL;

  if ((node = json_object_get_member (object, member)) != NULL)
    return node;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &node))
    if (g_ascii_strcasecmp (name, member) == 0)
      return node;

  return NULL;
}

JsonObject *
posture_json_get_member_ci (JsonObject  *object,
                            const char  *member,
                            JsonNode   **out_node)
{
  JsonNode *node = posture_json_lookup (object, member);

  if (out_node != NULL)
    *out_node = node;

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    return json_node_get_object (node);

  return NULL;
}

const char *
posture_json_node_type_name (JsonNode *node)
{
  if (node == NULL)
    return "nothing";

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return "an object";
    case JSON_NODE_ARRAY:
      return "an array";
    case JSON_NODE_NULL:
      return "null";
    case JSON_NODE_VALUE:
      {
        GType type = json_node_get_value_type (node);

        if (type == G_TYPE_STRING)
          return "a string";
        if (type == G_TYPE_BOOLEAN)
          return "a boolean";
        return "a number";
      }
    default:
      return "an unknown value";
    }
}

static JsonNode *
member_of (JsonObject  *object,
           const char  *member,
           JsonNode   **found)
{
  JsonNode *node = posture_json_lookup (object, member);

  if (found != NULL)
    *found = node;
  return node != NULL && !JSON_NODE_HOLDS_NULL (node) ? node : NULL;
}

PostureJsonMember
posture_json_member_object (JsonObject  *object,
                            const char  *member,
                            JsonObject **out,
                            JsonNode   **found)
{
  JsonNode *node = member_of (object, member, found);

  *out = NULL;
  if (node == NULL)
    return POSTURE_JSON_MEMBER_ABSENT;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return POSTURE_JSON_MEMBER_WRONG;

  *out = json_node_get_object (node);
  return POSTURE_JSON_MEMBER_OK;
}

PostureJsonMember
posture_json_member_array (JsonObject  *object,
                           const char  *member,
                           JsonArray  **out,
                           JsonNode   **found)
{
  JsonNode *node = member_of (object, member, found);

  *out = NULL;
  if (node == NULL)
    return POSTURE_JSON_MEMBER_ABSENT;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return POSTURE_JSON_MEMBER_WRONG;

  *out = json_node_get_array (node);
  return POSTURE_JSON_MEMBER_OK;
}

PostureJsonMember
posture_json_member_string (JsonObject  *object,
                            const char  *member,
                            const char **out,
                            JsonNode   **found)
{
  JsonNode *node = member_of (object, member, found);

  *out = NULL;
  if (node == NULL)
    return POSTURE_JSON_MEMBER_ABSENT;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return POSTURE_JSON_MEMBER_WRONG;

  *out = json_node_get_string (node);
  return POSTURE_JSON_MEMBER_OK;
}

PostureJsonMember
posture_json_member_boolean (JsonObject  *object,
                             const char  *member,
                             gboolean    *out,
                             JsonNode   **found)
{
  JsonNode *node = member_of (object, member, found);

  *out = FALSE;
  if (node == NULL)
    return POSTURE_JSON_MEMBER_ABSENT;
  if (!posture_json_node_get_boolean (node, out))
    return POSTURE_JSON_MEMBER_WRONG;

  return POSTURE_JSON_MEMBER_OK;
}

void
posture_json_builder_add_string_or_null (JsonBuilder *builder,
                                         const char  *member,
                                         const char  *value)
{
  g_return_if_fail (JSON_IS_BUILDER (builder));
  g_return_if_fail (member != NULL);

  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}
