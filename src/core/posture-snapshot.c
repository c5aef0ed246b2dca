/* posture-snapshot.c: a tenant snapshot, normalised into typed records
 *
 * The raw payloads are what the real admin APIs send (reference/tenant-api.md): members
 * may be missing or null, "allowedTenants" may be "" instead of [], extended settings
 * are strings, member names vary in case (vNets/vnets). All of that is tolerated. A
 * value of the wrong type where a known member is read is not: the snapshot is refused
 * with the file and the JSON path that was wrong.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-snapshot"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "posture-error.h"
#include "posture-json.h"
#include "posture-snapshot.h"

#define ZERO_GUID "00000000-0000-0000-0000-000000000000"

struct _PostureSnapshot
{
  GObject                parent_instance;

  /* Owned */
  JsonNode              *root;
  char                  *tenant_id;
  char                  *tenant_name;
  char                  *cloud;
  GDateTime             *captured_at;
  GPtrArray             *allowed_tenants;  /* of PostureAllowedTenant */
  GPtrArray             *environments;     /* of PostureEnvironment */
  GHashTable            *by_name;          /* lower-cased name (owned) → PostureEnvironment */
  GPtrArray             *dlp_policies;     /* of PostureDlpPolicy */
  GPtrArray             *warnings;         /* of char *, NULL-terminated */

  /* Borrowed from root */
  JsonObject            *tenant_settings;
  const PostureEnvironment *default_environment;

  PostureIsolationState  isolation_state;
  guint                  has_tenant_settings : 1;
  guint                  has_isolation : 1;
  guint                  has_environments : 1;
  guint                  has_dlp_policies : 1;
  guint                  has_dataverse : 1;
};

G_DEFINE_FINAL_TYPE (PostureSnapshot, posture_snapshot, G_TYPE_OBJECT)

/* ------------------------------------------------------------------------- */
/* Records                                                                   */
/* ------------------------------------------------------------------------- */

static void
allowed_tenant_free (gpointer data)
{
  PostureAllowedTenant *tenant = data;

  g_free (tenant->tenant_id);
  g_free (tenant);
}

static void
environment_free (gpointer data)
{
  PostureEnvironment *env = data;

  g_free (env->name);
  g_free (env->display_name);
  g_free (env->sku);
  g_free (env->location);
  g_free (env->security_group_id);
  g_free (env->limit_sharing_mode);
  g_free (env->instance_url);
  g_clear_pointer (&env->dataverse, json_object_unref);
  g_free (env->dataverse_error_message);
  g_free (env->protection_level);
  g_free (env);
}

static void
connector_group_free (gpointer data)
{
  PostureConnectorGroup *group = data;

  g_free (group->classification);
  g_strfreev (group->connector_names);
  g_strfreev (group->connector_ids);
  g_free (group);
}

static void
dlp_policy_free (gpointer data)
{
  PostureDlpPolicy *policy = data;

  g_free (policy->name);
  g_free (policy->display_name);
  g_free (policy->environment_type);
  g_strfreev (policy->environments);
  g_clear_pointer (&policy->connector_groups, g_ptr_array_unref);
  g_clear_pointer (&policy->environment_set, g_hash_table_unref);
  g_free (policy);
}

/* ------------------------------------------------------------------------- */
/* Tolerant, typed member access                                             */
/* ------------------------------------------------------------------------- */

typedef enum
{
  MEMBER_ABSENT,   /* missing or null */
  MEMBER_OK,
  MEMBER_WRONG,    /* present with another type */
} MemberState;

/* Names printed in messages come from outside: keep control characters (terminal
 * escapes) out of them. */
static char *
printable (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\x%02x", c);
      else
        g_string_append_c (out, (char) c);
    }

  if (out->len > 80)
    {
      g_string_truncate (out, 77);
      /* Do not cut a UTF-8 sequence in half. */
      while (out->len > 0 && ((guchar) out->str[out->len - 1] & 0xc0) == 0x80)
        g_string_truncate (out, out->len - 1);
      if (out->len > 0 && (guchar) out->str[out->len - 1] >= 0xc0)
        g_string_truncate (out, out->len - 1);
      g_string_append (out, "…");
    }

  return g_string_free (out, FALSE);
}

static JsonNode *
lookup (JsonObject *object,
        const char *member)
{
  JsonNode *node = NULL;

  if (object == NULL)
    return NULL;

  /* Exact first (a hash lookup), then case-insensitively: real payloads vary. */
  if ((node = json_object_get_member (object, member)) == NULL)
    posture_json_get_member_ci (object, member, &node);

  return node;
}

static MemberState
get_object (JsonObject  *object,
            const char  *member,
            JsonObject **out,
            JsonNode   **found)
{
  JsonNode *node = lookup (object, member);

  *out = NULL;
  *found = node;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return MEMBER_ABSENT;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return MEMBER_WRONG;

  *out = json_node_get_object (node);
  return MEMBER_OK;
}

static MemberState
get_string (JsonObject  *object,
            const char  *member,
            const char **out,
            JsonNode   **found)
{
  JsonNode *node = lookup (object, member);

  *out = NULL;
  *found = node;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return MEMBER_ABSENT;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return MEMBER_WRONG;

  *out = json_node_get_string (node);
  return MEMBER_OK;
}

static MemberState
get_boolean (JsonObject  *object,
             const char  *member,
             gboolean    *out,
             JsonNode   **found)
{
  JsonNode *node = lookup (object, member);

  *out = FALSE;
  *found = node;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return MEMBER_ABSENT;
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_BOOLEAN)
        {
          *out = json_node_get_boolean (node);
          return MEMBER_OK;
        }
      if (type == G_TYPE_STRING)
        {
          const char *text = json_node_get_string (node);

          if (g_ascii_strcasecmp (text, "true") == 0)
            {
              *out = TRUE;
              return MEMBER_OK;
            }
          if (g_ascii_strcasecmp (text, "false") == 0 || text[0] == '\0')
            return MEMBER_OK;
        }
    }

  return MEMBER_WRONG;
}

static gboolean
node_to_int (JsonNode *node,
             gint64   *out)
{
  GType type = json_node_get_value_type (node);

  if (type == G_TYPE_INT64)
    *out = json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE)
    {
      double d = json_node_get_double (node);

      if (!(d >= -1e15 && d <= 1e15))
        return FALSE;
      *out = (gint64) d;
    }
  else if (type == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);
      char *end = NULL;

      if (text[0] == '\0')
        return FALSE;
      *out = g_ascii_strtoll (text, &end, 10);
      if (end == NULL || *end != '\0')
        return FALSE;
    }
  else
    return FALSE;

  return TRUE;
}

typedef struct
{
  const char  *origin;
  GError     **error;
} Context;

G_GNUC_PRINTF (3, 4)
static gboolean
invalid (Context    *ctx,
         JsonNode   *found,
         const char *path_format,
         ...)
{
  g_autofree char *path = NULL;
  va_list args;

  va_start (args, path_format);
  path = g_strdup_vprintf (path_format, args);
  va_end (args);

  g_set_error (ctx->error, POSTURE_SNAPSHOT_ERROR, POSTURE_SNAPSHOT_ERROR_INVALID,
               "%s: %s: unexpected %s; this file is not a Posture snapshot or is damaged",
               ctx->origin, path, posture_json_node_type_name (found));
  return FALSE;
}

static void
warn (PostureSnapshot *self,
      const char      *format,
      ...) G_GNUC_PRINTF (2, 3);

static void
warn (PostureSnapshot *self,
      const char      *format,
      ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_insert (self->warnings, self->warnings->len - 1, g_strdup_vprintf (format, args));
  va_end (args);
}

/* ------------------------------------------------------------------------- */
/* Sources                                                                   */
/* ------------------------------------------------------------------------- */

static gboolean
load_isolation (PostureSnapshot *self,
                JsonNode        *node,
                Context         *ctx)
{
  JsonObject *object;
  JsonObject *properties = NULL;
  JsonNode *found = NULL;
  JsonNode *allowed;
  gboolean disabled = FALSE;

  if (JSON_NODE_HOLDS_NULL (node))
    {
      self->isolation_state = POSTURE_ISOLATION_NOT_CONFIGURED;
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (ctx, node, "sources.tenant_isolation");

  object = json_node_get_object (node);
  if (get_object (object, "properties", &properties, &found) == MEMBER_WRONG)
    return invalid (ctx, found, "sources.tenant_isolation.properties");

  /* A policy without isDisabled is not "isDisabled false": it does not pass. */
  switch (get_boolean (properties, "isDisabled", &disabled, &found))
    {
    case MEMBER_WRONG:
      return invalid (ctx, found, "sources.tenant_isolation.properties.isDisabled");
    case MEMBER_ABSENT:
      self->isolation_state = POSTURE_ISOLATION_DISABLED;
      warn (self, _("The tenant isolation policy does not say whether it is enabled; "
            "it is counted as disabled"));
      break;
    case MEMBER_OK:
    default:
      self->isolation_state = disabled ? POSTURE_ISOLATION_DISABLED : POSTURE_ISOLATION_ENABLED;
      break;
    }

  allowed = lookup (properties, "allowedTenants");
  if (allowed == NULL || JSON_NODE_HOLDS_NULL (allowed))
    return TRUE;

  /* A disabled policy is sent with "allowedTenants": "" rather than []. */
  if (JSON_NODE_HOLDS_VALUE (allowed) && json_node_get_value_type (allowed) == G_TYPE_STRING &&
      json_node_get_string (allowed)[0] == '\0')
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (allowed))
    return invalid (ctx, allowed, "sources.tenant_isolation.properties.allowedTenants");

  for (guint i = 0; i < json_array_get_length (json_node_get_array (allowed)); i++)
    {
      JsonNode *item = json_array_get_element (json_node_get_array (allowed), i);
      JsonObject *entry;
      JsonObject *direction = NULL;
      PostureAllowedTenant *tenant;
      const char *tenant_id = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        return invalid (ctx, item, "sources.tenant_isolation.properties.allowedTenants[%u]", i);
      entry = json_node_get_object (item);

      if (get_string (entry, "tenantId", &tenant_id, &found) != MEMBER_OK)
        return invalid (ctx, found,
                        "sources.tenant_isolation.properties.allowedTenants[%u].tenantId", i);
      if (get_object (entry, "direction", &direction, &found) == MEMBER_WRONG)
        return invalid (ctx, found,
                        "sources.tenant_isolation.properties.allowedTenants[%u].direction", i);

      tenant = g_new0 (PostureAllowedTenant, 1);
      tenant->tenant_id = g_strdup (tenant_id);
      g_ptr_array_add (self->allowed_tenants, tenant);

      if (get_boolean (direction, "inbound", &tenant->inbound, &found) == MEMBER_WRONG)
        return invalid (ctx, found,
                        "sources.tenant_isolation.properties.allowedTenants[%u].direction.inbound", i);
      if (get_boolean (direction, "outbound", &tenant->outbound, &found) == MEMBER_WRONG)
        return invalid (ctx, found,
                        "sources.tenant_isolation.properties.allowedTenants[%u].direction.outbound", i);
    }

  return TRUE;
}

static gboolean
load_environment (PostureSnapshot    *self,
                  JsonNode           *node,
                  guint               index,
                  Context            *ctx,
                  PostureEnvironment **out)
{
  PostureEnvironment *env;
  JsonObject *object;
  JsonObject *properties = NULL;
  JsonObject *linked = NULL;
  JsonObject *governance = NULL;
  JsonObject *settings = NULL;
  JsonObject *extended = NULL;
  JsonObject *policies = NULL;
  JsonObject *policy = NULL;
  JsonNode *found = NULL;
  const char *text = NULL;
  gboolean is_default = FALSE;

  *out = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (ctx, node, "sources.environments[%u]", index);
  object = json_node_get_object (node);

  if (get_string (object, "name", &text, &found) != MEMBER_OK || text[0] == '\0')
    return invalid (ctx, found, "sources.environments[%u].name", index);

  if (get_object (object, "properties", &properties, &found) == MEMBER_WRONG)
    return invalid (ctx, found, "sources.environments[%u].properties", index);

  env = g_new0 (PostureEnvironment, 1);
  *out = env;
  env->name = g_strdup (text);
  env->max_limit_user_sharing = -1;

#define STRING_MEMBER(obj, member, field, path)                                   \
  G_STMT_START {                                                                  \
    if (get_string (obj, member, &text, &found) == MEMBER_WRONG)                  \
      return invalid (ctx, found, "sources.environments[%u]." path, index);       \
    field = g_strdup (text);                                                      \
  } G_STMT_END

  STRING_MEMBER (properties, "displayName", env->display_name, "properties.displayName");
  STRING_MEMBER (properties, "environmentSku", env->sku, "properties.environmentSku");
  STRING_MEMBER (object, "location", env->location, "location");

  if (env->display_name == NULL || env->display_name[0] == '\0')
    {
      g_free (env->display_name);
      env->display_name = g_strdup (env->name);
    }

  switch (get_boolean (properties, "isDefault", &is_default, &found))
    {
    case MEMBER_WRONG:
      return invalid (ctx, found, "sources.environments[%u].properties.isDefault", index);
    case MEMBER_ABSENT:
      is_default = env->sku != NULL && g_ascii_strcasecmp (env->sku, "Default") == 0;
      break;
    case MEMBER_OK:
    default:
      break;
    }
  env->is_default = is_default;

  if (get_object (properties, "linkedEnvironmentMetadata", &linked, &found) == MEMBER_WRONG)
    return invalid (ctx, found, "sources.environments[%u].properties.linkedEnvironmentMetadata",
                    index);
  env->has_dataverse = linked != NULL;
  if (linked != NULL)
    {
      STRING_MEMBER (linked, "securityGroupId", env->security_group_id,
                     "properties.linkedEnvironmentMetadata.securityGroupId");
      STRING_MEMBER (linked, "instanceUrl", env->instance_url,
                     "properties.linkedEnvironmentMetadata.instanceUrl");
      if (env->security_group_id != NULL &&
          (env->security_group_id[0] == '\0' ||
           g_ascii_strcasecmp (env->security_group_id, ZERO_GUID) == 0))
        g_clear_pointer (&env->security_group_id, g_free);
    }

  if (get_object (properties, "governanceConfiguration", &governance, &found) == MEMBER_WRONG)
    return invalid (ctx, found, "sources.environments[%u].properties.governanceConfiguration",
                    index);
  if (get_string (governance, "protectionLevel", &text, &found) == MEMBER_WRONG)
    return invalid (ctx, found,
                    "sources.environments[%u].properties.governanceConfiguration.protectionLevel",
                    index);
  env->managed = text != NULL && g_ascii_strcasecmp (text, "Standard") == 0;
  env->protection_level = text ? printable (text) : NULL;

  if (get_object (governance, "settings", &settings, &found) == MEMBER_WRONG)
    return invalid (ctx, found,
                    "sources.environments[%u].properties.governanceConfiguration.settings", index);
  if (get_object (settings, "extendedSettings", &extended, &found) == MEMBER_WRONG)
    return invalid (ctx, found, "sources.environments[%u].properties.governanceConfiguration"
                    ".settings.extendedSettings", index);
  STRING_MEMBER (extended, "limitSharingMode", env->limit_sharing_mode,
                 "properties.governanceConfiguration.settings.extendedSettings.limitSharingMode");
  if ((found = lookup (extended, "maxLimitUserSharing")) != NULL && !JSON_NODE_HOLDS_NULL (found))
    {
      gint64 value = -1;

      if (!JSON_NODE_HOLDS_VALUE (found))
        return invalid (ctx, found, "sources.environments[%u].properties.governanceConfiguration"
                        ".settings.extendedSettings.maxLimitUserSharing", index);

      /* Sent as a string ("-1", "10"); a number is accepted too. */
      if (!node_to_int (found, &value))
        {
          g_autofree char *shown = printable (env->name);

          value = -1;
          warn (self, _("Environment %s: maxLimitUserSharing is not a number; it is counted as "
                "no limit"), shown);
        }
      env->max_limit_user_sharing = value;
    }

  if (get_object (properties, "enterprisePolicies", &policies, &found) == MEMBER_WRONG)
    return invalid (ctx, found, "sources.environments[%u].properties.enterprisePolicies", index);

  if (get_object (policies, "customerManagedKeys", &policy, &found) == MEMBER_WRONG)
    return invalid (ctx, found,
                    "sources.environments[%u].properties.enterprisePolicies.customerManagedKeys",
                    index);
  if (policy != NULL)
    {
      if (get_string (policy, "linkStatus", &text, &found) == MEMBER_ABSENT)
        get_string (policy, "status", &text, &found);
      env->cmk_linked = text != NULL && g_ascii_strcasecmp (text, "Linked") == 0;
    }

  if (get_object (policies, "vNets", &policy, &found) == MEMBER_WRONG)
    return invalid (ctx, found, "sources.environments[%u].properties.enterprisePolicies.vNets",
                    index);
  if (policy != NULL)
    {
      if (get_string (policy, "linkStatus", &text, &found) == MEMBER_ABSENT)
        get_string (policy, "status", &text, &found);
      env->vnet_linked = text != NULL && g_ascii_strcasecmp (text, "Linked") == 0;
    }

#undef STRING_MEMBER

  env->dataverse_state = env->has_dataverse ? POSTURE_DATAVERSE_MISSING : POSTURE_DATAVERSE_NONE;

  return TRUE;
}

static gboolean
load_environments (PostureSnapshot *self,
                   JsonNode        *node,
                   Context         *ctx)
{
  JsonArray *array;
  guint n;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return invalid (ctx, node, "sources.environments");

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  g_ptr_array_set_size (self->environments, 0);

  for (guint i = 0; i < n; i++)
    {
      PostureEnvironment *env = NULL;
      char *key;

      if (!load_environment (self, json_array_get_element (array, i), i, ctx, &env))
        {
          g_clear_pointer (&env, environment_free);
          return FALSE;
        }

      key = g_utf8_strdown (env->name, -1);
      if (g_hash_table_contains (self->by_name, key))
        {
          g_autofree char *shown = printable (env->name);

          warn (self, _("Environment %s is listed twice; the second entry is ignored"), shown);
          g_free (key);
          environment_free (env);
          continue;
        }

      g_hash_table_insert (self->by_name, key, env);
      g_ptr_array_add (self->environments, env);

      if (env->is_default && self->default_environment == NULL)
        self->default_environment = env;
    }

  return TRUE;
}

static gboolean
load_dataverse (PostureSnapshot *self,
                JsonNode        *node,
                Context         *ctx)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *entry;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (ctx, node, "sources.dataverse");

  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &name, &entry))
    {
      g_autofree char *key = g_utf8_strdown (name, -1);
      PostureEnvironment *env = g_hash_table_lookup (self->by_name, key);
      JsonObject *object;
      JsonObject *row;
      JsonObject *failure = NULL;
      JsonArray *value;
      JsonNode *found = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (entry))
        {
          g_autofree char *shown = printable (name);

          return invalid (ctx, entry, "sources.dataverse[\"%s\"]", shown);
        }
      object = json_node_get_object (entry);

      if (env == NULL || !env->has_dataverse)
        continue;

      if (get_object (object, "error", &failure, &found) == MEMBER_WRONG)
        {
          g_autofree char *shown = printable (name);

          return invalid (ctx, found, "sources.dataverse[\"%s\"].error", shown);
        }

      if (failure != NULL)
        {
          const char *message = NULL;
          gint64 status = 0;

          posture_json_get_int (failure, "status", &status);
          get_string (failure, "message", &message, &found);
          if (message == NULL)
            get_string (failure, "code", &message, &found);

          env->dataverse_state = POSTURE_DATAVERSE_ERROR;
          env->dataverse_error_status = status > 0 && status < 1000 ? (guint) status : 0;
          env->dataverse_error_message = message ? printable (message) : NULL;
          continue;
        }

      /* Either the organizations row itself, or the OData list that holds it. */
      row = object;
      if ((value = posture_json_get_array (object, "value")) != NULL)
        {
          JsonNode *first = json_array_get_length (value) > 0
                            ? json_array_get_element (value, 0) : NULL;

          if (first == NULL || !JSON_NODE_HOLDS_OBJECT (first))
            {
              g_autofree char *shown = printable (name);

              return invalid (ctx, first, "sources.dataverse[\"%s\"].value[0]", shown);
            }
          row = json_node_get_object (first);
        }

      env->dataverse_state = POSTURE_DATAVERSE_READ;
      env->dataverse = json_object_ref (row);
    }

  return TRUE;
}

static char *
name_from_reference (JsonNode *node)
{
  JsonObject *object;
  const char *text = NULL;
  JsonNode *found = NULL;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  object = json_node_get_object (node);
  if (get_string (object, "name", &text, &found) == MEMBER_OK)
    return g_strdup (text);

  /* "/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments/{name}" */
  if (get_string (object, "id", &text, &found) == MEMBER_OK)
    {
      const char *slash = strrchr (text, '/');

      return g_strdup (slash ? slash + 1 : text);
    }

  return NULL;
}

static gboolean
load_connector_groups (PostureDlpPolicy *policy,
                       JsonArray        *groups,
                       guint             index,
                       const char       *wrapper,
                       Context          *ctx)
{
  for (guint g = 0; g < json_array_get_length (groups); g++)
    {
      JsonNode *node = json_array_get_element (groups, g);
      g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
      g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
      PostureConnectorGroup *group;
      JsonObject *object;
      JsonNode *connectors;
      JsonNode *found = NULL;
      const char *text = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return invalid (ctx, node, "sources.dlp_policies[%u].%sconnectorGroups[%u]",
                        index, wrapper, g);
      object = json_node_get_object (node);

      if (get_string (object, "classification", &text, &found) == MEMBER_WRONG)
        return invalid (ctx, found,
                        "sources.dlp_policies[%u].%sconnectorGroups[%u].classification",
                        index, wrapper, g);

      group = g_new0 (PostureConnectorGroup, 1);
      group->classification = g_strdup (text);
      g_ptr_array_add (policy->connector_groups, group);

      connectors = lookup (object, "connectors");
      if (connectors != NULL && !JSON_NODE_HOLDS_NULL (connectors))
        {
          JsonArray *array;

          if (!JSON_NODE_HOLDS_ARRAY (connectors))
            return invalid (ctx, connectors,
                            "sources.dlp_policies[%u].%sconnectorGroups[%u].connectors",
                        index, wrapper, g);
          array = json_node_get_array (connectors);

          for (guint c = 0; c < json_array_get_length (array); c++)
            {
              JsonNode *item = json_array_get_element (array, c);
              const char *id = NULL;
              const char *name = NULL;

              if (!JSON_NODE_HOLDS_OBJECT (item))
                return invalid (ctx, item,
                                "sources.dlp_policies[%u].%sconnectorGroups[%u].connectors[%u]",
                        index, wrapper, g, c);
              if (get_string (json_node_get_object (item), "id", &id, &found) == MEMBER_WRONG ||
                  get_string (json_node_get_object (item), "name", &name, &found) == MEMBER_WRONG)
                return invalid (ctx, found,
                                "sources.dlp_policies[%u].%sconnectorGroups[%u].connectors[%u]",
                        index, wrapper, g, c);
              g_strv_builder_add (ids, id ? id : "");
              g_strv_builder_add (names, name ? name : (id ? id : ""));
            }
        }

      group->connector_ids = g_strv_builder_end (ids);
      group->connector_names = g_strv_builder_end (names);
    }

  return TRUE;
}

static gboolean
load_dlp_policy (PostureSnapshot   *self,
                 JsonNode          *node,
                 guint              index,
                 Context           *ctx,
                 PostureDlpPolicy **out)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  PostureDlpPolicy *policy;
  JsonObject *object;
  JsonObject *definition = NULL;
  JsonNode *found = NULL;
  JsonNode *environments;
  JsonNode *groups;
  const char *text = NULL;
  const char *wrapper = "";

  *out = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (ctx, node, "sources.dlp_policies[%u]", index);
  object = json_node_get_object (node);

  /* DLP v2 wraps the policy in "policyDefinition"; accept the bare definition too. */
  if (get_object (object, "policyDefinition", &definition, &found) == MEMBER_WRONG)
    return invalid (ctx, found, "sources.dlp_policies[%u].policyDefinition", index);
  if (definition == NULL)
    definition = object;
  else
    wrapper = "policyDefinition.";

  policy = g_new0 (PostureDlpPolicy, 1);
  *out = policy;
  policy->connector_groups = g_ptr_array_new_with_free_func (connector_group_free);
  policy->environment_set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (get_string (definition, "name", &text, &found) == MEMBER_WRONG)
    return invalid (ctx, found, "sources.dlp_policies[%u].%sname",
                        index, wrapper);
  policy->name = g_strdup (text ? text : "");
  if (get_string (definition, "displayName", &text, &found) == MEMBER_WRONG)
    return invalid (ctx, found, "sources.dlp_policies[%u].%sdisplayName",
                        index, wrapper);
  policy->display_name = g_strdup (text ? text : policy->name);
  if (get_string (definition, "environmentType", &text, &found) == MEMBER_WRONG)
    return invalid (ctx, found, "sources.dlp_policies[%u].%senvironmentType",
                        index, wrapper);
  policy->environment_type = g_strdup (text);

  if (text == NULL ||
      (g_ascii_strcasecmp (text, "AllEnvironments") != 0 &&
       g_ascii_strcasecmp (text, "OnlyEnvironments") != 0 &&
       g_ascii_strcasecmp (text, "ExceptEnvironments") != 0))
    {
      g_autofree char *shown = printable (policy->display_name);
      g_autofree char *type = text ? printable (text) : NULL;

      warn (self, _("Data policy \"%s\" has environmentType %s; it is counted as covering no "
            "environment"), shown, type ? type : "(missing)");
    }

  environments = lookup (definition, "environments");
  if (environments != NULL && JSON_NODE_HOLDS_ARRAY (environments))
    {
      JsonArray *array = json_node_get_array (environments);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);
          char *name = name_from_reference (item);

          if (name == NULL)
            return invalid (ctx, item, "sources.dlp_policies[%u].%senvironments[%u]",
                        index, wrapper, i);
          g_strv_builder_add (names, name);
          g_hash_table_add (policy->environment_set, g_utf8_strdown (name, -1));
          g_free (name);
        }
    }
  else if (environments != NULL && !JSON_NODE_HOLDS_NULL (environments) &&
           !(JSON_NODE_HOLDS_VALUE (environments) &&
             json_node_get_value_type (environments) == G_TYPE_STRING &&
             json_node_get_string (environments)[0] == '\0'))
    return invalid (ctx, environments, "sources.dlp_policies[%u].%senvironments",
                        index, wrapper);
  policy->environments = g_strv_builder_end (names);

  groups = lookup (definition, "connectorGroups");
  if (groups != NULL && !JSON_NODE_HOLDS_NULL (groups))
    {
      if (!JSON_NODE_HOLDS_ARRAY (groups))
        return invalid (ctx, groups, "sources.dlp_policies[%u].%sconnectorGroups",
                        index, wrapper);
      if (!load_connector_groups (policy, json_node_get_array (groups), index, wrapper, ctx))
        return FALSE;
    }

  return TRUE;
}

static gboolean
load_dlp_policies (PostureSnapshot *self,
                   JsonNode        *node,
                   Context         *ctx)
{
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return invalid (ctx, node, "sources.dlp_policies");

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      PostureDlpPolicy *policy = NULL;

      if (!load_dlp_policy (self, json_array_get_element (array, i), i, ctx, &policy))
        {
          g_clear_pointer (&policy, dlp_policy_free);
          return FALSE;
        }
      g_ptr_array_add (self->dlp_policies, policy);
    }

  return TRUE;
}

static gboolean
load_root (PostureSnapshot *self,
           JsonNode        *root,
           Context         *ctx)
{
  JsonObject *object;
  JsonObject *tenant = NULL;
  JsonObject *sources = NULL;
  JsonNode *found = NULL;
  JsonNode *node;
  const char *text = NULL;
  gint64 version = 0;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (ctx->error, POSTURE_SNAPSHOT_ERROR, POSTURE_SNAPSHOT_ERROR_INVALID,
                   "%s: not a Posture snapshot: the document is %s, not an object",
                   ctx->origin, posture_json_node_type_name (root));
      return FALSE;
    }
  object = json_node_get_object (root);

  node = json_object_get_member (object, "posture_snapshot");
  if (node == NULL)
    {
      g_set_error (ctx->error, POSTURE_SNAPSHOT_ERROR, POSTURE_SNAPSHOT_ERROR_INVALID,
                   "%s: not a Posture snapshot: it has no \"posture_snapshot\" member; "
                   "create one with \"posture-cli snapshot\"", ctx->origin);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return invalid (ctx, node, "posture_snapshot");

  version = json_node_get_int (node);
  if (version > POSTURE_SNAPSHOT_FORMAT_VERSION)
    {
      g_set_error (ctx->error, POSTURE_SNAPSHOT_ERROR, POSTURE_SNAPSHOT_ERROR_UNSUPPORTED_VERSION,
                   "%s: snapshot format version %" G_GINT64_FORMAT " is newer than this "
                   "Posture reads (version %d); update Posture to assess it",
                   ctx->origin, version, POSTURE_SNAPSHOT_FORMAT_VERSION);
      return FALSE;
    }
  if (version < 1)
    {
      g_set_error (ctx->error, POSTURE_SNAPSHOT_ERROR, POSTURE_SNAPSHOT_ERROR_INVALID,
                   "%s: posture_snapshot: %" G_GINT64_FORMAT " is not a snapshot format version",
                   ctx->origin, version);
      return FALSE;
    }

  if (get_string (object, "captured_at", &text, &found) == MEMBER_WRONG)
    return invalid (ctx, found, "captured_at");
  if (text != NULL && !(self->captured_at = g_date_time_new_from_iso8601 (text, NULL)))
    warn (self, _("The capture time of the snapshot is not a date; it is not shown"));

  if (get_string (object, "cloud", &text, &found) == MEMBER_WRONG)
    return invalid (ctx, found, "cloud");
  self->cloud = g_strdup (text ? text : "public");

  if (get_object (object, "tenant", &tenant, &found) == MEMBER_WRONG)
    return invalid (ctx, found, "tenant");
  if (get_string (tenant, "id", &text, &found) == MEMBER_WRONG)
    return invalid (ctx, found, "tenant.id");
  self->tenant_id = g_strdup (text);
  if (get_string (tenant, "display_name", &text, &found) == MEMBER_WRONG)
    return invalid (ctx, found, "tenant.display_name");
  self->tenant_name = g_strdup (text);

  if (get_object (object, "sources", &sources, &found) != MEMBER_OK)
    {
      if (found == NULL || JSON_NODE_HOLDS_NULL (found))
        {
          g_set_error (ctx->error, POSTURE_SNAPSHOT_ERROR, POSTURE_SNAPSHOT_ERROR_INVALID,
                       "%s: sources: missing; the snapshot holds no tenant data", ctx->origin);
          return FALSE;
        }
      return invalid (ctx, found, "sources");
    }

  /* tenant_settings: the listTenantSettings object. */
  if ((node = json_object_get_member (sources, "tenant_settings")) != NULL &&
      !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return invalid (ctx, node, "sources.tenant_settings");
      self->tenant_settings = json_node_get_object (node);
      self->has_tenant_settings = TRUE;
    }
  else
    warn (self, _("The snapshot holds no tenant settings; the controls that read them are unknown"));

  /* tenant_isolation: null means "never configured" (404); absent means not read. */
  if ((node = json_object_get_member (sources, "tenant_isolation")) != NULL)
    {
      if (!load_isolation (self, node, ctx))
        return FALSE;
      self->has_isolation = TRUE;
    }
  else
    warn (self, _("The snapshot holds no tenant isolation policy; tenant isolation is unknown"));

  if ((node = json_object_get_member (sources, "environments")) != NULL &&
      !JSON_NODE_HOLDS_NULL (node))
    {
      if (!load_environments (self, node, ctx))
        return FALSE;
      self->has_environments = TRUE;
    }
  else
    warn (self, _("The snapshot holds no environments; environment controls are not applicable "
          "and tenant controls are worth no points"));

  if ((node = json_object_get_member (sources, "dlp_policies")) != NULL &&
      !JSON_NODE_HOLDS_NULL (node))
    {
      if (!load_dlp_policies (self, node, ctx))
        return FALSE;
      self->has_dlp_policies = TRUE;
    }
  else
    warn (self, _("The snapshot holds no data policies; the data policy controls are unknown"));

  if ((node = json_object_get_member (sources, "dataverse")) != NULL &&
      !JSON_NODE_HOLDS_NULL (node))
    {
      if (!load_dataverse (self, node, ctx))
        return FALSE;
      self->has_dataverse = TRUE;
    }

  if (self->default_environment == NULL && self->environments->len > 0)
    warn (self, _("No environment is marked as the default environment"));

  return TRUE;
}

/* ------------------------------------------------------------------------- */
/* GObject                                                                   */
/* ------------------------------------------------------------------------- */

static void
posture_snapshot_finalize (GObject *object)
{
  PostureSnapshot *self = (PostureSnapshot *)object;

  g_clear_pointer (&self->by_name, g_hash_table_unref);
  g_clear_pointer (&self->environments, g_ptr_array_unref);
  g_clear_pointer (&self->dlp_policies, g_ptr_array_unref);
  g_clear_pointer (&self->allowed_tenants, g_ptr_array_unref);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_clear_pointer (&self->root, json_node_unref);
  g_clear_pointer (&self->tenant_id, g_free);
  g_clear_pointer (&self->tenant_name, g_free);
  g_clear_pointer (&self->cloud, g_free);
  g_clear_pointer (&self->captured_at, g_date_time_unref);

  G_OBJECT_CLASS (posture_snapshot_parent_class)->finalize (object);
}

static void
posture_snapshot_class_init (PostureSnapshotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = posture_snapshot_finalize;
}

static void
posture_snapshot_init (PostureSnapshot *self)
{
  self->environments = g_ptr_array_new_with_free_func (environment_free);
  self->by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->dlp_policies = g_ptr_array_new_with_free_func (dlp_policy_free);
  self->allowed_tenants = g_ptr_array_new_with_free_func (allowed_tenant_free);
  self->warnings = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->warnings, NULL);
  self->isolation_state = POSTURE_ISOLATION_NOT_CONFIGURED;
}

/* ------------------------------------------------------------------------- */
/* Public API                                                                */
/* ------------------------------------------------------------------------- */

/**
 * posture_snapshot_new_from_json:
 * @root: a parsed snapshot document (parse outside input with posture_json_parse*())
 * @origin: names the source in error messages
 *
 * Returns: (transfer full): the snapshot; it keeps a reference to @root
 */
PostureSnapshot *
posture_snapshot_new_from_json (JsonNode    *root,
                                const char  *origin,
                                GError     **error)
{
  g_autoptr(PostureSnapshot) self = NULL;
  Context ctx = { origin ? origin : "snapshot", error };

  g_return_val_if_fail (root != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (POSTURE_TYPE_SNAPSHOT, NULL);
  self->root = json_node_ref (root);

  if (!load_root (self, root, &ctx))
    return NULL;

  return g_steal_pointer (&self);
}

/* json-glib copies every string into the tree; one huge string (50 MB) is not a
 * snapshot, and is refused before the parser sees it. Linear, memchr-fast. */
static gboolean
check_string_lengths (const char  *data,
                      gsize        length,
                      const char  *origin,
                      GError     **error)
{
  const char *end = data + length;
  const char *p = data;

  while (p < end && (p = memchr (p, '"', end - p)) != NULL)
    {
      const char *start = ++p;

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

      if ((gsize) (p - 1 - start) > POSTURE_SNAPSHOT_MAX_STRING)
        {
          g_set_error (error, POSTURE_JSON_ERROR, POSTURE_JSON_ERROR_TOO_LARGE,
                       "%s: a string of %" G_GSIZE_FORMAT " bytes at byte %" G_GSIZE_FORMAT
                       " is longer than the %u bytes a snapshot value may have; this file is "
                       "not a Posture snapshot or is damaged",
                       origin, (gsize) (p - 1 - start), (gsize) (start - 1 - data),
                       POSTURE_SNAPSHOT_MAX_STRING);
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * posture_snapshot_new_from_data:
 * @data: the document
 * @origin: names the source in error messages
 *
 * Parses (bounded depth, bounded string length) and normalises a snapshot.
 *
 * Returns: (transfer full): the snapshot
 */
PostureSnapshot *
posture_snapshot_new_from_data (const char  *data,
                                gsize        length,
                                const char  *origin,
                                GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (origin == NULL)
    origin = "snapshot";

  if (length > POSTURE_SNAPSHOT_MAX_SIZE)
    {
      g_set_error (error, POSTURE_JSON_ERROR, POSTURE_JSON_ERROR_TOO_LARGE,
                   "%s: %" G_GSIZE_FORMAT " bytes is more than the %u bytes a snapshot may have",
                   origin, length, POSTURE_SNAPSHOT_MAX_SIZE);
      return NULL;
    }

  if (!check_string_lengths (data, length, origin, error))
    return NULL;

  if (!(root = posture_json_parse (data, length, POSTURE_JSON_DEFAULT_MAX_DEPTH, &local_error)))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", origin);
      return NULL;
    }

  return posture_snapshot_new_from_json (root, origin, error);
}

/**
 * posture_snapshot_new_from_file:
 *
 * Returns: (transfer full): the snapshot in @path
 */
PostureSnapshot *
posture_snapshot_new_from_file (const char  *path,
                                GError     **error)
{
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *shown = NULL;
  GStatBuf st;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  shown = printable (path);

  if (g_stat (path, &st) == 0 && !S_ISREG (st.st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   "%s is not a regular file", shown);
      return NULL;
    }
  if (g_stat (path, &st) == 0 && (guint64) st.st_size > POSTURE_SNAPSHOT_MAX_SIZE)
    {
      g_set_error (error, POSTURE_JSON_ERROR, POSTURE_JSON_ERROR_TOO_LARGE,
                   "%s is %" G_GUINT64_FORMAT " bytes, more than the %u bytes a snapshot may "
                   "have", shown, (guint64) st.st_size, POSTURE_SNAPSHOT_MAX_SIZE);
      return NULL;
    }

  /* Mapped rather than read: the pages are dropped as soon as the tree is built. */
  if (!(mapped = g_mapped_file_new (path, FALSE, &local_error)))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return posture_snapshot_new_from_data (g_mapped_file_get_contents (mapped),
                                         g_mapped_file_get_length (mapped),
                                         shown, error);
}

static void
load_file_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  PostureSnapshot *snapshot;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (!(snapshot = posture_snapshot_new_from_file (task_data, &error)))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, snapshot, g_object_unref);
}

void
posture_snapshot_new_from_file_async (const char          *path,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, posture_snapshot_new_from_file_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, load_file_thread);
}

/**
 * posture_snapshot_new_from_file_finish:
 *
 * Returns: (transfer full): the snapshot
 */
PostureSnapshot *
posture_snapshot_new_from_file_finish (GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        posture_snapshot_new_from_file_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * posture_snapshot_get_json:
 *
 * Returns: (transfer none): the raw document
 */
JsonNode *
posture_snapshot_get_json (PostureSnapshot *self)
{
  g_return_val_if_fail (POSTURE_IS_SNAPSHOT (self), NULL);
  return self->root;
}

/**
 * posture_snapshot_to_data:
 *
 * Returns: (transfer full): the raw document as compact JSON
 */
char *
posture_snapshot_to_data (PostureSnapshot *self,
                          gsize           *length)
{
  char *data;

  g_return_val_if_fail (POSTURE_IS_SNAPSHOT (self), NULL);

  data = posture_json_to_string (self->root, FALSE);
  if (length != NULL)
    *length = strlen (data);
  return data;
}

const char *
posture_snapshot_get_tenant_id (PostureSnapshot *self)
{
  g_return_val_if_fail (POSTURE_IS_SNAPSHOT (self), NULL);
  return self->tenant_id;
}

const char *
posture_snapshot_get_tenant_name (PostureSnapshot *self)
{
  g_return_val_if_fail (POSTURE_IS_SNAPSHOT (self), NULL);
  return self->tenant_name;
}

const char *
posture_snapshot_get_cloud (PostureSnapshot *self)
{
  g_return_val_if_fail (POSTURE_IS_SNAPSHOT (self), NULL);
  return self->cloud;
}

GDateTime *
posture_snapshot_get_captured_at (PostureSnapshot *self)
{
  g_return_val_if_fail (POSTURE_IS_SNAPSHOT (self), NULL);
  return self->captured_at;
}

/**
 * posture_snapshot_get_tenant_settings:
 *
 * Returns: (transfer none) (nullable): the listTenantSettings object
 */
JsonObject *
posture_snapshot_get_tenant_settings (PostureSnapshot *self)
{
  g_return_val_if_fail (POSTURE_IS_SNAPSHOT (self), NULL);
  return self->tenant_settings;
}

PostureIsolationState
posture_snapshot_get_isolation_state (PostureSnapshot *self)
{
  g_return_val_if_fail (POSTURE_IS_SNAPSHOT (self), POSTURE_ISOLATION_NOT_CONFIGURED);
  return self->isolation_state;
}

/**
 * posture_snapshot_get_allowed_tenants:
 *
 * Returns: (transfer none) (element-type PostureAllowedTenant): the allow-list
 */
GPtrArray *
posture_snapshot_get_allowed_tenants (PostureSnapshot *self)
{
  g_return_val_if_fail (POSTURE_IS_SNAPSHOT (self), NULL);
  return self->allowed_tenants;
}

guint
posture_snapshot_get_n_environments (PostureSnapshot *self)
{
  g_return_val_if_fail (POSTURE_IS_SNAPSHOT (self), 0);
  return self->environments->len;
}

const PostureEnvironment *
posture_snapshot_get_environment (PostureSnapshot *self,
                                  guint            position)
{
  g_return_val_if_fail (POSTURE_IS_SNAPSHOT (self), NULL);
  g_return_val_if_fail (position < self->environments->len, NULL);
  return g_ptr_array_index (self->environments, position);
}

/* Environment names are GUIDs: matched case-insensitively. */
const PostureEnvironment *
posture_snapshot_lookup_environment (PostureSnapshot *self,
                                     const char      *name)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (POSTURE_IS_SNAPSHOT (self), NULL);

  if (name == NULL)
    return NULL;

  key = g_utf8_strdown (name, -1);
  return g_hash_table_lookup (self->by_name, key);
}

const PostureEnvironment *
posture_snapshot_get_default_environment (PostureSnapshot *self)
{
  g_return_val_if_fail (POSTURE_IS_SNAPSHOT (self), NULL);
  return self->default_environment;
}

guint
posture_snapshot_get_n_dlp_policies (PostureSnapshot *self)
{
  g_return_val_if_fail (POSTURE_IS_SNAPSHOT (self), 0);
  return self->dlp_policies->len;
}

const PostureDlpPolicy *
posture_snapshot_get_dlp_policy (PostureSnapshot *self,
                                 guint            position)
{
  g_return_val_if_fail (POSTURE_IS_SNAPSHOT (self), NULL);
  g_return_val_if_fail (position < self->dlp_policies->len, NULL);
  return g_ptr_array_index (self->dlp_policies, position);
}

/* AllEnvironments covers every environment; OnlyEnvironments those listed;
 * ExceptEnvironments those not listed. Anything else covers nothing. */
gboolean
posture_dlp_policy_covers (const PostureDlpPolicy *policy,
                           const char             *environment_name)
{
  g_autofree char *key = NULL;
  gboolean listed;

  g_return_val_if_fail (policy != NULL, FALSE);
  g_return_val_if_fail (environment_name != NULL, FALSE);

  if (policy->environment_type == NULL)
    return FALSE;

  if (g_ascii_strcasecmp (policy->environment_type, "AllEnvironments") == 0)
    return TRUE;

  key = g_utf8_strdown (environment_name, -1);
  if (policy->environment_set != NULL)
    listed = g_hash_table_contains (policy->environment_set, key);
  else
    {
      listed = FALSE;
      for (guint i = 0; policy->environments != NULL && policy->environments[i] != NULL; i++)
        if (g_ascii_strcasecmp (policy->environments[i], environment_name) == 0)
          listed = TRUE;
    }

  if (g_ascii_strcasecmp (policy->environment_type, "OnlyEnvironments") == 0)
    return listed;
  if (g_ascii_strcasecmp (policy->environment_type, "ExceptEnvironments") == 0)
    return !listed;

  return FALSE;
}

gboolean
posture_snapshot_has_source (PostureSnapshot *self,
                             const char      *source)
{
  g_return_val_if_fail (POSTURE_IS_SNAPSHOT (self), FALSE);
  g_return_val_if_fail (source != NULL, FALSE);

  if (g_str_equal (source, "tenant_settings"))
    return self->has_tenant_settings;
  if (g_str_equal (source, "tenant_isolation"))
    return self->has_isolation;
  if (g_str_equal (source, "environments"))
    return self->has_environments;
  if (g_str_equal (source, "dlp_policies"))
    return self->has_dlp_policies;
  if (g_str_equal (source, "dataverse"))
    return self->has_dataverse;

  return FALSE;
}

const char * const *
posture_snapshot_get_warnings (PostureSnapshot *self)
{
  g_return_val_if_fail (POSTURE_IS_SNAPSHOT (self), NULL);
  return (const char * const *) self->warnings->pdata;
}
