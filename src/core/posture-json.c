/* posture-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-json"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "posture-error.h"
#include "posture-json.h"

gboolean
posture_json_check_depth (const char  *data,
                          gsize        length,
                          guint        max_depth,
                          GError     **error)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;

        case '[':
        case '{':
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
          if (depth > 0)
            depth--;
          break;

        default:
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

  if (!posture_json_check_depth (data, length, max_depth, error))
    return NULL;

  /* json-glib needs valid UTF-8 and reports it badly; say so plainly. */
  if (!g_utf8_validate_len (data, length, NULL))
    {
      g_set_error_literal (error, POSTURE_JSON_ERROR, POSTURE_JSON_ERROR_PARSE,
                           "Document is not valid UTF-8");
      return NULL;
    }

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
  GStatBuf st;
  gsize length = 0;
  JsonNode *node;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (max_size > 0 && g_stat (path, &st) == 0 && (guint64) st.st_size > max_size)
    {
      g_set_error (error, POSTURE_JSON_ERROR, POSTURE_JSON_ERROR_TOO_LARGE,
                   "%s is %" G_GUINT64_FORMAT " bytes, more than the %" G_GSIZE_FORMAT
                   " bytes allowed", path, (guint64) st.st_size, max_size);
      return NULL;
    }

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;

  if (!(node = posture_json_parse (contents, length, max_depth, &local_error)))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", path);
      return NULL;
    }

  return node;
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

static gboolean
node_to_boolean (JsonNode *node,
                 gboolean *out_value)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);

  if (type == G_TYPE_BOOLEAN)
    {
      *out_value = json_node_get_boolean (node);
      return TRUE;
    }

  if (type == G_TYPE_STRING)
    {
      const char *s = json_node_get_string (node);

      if (g_ascii_strcasecmp (s, "true") == 0)
        {
          *out_value = TRUE;
          return TRUE;
        }
      if (g_ascii_strcasecmp (s, "false") == 0)
        {
          *out_value = FALSE;
          return TRUE;
        }
    }

  return FALSE;
}

gboolean
posture_json_get_boolean (JsonObject *object,
                          const char *member,
                          gboolean   *out_value)
{
  gboolean value = FALSE;

  if (!node_to_boolean (get_member (object, member), &value))
    return FALSE;

  if (out_value != NULL)
    *out_value = value;

  return TRUE;
}

gboolean
posture_json_get_int (JsonObject *object,
                      const char *member,
                      gint64     *out_value)
{
  JsonNode *node = get_member (object, member);
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

      if (d != d || d < (double) G_MININT64 || d > (double) G_MAXINT64)
        return FALSE;
      value = (gint64) d;
    }
  else if (type == G_TYPE_STRING)
    {
      const char *s = json_node_get_string (node);
      char *end = NULL;

      if (s[0] == '\0')
        return FALSE;
      value = g_ascii_strtoll (s, &end, 10);
      if (end == NULL || *end != '\0')
        return FALSE;
    }
  else
    return FALSE;

  if (out_value != NULL)
    *out_value = value;

  return TRUE;
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
  gboolean value = FALSE;

  if (!node_to_boolean (posture_json_get_path (object, dotted_path), &value))
    return FALSE;

  if (out_value != NULL)
    *out_value = value;

  return TRUE;
}

/* Real payloads are not consistent about casing ("@odata.nextLink" and
 * "@odata.nextlink"): look the member up exactly, then case-insensitively. */
JsonObject *
posture_json_get_member_ci (JsonObject  *object,
                            const char  *member,
                            JsonNode   **out_node)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (out_node != NULL)
    *out_node = NULL;

  if (object == NULL || member == NULL)
    return NULL;

  if ((node = json_object_get_member (object, member)) == NULL)
    {
      json_object_iter_init (&iter, object);
      while (json_object_iter_next (&iter, &name, &node))
        {
          if (g_ascii_strcasecmp (name, member) == 0)
            break;
          node = NULL;
        }
    }

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

void
posture_json_set_string_or_null (JsonObject *object,
                                 const char *member,
                                 const char *value)
{
  g_return_if_fail (object != NULL);
  g_return_if_fail (member != NULL);

  if (value != NULL)
    json_object_set_string_member (object, member, value);
  else
    json_object_set_null_member (object, member);
}
