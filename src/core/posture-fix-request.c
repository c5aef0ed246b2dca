/* posture-fix-request.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-fix-request"

#include "config.h"

#include <string.h>

#include "posture-fix-private.h"
#include "posture-fix-request.h"
#include "posture-json.h"

struct _PostureFixRequest
{
  GObject            parent_instance;

  PostureFixKind     kind;
  PostureFixService  service;
  char              *method;
  char              *base;
  char              *path;
  JsonNode          *body;       /* owned, a private deep copy */
  JsonNode          *expected;   /* owned, a private deep copy */
};

enum {
  PROP_0,
  PROP_KIND,
  PROP_METHOD,
  PROP_SERVICE,
  PROP_BASE,
  PROP_PATH,
  PROP_BODY,
  PROP_EXPECTED,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (PostureFixRequest, posture_fix_request, G_TYPE_OBJECT)

/* ------------------------------------------------------------------------- */
/* JSON helpers shared by the fix classes (posture-fix-private.h)            */
/* ------------------------------------------------------------------------- */

JsonNode *
_posture_fix_json_copy (JsonNode *node)
{
  JsonNode *copy;

  if (node == NULL)
    return NULL;

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_object_new ();
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &name, &member))
          json_object_set_member (object, name, _posture_fix_json_copy (member));
        copy = json_node_new (JSON_NODE_OBJECT);
        json_node_take_object (copy, object);
        return copy;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *source = json_node_get_array (node);
        guint n = json_array_get_length (source);
        JsonArray *array = json_array_sized_new (n);

        for (guint i = 0; i < n; i++)
          json_array_add_element (array,
                                  _posture_fix_json_copy (json_array_get_element (source, i)));
        copy = json_node_new (JSON_NODE_ARRAY);
        json_node_take_array (copy, array);
        return copy;
      }

    case JSON_NODE_VALUE:
      {
        GValue value = G_VALUE_INIT;

        /* A fresh node, mutable whatever the source was (a sealed parse). */
        json_node_get_value (node, &value);
        copy = json_node_new (JSON_NODE_VALUE);
        json_node_set_value (copy, &value);
        g_value_unset (&value);
        return copy;
      }

    case JSON_NODE_NULL:
    default:
      return json_node_new (JSON_NODE_NULL);
    }
}

const char *
_posture_fix_json_member_name (JsonObject *object,
                               const char *member)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (object == NULL)
    return NULL;
  if (json_object_has_member (object, member))
    return member;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &node))
    if (g_ascii_strcasecmp (name, member) == 0)
      return name;

  return NULL;
}

JsonObject *
_posture_fix_json_find_named (JsonArray  *array,
                              const char *name)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      const char *other;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      other = posture_json_get_string (json_node_get_object (node), "name");
      if (other != NULL && g_ascii_strcasecmp (other, name) == 0)
        return json_node_get_object (node);
    }

  return NULL;
}

/* Booleans, integers and strings compare across the forms the admin APIs use for the
 * same value: true and "true", 20 and "20". */
static char *
scalar_text (JsonNode *node)
{
  GType type;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("null");
  if (!JSON_NODE_HOLDS_VALUE (node))
    return NULL;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (node) ? "true" : "false");
  if (type == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (type == G_TYPE_DOUBLE)
    return g_strdup_printf ("%.17g", json_node_get_double (node));
  if (type == G_TYPE_STRING)
    return g_ascii_strdown (json_node_get_string (node), -1);
  return NULL;
}

gboolean
_posture_fix_json_contains (JsonNode    *actual,
                            JsonNode    *expected,
                            const char  *where,
                            char       **out_difference)
{
  if (expected == NULL)
    return TRUE;

  if (JSON_NODE_HOLDS_OBJECT (expected))
    {
      JsonObject *want = json_node_get_object (expected);
      JsonObject *have;
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      if (actual == NULL || !JSON_NODE_HOLDS_OBJECT (actual))
        {
          if (out_difference != NULL)
            *out_difference = g_strdup_printf ("%s is %s, not an object", where,
                                               posture_json_node_type_name (actual));
          return FALSE;
        }
      have = json_node_get_object (actual);

      json_object_iter_init_ordered (&iter, want);
      while (json_object_iter_next_ordered (&iter, &name, &member))
        {
          g_autofree char *path = where[0] != '\0' ? g_strconcat (where, ".", name, NULL)
                                                   : g_strdup (name);
          JsonNode *found = NULL;

          posture_json_get_member_ci (have, name, &found);
          if (found == NULL && !JSON_NODE_HOLDS_NULL (member))
            {
              if (out_difference != NULL)
                *out_difference = g_strdup_printf ("%s is missing", path);
              return FALSE;
            }
          if (!_posture_fix_json_contains (found, member, path, out_difference))
            return FALSE;
        }
      return TRUE;
    }

  if (JSON_NODE_HOLDS_ARRAY (expected))
    {
      JsonArray *want = json_node_get_array (expected);
      JsonArray *have;
      guint n_want = json_array_get_length (want);

      if (actual == NULL || !JSON_NODE_HOLDS_ARRAY (actual))
        {
          /* A disabled isolation policy sends "allowedTenants": "" for []. */
          if (n_want == 0)
            return TRUE;
          if (out_difference != NULL)
            *out_difference = g_strdup_printf ("%s is %s, not a list", where,
                                               posture_json_node_type_name (actual));
          return FALSE;
        }
      have = json_node_get_array (actual);

      for (guint i = 0; i < n_want; i++)
        {
          JsonNode *element = json_array_get_element (want, i);
          gboolean found = FALSE;

          for (guint j = 0; j < json_array_get_length (have) && !found; j++)
            found = _posture_fix_json_contains (json_array_get_element (have, j), element, where,
                                                NULL);
          if (!found)
            {
              if (out_difference != NULL)
                {
                  g_autofree char *text = posture_json_to_string (element, FALSE);

                  *out_difference = g_strdup_printf ("%s does not hold %.200s", where, text);
                }
              return FALSE;
            }
        }
      return TRUE;
    }

  {
    g_autofree char *want = scalar_text (expected);
    g_autofree char *have = scalar_text (actual);

    if (want != NULL && have != NULL && g_str_equal (want, have))
      return TRUE;

    if (out_difference != NULL)
      {
        g_autofree char *shown = actual != NULL && JSON_NODE_HOLDS_VALUE (actual)
                                 ? posture_json_to_string (actual, FALSE) : NULL;
        g_autofree char *wanted = posture_json_to_string (expected, FALSE);

        *out_difference = g_strdup_printf ("%s is %.200s, not %.200s", where,
                                           shown != NULL ? shown
                                                         : posture_json_node_type_name (actual),
                                           wanted);
      }
    return FALSE;
  }
}

/* ------------------------------------------------------------------------- */
/* The class                                                                 */
/* ------------------------------------------------------------------------- */

static void
posture_fix_request_finalize (GObject *object)
{
  PostureFixRequest *self = (PostureFixRequest *) object;

  g_clear_pointer (&self->method, g_free);
  g_clear_pointer (&self->base, g_free);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->body, json_node_unref);
  g_clear_pointer (&self->expected, json_node_unref);

  G_OBJECT_CLASS (posture_fix_request_parent_class)->finalize (object);
}

static void
posture_fix_request_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  PostureFixRequest *self = POSTURE_FIX_REQUEST (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_METHOD:
      g_value_set_string (value, self->method);
      break;
    case PROP_SERVICE:
      g_value_set_enum (value, self->service);
      break;
    case PROP_BASE:
      g_value_set_string (value, self->base);
      break;
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_BODY:
      g_value_set_boxed (value, self->body);
      break;
    case PROP_EXPECTED:
      g_value_set_boxed (value, self->expected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_fix_request_class_init (PostureFixRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = posture_fix_request_finalize;
  object_class->get_property = posture_fix_request_get_property;

  properties [PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, POSTURE_TYPE_FIX_KIND,
                       POSTURE_FIX_KIND_TENANT_SETTINGS,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_METHOD] =
    g_param_spec_string ("method", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_SERVICE] =
    g_param_spec_enum ("service", NULL, NULL, POSTURE_TYPE_FIX_SERVICE,
                       POSTURE_FIX_SERVICE_BAP, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_BASE] =
    g_param_spec_string ("base", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_BODY] =
    g_param_spec_boxed ("body", NULL, NULL, JSON_TYPE_NODE,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_EXPECTED] =
    g_param_spec_boxed ("expected", NULL, NULL, JSON_TYPE_NODE,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
posture_fix_request_init (PostureFixRequest *self)
{
}

/**
 * posture_fix_request_new:
 *
 * Returns: (transfer full): a new request
 */
PostureFixRequest *
posture_fix_request_new (PostureFixKind     kind,
                         const char        *method,
                         PostureFixService  service,
                         const char        *base,
                         const char        *path,
                         JsonNode          *body,
                         JsonNode          *expected)
{
  PostureFixRequest *self;

  g_return_val_if_fail (method != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail ((service == POSTURE_FIX_SERVICE_DATAVERSE) == (base != NULL), NULL);

  self = g_object_new (POSTURE_TYPE_FIX_REQUEST, NULL);
  self->kind = kind;
  self->method = g_strdup (method);
  self->service = service;
  self->base = g_strdup (base);
  self->path = g_strdup (path);
  self->body = _posture_fix_json_copy (body);
  self->expected = _posture_fix_json_copy (expected);
  if (self->body != NULL)
    json_node_seal (self->body);
  if (self->expected != NULL)
    json_node_seal (self->expected);
  return self;
}

PostureFixKind
posture_fix_request_get_kind (PostureFixRequest *self)
{
  g_return_val_if_fail (POSTURE_IS_FIX_REQUEST (self), 0);
  return self->kind;
}

const char *
posture_fix_request_get_method (PostureFixRequest *self)
{
  g_return_val_if_fail (POSTURE_IS_FIX_REQUEST (self), NULL);
  return self->method;
}

const char *
posture_fix_request_get_base (PostureFixRequest *self)
{
  g_return_val_if_fail (POSTURE_IS_FIX_REQUEST (self), NULL);
  return self->base;
}

JsonNode *
posture_fix_request_get_body (PostureFixRequest *self)
{
  g_return_val_if_fail (POSTURE_IS_FIX_REQUEST (self), NULL);
  return self->body;
}

gboolean
posture_fix_request_is_idempotent (PostureFixRequest *self)
{
  g_return_val_if_fail (POSTURE_IS_FIX_REQUEST (self), FALSE);

  if (self->kind == POSTURE_FIX_KIND_TENANT_SETTINGS)
    return TRUE;
  return g_str_equal (self->method, "PUT") || g_str_equal (self->method, "PATCH") ||
         g_str_equal (self->method, "GET");
}

/**
 * posture_fix_request_check:
 * @read_back: the resource as read back after the write (nullable)
 * @out_difference: (out) (optional) (transfer full): what differs, untranslated
 *
 * Returns: TRUE when @read_back holds what this request wrote
 */
gboolean
posture_fix_request_check (PostureFixRequest  *self,
                           JsonNode           *read_back,
                           char              **out_difference)
{
  g_return_val_if_fail (POSTURE_IS_FIX_REQUEST (self), FALSE);

  if (out_difference != NULL)
    *out_difference = NULL;
  return _posture_fix_json_contains (read_back, self->expected, "", out_difference);
}

/**
 * posture_fix_request_dup_url:
 * @bap_base: the cloud's BAP base URL, without a trailing slash
 * @graph_base: the cloud's Graph base URL, without a trailing slash
 *
 * Returns: (transfer full): the absolute URL
 */
char *
posture_fix_request_dup_url (PostureFixRequest *self,
                             const char        *bap_base,
                             const char        *graph_base)
{
  g_return_val_if_fail (POSTURE_IS_FIX_REQUEST (self), NULL);

  switch (self->service)
    {
    case POSTURE_FIX_SERVICE_DATAVERSE:
      return g_strconcat (self->base, g_str_has_suffix (self->base, "/") ? "" : "/",
                          self->path[0] == '/' ? self->path + 1 : self->path, NULL);

    case POSTURE_FIX_SERVICE_GRAPH:
      return g_strconcat (graph_base != NULL ? graph_base : "", self->path, NULL);

    case POSTURE_FIX_SERVICE_BAP:
    default:
      return g_strconcat (bap_base != NULL ? bap_base : "", self->path, NULL);
    }
}

/**
 * posture_fix_request_to_json:
 *
 * Returns: (transfer full): {"method","url","body"}
 */
JsonNode *
posture_fix_request_to_json (PostureFixRequest *self,
                             const char        *bap_base,
                             const char        *graph_base)
{
  g_autofree char *url = NULL;
  JsonObject *object;
  JsonNode *node;

  g_return_val_if_fail (POSTURE_IS_FIX_REQUEST (self), NULL);

  url = posture_fix_request_dup_url (self, bap_base, graph_base);
  object = json_object_new ();
  json_object_set_string_member (object, "method", self->method);
  json_object_set_string_member (object, "url", url);
  if (self->body != NULL)
    json_object_set_member (object, "body", _posture_fix_json_copy (self->body));
  else
    json_object_set_null_member (object, "body");

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);
  return node;
}
