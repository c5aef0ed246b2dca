/* posture-payload.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-tenant"

#include "config.h"

#include <string.h>

#include "posture-device-code-private.h"
#include "posture-json.h"
#include "posture-payload-private.h"
#include "posture-tenant-error.h"

#define ASSOCIATION "systemuserroles_association"

gboolean
_posture_payload_is_next_link (const char *name)
{
  return g_ascii_strcasecmp (name, "nextLink") == 0 ||
         g_ascii_strcasecmp (name, "@odata.nextLink") == 0;
}

gboolean
_posture_payload_page (JsonNode    *page,
                       JsonArray  **out_values,
                       const char **out_next_link)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;
  JsonArray *values;

  *out_values = NULL;
  *out_next_link = NULL;
  if (page == NULL || !JSON_NODE_HOLDS_OBJECT (page) ||
      (values = posture_json_get_array (json_node_get_object (page), "value")) == NULL)
    return FALSE;

  *out_values = values;
  json_object_iter_init (&iter, json_node_get_object (page));
  while (json_object_iter_next (&iter, &name, &member))
    {
      if (_posture_payload_is_next_link (name) && JSON_NODE_HOLDS_VALUE (member) &&
          json_node_get_value_type (member) == G_TYPE_STRING &&
          json_node_get_string (member)[0] != '\0')
        {
          *out_next_link = json_node_get_string (member);
          break;
        }
    }
  return TRUE;
}

JsonNode *
_posture_payload_merge_pages (JsonObject *first_page,
                              JsonArray  *values)
{
  JsonObject *merged = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  json_object_iter_init (&iter, first_page);
  while (json_object_iter_next (&iter, &name, &member))
    if (!_posture_payload_is_next_link (name) && !g_str_equal (name, "value"))
      json_object_set_member (merged, name, json_node_ref (member));
  json_object_set_array_member (merged, "value", json_array_ref (values));
  json_node_take_object (node, merged);
  return node;
}

gboolean
_posture_payload_environment (JsonNode    *item,
                              const char **out_name,
                              const char **out_instance_url)
{
  JsonObject *metadata;
  const char *instance_url;

  *out_name = NULL;
  *out_instance_url = NULL;
  if (item == NULL || !JSON_NODE_HOLDS_OBJECT (item))
    return FALSE;

  *out_name = posture_json_get_string (json_node_get_object (item), "name");
  metadata = posture_json_get_path_object (json_node_get_object (item),
                                           "properties.linkedEnvironmentMetadata");
  if (metadata != NULL)
    {
      instance_url = posture_json_get_string (metadata, "instanceUrl");
      *out_instance_url = instance_url != NULL ? instance_url : "";
    }
  return TRUE;
}

const char *
_posture_payload_dlp_policy_name (JsonNode *item)
{
  const char *name;

  if (item == NULL || !JSON_NODE_HOLDS_OBJECT (item))
    return NULL;
  name = posture_json_get_path_string (json_node_get_object (item), "policyDefinition.name");
  if (name == NULL)
    name = posture_json_get_string (json_node_get_object (item), "name");
  return name != NULL && name[0] != '\0' ? name : NULL;
}

JsonNode *
_posture_payload_dataverse_row (JsonNode *answer)
{
  JsonArray *rows;
  JsonNode *first;

  if (answer == NULL || !JSON_NODE_HOLDS_OBJECT (answer) ||
      (rows = posture_json_get_array (json_node_get_object (answer), "value")) == NULL ||
      json_array_get_length (rows) == 0)
    return NULL;
  first = json_array_get_element (rows, 0);
  return JSON_NODE_HOLDS_OBJECT (first) ? first : NULL;
}

char *
_posture_payload_organization_name (JsonNode *answer)
{
  JsonArray *values;
  JsonNode *first;
  const char *name;

  if (answer == NULL || !JSON_NODE_HOLDS_OBJECT (answer) ||
      (values = posture_json_get_array (json_node_get_object (answer), "value")) == NULL ||
      json_array_get_length (values) == 0 ||
      !JSON_NODE_HOLDS_OBJECT ((first = json_array_get_element (values, 0))) ||
      (name = posture_json_get_string (json_node_get_object (first), "displayName")) == NULL ||
      name[0] == '\0')
    return NULL;
  return g_utf8_make_valid (name, MIN (strlen (name), 512));
}

const char *
_posture_payload_group_principal (JsonNode *assignment)
{
  JsonObject *principal;
  const char *id;

  if (assignment == NULL || !JSON_NODE_HOLDS_OBJECT (assignment) ||
      (principal = posture_json_get_object (json_node_get_object (assignment),
                                            "principal")) == NULL ||
      g_strcmp0 (posture_json_get_string (principal, "@odata.type"),
                 "#microsoft.graph.group") != 0 ||
      (id = posture_json_get_string (principal, "id")) == NULL || id[0] == '\0')
    return NULL;
  return id;
}

const char *
_posture_payload_association_next (JsonNode *role)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  if (role == NULL || !JSON_NODE_HOLDS_OBJECT (role))
    return NULL;
  json_object_iter_init (&iter, json_node_get_object (role));
  while (json_object_iter_next (&iter, &name, &member))
    if (g_ascii_strcasecmp (name, ASSOCIATION "@odata.nextLink") == 0 &&
        JSON_NODE_HOLDS_VALUE (member) && json_node_get_value_type (member) == G_TYPE_STRING)
      return json_node_get_string (member);
  return NULL;
}

JsonNode *
_posture_payload_role_copy (JsonNode *role)
{
  JsonObjectIter iter;
  JsonObject *copy;
  JsonNode *node;
  const char *name;
  JsonNode *member;

  g_return_val_if_fail (role != NULL && JSON_NODE_HOLDS_OBJECT (role), NULL);

  copy = json_object_new ();
  json_object_iter_init (&iter, json_node_get_object (role));
  while (json_object_iter_next (&iter, &name, &member))
    {
      if (g_ascii_strcasecmp (name, ASSOCIATION "@odata.nextLink") == 0)
        continue;
      if (g_str_equal (name, ASSOCIATION) && JSON_NODE_HOLDS_ARRAY (member))
        {
          JsonArray *source = json_node_get_array (member);
          JsonArray *members = json_array_sized_new (json_array_get_length (source));

          for (guint i = 0; i < json_array_get_length (source); i++)
            json_array_add_element (members, json_node_ref (json_array_get_element (source, i)));
          json_object_set_array_member (copy, name, members);
        }
      else
        json_object_set_member (copy, name, json_node_ref (member));
    }
  /* Replaced when the answer held something else: the pages append to an array. */
  member = json_object_get_member (copy, ASSOCIATION);
  if (member == NULL || !JSON_NODE_HOLDS_ARRAY (member))
    json_object_set_array_member (copy, ASSOCIATION, json_array_new ());

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, copy);
  return node;
}

void
_posture_payload_role_append (JsonNode *copy,
                              JsonNode *more)
{
  JsonArray *members;
  JsonArray *values;

  g_return_if_fail (copy != NULL && JSON_NODE_HOLDS_OBJECT (copy));

  members = json_object_get_array_member (json_node_get_object (copy), ASSOCIATION);
  if (more == NULL || !JSON_NODE_HOLDS_OBJECT (more) ||
      (values = posture_json_get_array (json_node_get_object (more), "value")) == NULL)
    return;
  for (guint i = 0; i < json_array_get_length (values); i++)
    json_array_add_element (members, json_node_ref (json_array_get_element (values, i)));
}

char *
_posture_payload_drop_unknown_column (const char  *uri,
                                      const char  *message,
                                      char       **out_column)
{
  const char *open;
  const char *close;
  const char *select;
  const char *end;
  g_autofree char *column = NULL;
  g_autofree char *list = NULL;
  g_auto(GStrv) columns = NULL;
  g_autoptr(GString) kept = NULL;
  gboolean found = FALSE;

  if (uri == NULL || message == NULL || (open = strchr (message, '\'')) == NULL ||
      (close = strchr (open + 1, '\'')) == NULL || (select = strstr (uri, "$select=")) == NULL)
    return NULL;
  column = g_strndup (open + 1, close - open - 1);
  if (column[0] == '\0' || g_ascii_strcasecmp (column, "organizationid") == 0)
    return NULL;

  select += strlen ("$select=");
  end = select + strcspn (select, "&#");
  list = g_strndup (select, end - select);
  columns = g_strsplit (list, ",", -1);
  kept = g_string_new_len (uri, select - uri);
  for (guint i = 0; columns[i] != NULL; i++)
    {
      if (!found && g_ascii_strcasecmp (columns[i], column) == 0)
        {
          found = TRUE;
          continue;
        }
      if (kept->str[kept->len - 1] != '=')
        g_string_append_c (kept, ',');
      g_string_append (kept, columns[i]);
    }
  if (!found)
    return NULL;
  g_string_append (kept, end);
  *out_column = g_steal_pointer (&column);
  return g_string_free (g_steal_pointer (&kept), FALSE);
}

PostureDeviceCode *
_posture_payload_device_code (JsonNode  *answer,
                              guint      min_interval_ms,
                              GError   **error)
{
  JsonObject *root;
  const char *device_code;
  const char *user_code;
  const char *verification_uri;
  const char *message;
  gint64 expires_in = 900;
  gint64 interval = 5;
  guint interval_ms;

  if (answer == NULL || !JSON_NODE_HOLDS_OBJECT (answer))
    {
      g_set_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_PROTOCOL,
                   "The sign-in service sent an unreadable device-code answer");
      return NULL;
    }

  root = json_node_get_object (answer);
  device_code = posture_json_get_string (root, "device_code");
  user_code = posture_json_get_string (root, "user_code");
  verification_uri = posture_json_get_string (root, "verification_uri");
  message = posture_json_get_string (root, "message");
  posture_json_get_int (root, "expires_in", &expires_in);
  posture_json_get_int (root, "interval", &interval);

  if (device_code == NULL || user_code == NULL || verification_uri == NULL)
    {
      g_set_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_PROTOCOL,
                   "The device-code answer lacks device_code, user_code or verification_uri");
      return NULL;
    }

  interval_ms = (guint) CLAMP (interval, 0, 600) * 1000;
  interval_ms = MAX (interval_ms, min_interval_ms);
  return _posture_device_code_new (device_code, user_code, verification_uri,
                                   message != NULL ? message : "", CLAMP (expires_in, 1, 3600),
                                   interval_ms);
}

/* Scanning JSON text without building a tree */

typedef struct
{
  const char *p;
  const char *end;
} Scan;

static void
scan_space (Scan *scan)
{
  while (scan->p < scan->end &&
         (*scan->p == ' ' || *scan->p == '\t' || *scan->p == '\n' || *scan->p == '\r'))
    scan->p++;
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static gboolean
scan_hex4 (Scan     *scan,
           gunichar *out)
{
  gunichar value = 0;

  if (scan->end - scan->p < 4)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    {
      int digit = hex_value (scan->p[i]);

      if (digit < 0)
        return FALSE;
      value = value * 16 + (gunichar) digit;
    }
  scan->p += 4;
  *out = value;
  return TRUE;
}

/* A string at scan->p (the opening quote), decoded into @out when it is not NULL and
 * stays under @max bytes; FALSE when it is malformed or unfinished. */
static gboolean
scan_string (Scan    *scan,
             GString *out,
             gsize    max)
{
  if (scan->p >= scan->end || *scan->p != '"')
    return FALSE;
  scan->p++;

  while (scan->p < scan->end)
    {
      char c;

      /* Skipped, the plain bytes (the bulk of a page) go at once. */
      if (out == NULL)
        {
          const char *p = scan->p;

          while (p < scan->end && (guchar) *p >= 0x20 && *p != '"' && *p != '\\')
            p++;
          scan->p = p;
          if (p >= scan->end)
            return FALSE;
        }

      c = *scan->p++;
      if (c == '"')
        return TRUE;
      if ((guchar) c < 0x20)
        return FALSE;
      if (c != '\\')
        {
          if (out != NULL && out->len < max)
            g_string_append_c (out, c);
          continue;
        }

      if (scan->p >= scan->end)
        return FALSE;
      c = *scan->p++;
      if (c == 'u')
        {
          gunichar ch;

          if (!scan_hex4 (scan, &ch))
            return FALSE;
          if (ch >= 0xd800 && ch < 0xdc00)
            {
              gunichar low;

              if (scan->end - scan->p < 6 || scan->p[0] != '\\' || scan->p[1] != 'u')
                return FALSE;
              scan->p += 2;
              if (!scan_hex4 (scan, &low) || low < 0xdc00 || low > 0xdfff)
                return FALSE;
              ch = 0x10000 + ((ch - 0xd800) << 10) + (low - 0xdc00);
            }
          else if (ch >= 0xdc00 && ch <= 0xdfff)
            return FALSE;
          if (ch == 0)
            return FALSE;
          if (out != NULL && out->len < max)
            g_string_append_unichar (out, ch);
        }
      else
        {
          const char *from = "\"\\/bfnrt";
          const char *to = "\"\\/\b\f\n\r\t";
          const char *found = c != '\0' ? strchr (from, c) : NULL;

          if (found == NULL)
            return FALSE;
          if (out != NULL && out->len < max)
            g_string_append_c (out, to[found - from]);
        }
    }
  return FALSE;
}

/* Skips one value (any depth, counted, never recursed into). */
static gboolean
scan_skip_value (Scan *scan)
{
  gsize depth = 0;

  do
    {
      scan_space (scan);
      if (scan->p >= scan->end)
        return FALSE;
      switch (*scan->p)
        {
        case '"':
          if (!scan_string (scan, NULL, 0))
            return FALSE;
          break;
        case '{':
        case '[':
          depth++;
          scan->p++;
          break;
        case '}':
        case ']':
          if (depth == 0)
            return FALSE;
          depth--;
          scan->p++;
          break;
        default:
          /* A number, true, false, null, or the separators inside a container */
          scan->p++;
          break;
        }
    }
  while (depth > 0);
  return TRUE;
}

char *
_posture_payload_scan_next_link (const char *data,
                                 gsize       length)
{
  Scan scan = { data, data + length };
  g_autoptr(GString) key = g_string_new (NULL);

  if (data == NULL)
    return NULL;

  scan_space (&scan);
  if (scan.p >= scan.end || *scan.p != '{')
    return NULL;
  scan.p++;

  for (;;)
    {
      scan_space (&scan);
      if (scan.p < scan.end && *scan.p == '}')
        return NULL;
      g_string_truncate (key, 0);
      if (!scan_string (&scan, key, 64))
        return NULL;
      scan_space (&scan);
      if (scan.p >= scan.end || *scan.p != ':')
        return NULL;
      scan.p++;
      scan_space (&scan);

      if (_posture_payload_is_next_link (key->str) && scan.p < scan.end && *scan.p == '"')
        {
          g_autoptr(GString) value = g_string_new (NULL);

          /* As the parsed answer would give it: valid UTF-8, not empty, no NUL */
          if (!scan_string (&scan, value, 64 * 1024) || value->len == 0 ||
              value->len >= 64 * 1024 || !g_utf8_validate_len (value->str, value->len, NULL))
            return NULL;
          return g_string_free (g_steal_pointer (&value), FALSE);
        }

      if (!scan_skip_value (&scan))
        return NULL;
      scan_space (&scan);
      if (scan.p < scan.end && *scan.p == ',')
        {
          scan.p++;
          continue;
        }
      return NULL;
    }
}
