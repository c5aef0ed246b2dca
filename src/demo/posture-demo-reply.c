/* posture-demo-reply.c: the demo tenant's answers, requests and small JSON helpers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-demo-reply"

#include "config.h"

#include <string.h>

#include "posture-demo-private.h"
#include "posture-json.h"

#define SKIPTOKEN_PREFIX "RFNwdAIAAQAAAC"

/* ---- Replies -------------------------------------------------------------------------- */

PostureDemoReply *
_posture_demo_reply_new (guint  status,
                         char  *body)
{
  PostureDemoReply *reply = g_new0 (PostureDemoReply, 1);

  reply->status = status;
  reply->body = body;
  reply->retry_after = -1;
  return reply;
}

PostureDemoReply *
_posture_demo_reply_new_object (guint       status,
                                JsonObject *object)
{
  return _posture_demo_reply_new (status, _posture_demo_object_string (object));
}

static PostureDemoReply *
new_error (guint       status,
           const char *code,
           const char *message,
           const char *detail_url_type)
{
  g_autoptr(JsonObject) root = json_object_new ();

  json_object_set_object_member (root, "error",
                                 _posture_demo_strings_object ("code", code, "message", message,
                                                               detail_url_type ? "detailUrlType"
                                                                               : NULL,
                                                               detail_url_type, NULL));
  return _posture_demo_reply_new_object (status, root);
}

/* The error body the BAP and Dataverse share: {"error":{"code":…,"message":…}} */
PostureDemoReply *
_posture_demo_reply_new_error (guint       status,
                               const char *code,
                               const char *message)
{
  return new_error (status, code, message, NULL);
}

/* BAP adds "detailUrlType" (reference §3.1; the governance 400 in
 * terraform-provider-power-platform#1000 carries it too). */
PostureDemoReply *
_posture_demo_reply_new_bap_error (guint       status,
                                   const char *code,
                                   const char *message)
{
  return new_error (status, code, message, "NotSpecified");
}

/* Graph: {"error":{"code","message","innerError":{"date","request-id","client-request-id"}}} */
PostureDemoReply *
_posture_demo_reply_new_graph_error (guint       status,
                                     const char *code,
                                     const char *message)
{
  g_autoptr(JsonObject) root = json_object_new ();
  JsonObject *err = json_object_new ();
  JsonObject *inner = json_object_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");
  g_autofree char *request_id = g_uuid_string_random ();

  json_object_set_string_member (err, "code", code);
  json_object_set_string_member (err, "message", message);
  json_object_set_string_member (inner, "date", date);
  json_object_set_string_member (inner, "request-id", request_id);
  json_object_set_string_member (inner, "client-request-id", request_id);
  json_object_set_object_member (err, "innerError", inner);
  json_object_set_object_member (root, "error", err);

  return _posture_demo_reply_new_object (status, root);
}

PostureDemoReply *
_posture_demo_reply_new_service_error (PostureDemoService  service,
                                       guint               status,
                                       const char         *code,
                                       const char         *message)
{
  if (service == POSTURE_DEMO_SERVICE_GRAPH)
    return _posture_demo_reply_new_graph_error (status, code, message);
  return _posture_demo_reply_new_error (status, code, message);
}

void
_posture_demo_reply_free (PostureDemoReply *reply)
{
  if (reply == NULL)
    return;

  g_free (reply->body);
  g_free (reply->content_type);
  g_free (reply->location);
  g_free (reply->www_authenticate);
  g_free (reply->preference_applied);
  g_free (reply);
}

/* ---- Helpers -------------------------------------------------------------------------- */

char *
_posture_demo_new_guid (GRand *rand)
{
  guint32 a = g_rand_int (rand);
  guint32 b = g_rand_int (rand);
  guint32 c = g_rand_int (rand);
  guint32 d = g_rand_int (rand);

  return g_strdup_printf ("%08x-%04x-%04x-%04x-%04x%08x",
                          a, b >> 16, 0x4000 | (b & 0x0fff), 0x8000 | ((c >> 16) & 0x3fff),
                          c & 0xffff, d);
}

/* A GUID that is a pure function of its inputs, for objects built on first use. */
char *
_posture_demo_hash_guid (const char *a,
                         const char *b,
                         guint       n)
{
  g_autofree char *key = g_strdup_printf ("%s|%s|%u", a, b ? b : "", n);
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA1, key, -1);

  return g_strdup_printf ("%.8s-%.4s-4%.3s-a%.3s-%.12s", sha, sha + 8, sha + 12, sha + 15,
                          sha + 18);
}

char *
_posture_demo_format_time (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_seconds);

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S.000Z");
}

char *
_posture_demo_now_string (void)
{
  g_autoptr(GDateTime) dt = g_date_time_new_now_utc ();
  g_autofree char *base = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");

  return g_strdup_printf ("%s.%03dZ", base, g_date_time_get_microsecond (dt) / 1000);
}

/* A fresh, mutable deep copy: the bounded parser hands out sealed nodes. */
JsonNode *
_posture_demo_json_copy (JsonNode *node)
{
  JsonNode *copy;

  if (node == NULL)
    return NULL;

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *src = json_node_get_object (node);
        JsonObject *dst = json_object_new ();
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        json_object_iter_init_ordered (&iter, src);
        while (json_object_iter_next_ordered (&iter, &name, &member))
          json_object_set_member (dst, name, _posture_demo_json_copy (member));
        copy = json_node_init_object (json_node_alloc (), dst);
        json_object_unref (dst);
        return copy;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *src = json_node_get_array (node);
        JsonArray *dst = json_array_sized_new (json_array_get_length (src));

        for (guint i = 0; i < json_array_get_length (src); i++)
          json_array_add_element (dst, _posture_demo_json_copy (json_array_get_element (src, i)));
        copy = json_node_init_array (json_node_alloc (), dst);
        json_array_unref (dst);
        return copy;
      }

    case JSON_NODE_VALUE:
      {
        GType type = json_node_get_value_type (node);

        copy = json_node_alloc ();
        json_node_init (copy, JSON_NODE_VALUE);
        if (type == G_TYPE_STRING)
          json_node_set_string (copy, json_node_get_string (node));
        else if (type == G_TYPE_BOOLEAN)
          json_node_set_boolean (copy, json_node_get_boolean (node));
        else if (type == G_TYPE_DOUBLE)
          json_node_set_double (copy, json_node_get_double (node));
        else
          json_node_set_int (copy, json_node_get_int (node));
        return copy;
      }

    case JSON_NODE_NULL:
    default:
      return json_node_init_null (json_node_alloc ());
    }
}

JsonObject *
_posture_demo_object_copy (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  g_autoptr(JsonNode) copy = _posture_demo_json_copy (node);

  return json_object_ref (json_node_get_object (copy));
}

/* An object of string members: member, value, member, value, …, NULL. */
JsonObject *
_posture_demo_strings_object (const char *member,
                              ...)
{
  JsonObject *object = json_object_new ();
  va_list args;

  va_start (args, member);
  for (const char *m = member; m != NULL; m = va_arg (args, const char *))
    json_object_set_string_member (object, m, va_arg (args, const char *));
  va_end (args);
  return object;
}

char *
_posture_demo_json_string (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

char *
_posture_demo_object_string (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  return _posture_demo_json_string (node);
}

char *
_posture_demo_json_quote (const char *s)
{
  g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), s);

  return _posture_demo_json_string (node);
}

gboolean
_posture_demo_is_guid (const char *s)
{
  static const char pattern[] = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";

  if (s == NULL || strlen (s) != sizeof pattern - 1)
    return FALSE;
  for (guint i = 0; i < sizeof pattern - 1; i++)
    if (pattern[i] == '-' ? s[i] != '-' : !g_ascii_isxdigit (s[i]))
      return FALSE;
  return TRUE;
}

/* Graph's and Dataverse's paging tokens are opaque; these look the part and carry an
 * offset, which the server checks rather than trusts. */
char *
_posture_demo_encode_skiptoken (guint offset)
{
  return g_strdup_printf (SKIPTOKEN_PREFIX "%08X", offset ^ 0x5A5A5A5Au);
}

gboolean
_posture_demo_decode_skiptoken (const char *token,
                                guint      *out_offset)
{
  guint64 value = 0;

  if (token == NULL || !g_str_has_prefix (token, SKIPTOKEN_PREFIX) ||
      strlen (token) != strlen (SKIPTOKEN_PREFIX) + 8)
    return FALSE;
  for (const char *p = token + strlen (SKIPTOKEN_PREFIX); *p; p++)
    if (!g_ascii_isxdigit (*p) || g_ascii_islower (*p))
      return FALSE;
  if (!g_ascii_string_to_unsigned (token + strlen (SKIPTOKEN_PREFIX), 16, 0, G_MAXUINT32,
                                   &value, NULL))
    return FALSE;
  *out_offset = (guint) value ^ 0x5A5A5A5Au;
  return TRUE;
}

/* ---- Requests ------------------------------------------------------------------------- */

const char *
_posture_demo_request_query (PostureDemoRequest *req,
                             const char         *name)
{
  return req->query != NULL ? g_hash_table_lookup (req->query, name) : NULL;
}

gboolean
_posture_demo_request_is (PostureDemoRequest *req,
                          const char         *method)
{
  return g_str_equal (req->method, method);
}

/* Parses the JSON body with the shared bounded parser. An empty body gives NULL and
 * no reply; a malformed one gives NULL and the service's 400. */
JsonNode *
_posture_demo_request_parse_body (PostureDemoRequest  *req,
                                  PostureDemoReply   **out_reply)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  *out_reply = NULL;
  if (req->body == NULL || g_bytes_get_size (req->body) == 0)
    return NULL;

  node = posture_json_parse_bytes (req->body, POSTURE_DEMO_MAX_BODY_DEPTH, &error);
  if (node == NULL)
    {
      g_autofree char *text = g_strdup_printf ("The request content was invalid and could not be "
                                               "deserialized: %s", error->message);

      *out_reply = _posture_demo_reply_new_bap_error (400, "InvalidRequestContent", text);
    }
  return node;
}

PostureDemoReply *
_posture_demo_method_not_allowed (PostureDemoService  service,
                                  const char         *method)
{
  g_autofree char *msg = NULL;

  msg = g_strdup_printf ("The requested resource does not support http method '%s'.", method);
  return _posture_demo_reply_new_service_error (service, 405, "MethodNotAllowed", msg);
}

/* NULL when the api-version is acceptable; otherwise the 400 to send. */
PostureDemoReply *
_posture_demo_check_api_version (PostureDemoRequest *req,
                                 const char * const *allowed,
                                 gboolean            required)
{
  const char *version = _posture_demo_request_query (req, "api-version");
  g_autofree char *joined = NULL;
  g_autofree char *msg = NULL;

  if (version == NULL || version[0] == '\0')
    {
      if (!required)
        return NULL;
      return _posture_demo_reply_new_error (400, "MissingApiVersionParameter",
                                            "The api-version query parameter (?api-version=) is "
                                            "required for all requests.");
    }

  if (g_strv_contains (allowed, version))
    return NULL;

  joined = g_strjoinv ("', '", (char **) allowed);
  msg = g_strdup_printf ("The api-version '%.40s' is invalid. The supported versions are '%s'.",
                         version, joined);
  return _posture_demo_reply_new_error (400, "InvalidApiVersionParameter", msg);
}
