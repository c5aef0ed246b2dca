/* posture-snapshot-json.c: a snapshot document normalised into typed records
 *
 * This file reads the document, its header and the Power Platform sources (settings,
 * isolation, environments, Dataverse, data policies); posture-snapshot-json-graph.c
 * reads the Microsoft Graph sources.
 *
 * The raw payloads are what the real admin APIs send (reference/tenant-api.md): members
 * may be missing or null, "allowedTenants" may be "" instead of [], extended settings
 * are strings, member names vary in case (vNets/vnets). All of that is tolerated. A
 * value of the wrong type where a known member is read is not: the snapshot is refused
 * with the origin and the JSON path that was wrong.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-snapshot"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "posture-error.h"
#include "posture-snapshot-json-private.h"
#include "posture-text.h"

#define ZERO_GUID "00000000-0000-0000-0000-000000000000"

/* ------------------------------------------------------------------------- */
/* Typed member access, shared with posture-snapshot-json-graph.c            */
/* ------------------------------------------------------------------------- */

gboolean
_posture_snapshot_loader_invalid (PostureSnapshotLoader *ctx,
                                  JsonNode              *found,
                                  const char            *path_format,
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

/* Arrays of strings (application ids, control names): NULL, absent or "" is empty. */
gboolean
_posture_snapshot_loader_read_strv (PostureSnapshotLoader *ctx,
                                    JsonObject            *object,
                                    const char            *member,
                                    gboolean               nullable,
                                    GStrv                 *out,
                                    const char            *path)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  JsonNode *node = posture_json_lookup (object, member);
  JsonArray *array;

  *out = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (!nullable)
        *out = g_new0 (char *, 1);
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return invalid (ctx, node, "%s.%s", path, member);

  builder = g_strv_builder_new ();
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
        return invalid (ctx, item, "%s.%s[%u]", path, member, i);
      g_strv_builder_add (builder, json_node_get_string (item));
    }

  *out = g_strv_builder_end (builder);
  return TRUE;
}

/* `{ "error": { "status": 403, "code": "…", "message": "…" } }`: TRUE with @is_error set
 * when @object is an error entry. */
gboolean
_posture_snapshot_loader_read_error_entry (PostureSnapshotLoader *ctx,
                                           JsonObject            *object,
                                           PostureSourceError    *out,
                                           gboolean              *is_error,
                                           const char            *path)
{
  JsonObject *failure = NULL;
  JsonNode *found = NULL;
  const char *text = NULL;
  gint64 status = 0;

  *is_error = FALSE;

  if (get_object (object, "error", &failure, &found) == MEMBER_WRONG)
    return invalid (ctx, found, "%s.error", path);
  if (failure == NULL)
    return TRUE;

  *is_error = TRUE;
  _posture_source_error_clear (out);
  if (posture_json_get_int (failure, "status", &status) && status > 0 && status < 1000)
    out->status = (guint) status;
  if (get_string (failure, "code", &text, &found) == MEMBER_OK)
    out->code = posture_text_printable (text, SHOWN_NAME);
  if (get_string (failure, "message", &text, &found) == MEMBER_OK)
    out->message = posture_text_printable (text, SHOWN_MESSAGE);

  return TRUE;
}

/* A list answer: `{ "value": [ … ] }` (pages merged), or the bare array. */
gboolean
_posture_snapshot_loader_read_list (PostureSnapshotLoader *ctx,
                                    JsonNode              *node,
                                    JsonArray            **out,
                                    const char            *path)
{
  JsonNode *found = NULL;

  *out = NULL;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      *out = json_node_get_array (node);
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (ctx, node, "%s", path);

  switch (get_array (json_node_get_object (node), "value", out, &found))
    {
    case MEMBER_WRONG:
      return invalid (ctx, found, "%s.value", path);
    case MEMBER_ABSENT:
    case MEMBER_OK:
    default:
      return TRUE;
    }
}

/* ------------------------------------------------------------------------- */
/* Tenant settings and isolation                                             */
/* ------------------------------------------------------------------------- */

/* Every member, flattened to its lower-cased dotted path ("powerplatform.powerapps.
 * disablesharewitheveryone"), so that a path matches per segment case-insensitively. */
static void
flatten_settings (PostureSnapshot *self,
                  JsonObject      *object,
                  const char      *prefix)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &node))
    {
      g_autofree char *lower = g_ascii_strdown (name, -1);
      char *path = prefix ? g_strconcat (prefix, ".", lower, NULL) : g_steal_pointer (&lower);

      if (JSON_NODE_HOLDS_OBJECT (node))
        {
          flatten_settings (self, json_node_get_object (node), path);
          g_free (path);
        }
      else if (g_hash_table_contains (self->settings, path))
        g_free (path);   /* the same path in another case: the first is kept */
      else
        {
          PostureValue *value = g_new0 (PostureValue, 1);

          _posture_value_set_from_node (value, node);
          g_hash_table_insert (self->settings, path, value);
        }
    }
}

static gboolean
load_isolation (Context  *ctx,
                JsonNode *node)
{
  PostureSnapshot *self = ctx->self;
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
      _posture_snapshot_warn (self, _("The tenant isolation policy does not say whether it is "
                                      "enabled; it is counted as disabled"));
      break;
    case MEMBER_OK:
    default:
      self->isolation_state = disabled ? POSTURE_ISOLATION_DISABLED : POSTURE_ISOLATION_ENABLED;
      break;
    }

  allowed = posture_json_lookup (properties, "allowedTenants");
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
        return invalid (ctx, found, "sources.tenant_isolation.properties.allowedTenants[%u]"
                        ".direction.inbound", i);
      if (get_boolean (direction, "outbound", &tenant->outbound, &found) == MEMBER_WRONG)
        return invalid (ctx, found, "sources.tenant_isolation.properties.allowedTenants[%u]"
                        ".direction.outbound", i);
    }

  return TRUE;
}

/* ------------------------------------------------------------------------- */
/* Environments                                                              */
/* ------------------------------------------------------------------------- */

static gboolean
linked (JsonObject *policy)
{
  const char *text = NULL;
  JsonNode *found = NULL;

  if (policy == NULL)
    return FALSE;

  if (get_string (policy, "linkStatus", &text, &found) == MEMBER_ABSENT)
    get_string (policy, "status", &text, &found);

  return text != NULL && g_ascii_strcasecmp (text, "Linked") == 0;
}

#define STRING_MEMBER(obj, member, field, path)                                   \
  G_STMT_START {                                                                  \
    if (get_string (obj, member, &text, &found) == MEMBER_WRONG)                  \
      return invalid (ctx, found, "sources.environments[%u]." path, index);       \
    field = g_strdup (text);                                                      \
  } G_STMT_END

static gboolean
load_governance (Context            *ctx,
                 JsonObject         *properties,
                 guint               index,
                 PostureEnvironment *env)
{
  JsonObject *governance = NULL;
  JsonObject *settings = NULL;
  JsonObject *extended = NULL;
  JsonNode *found = NULL;
  const char *text = NULL;

  if (get_object (properties, "governanceConfiguration", &governance, &found) == MEMBER_WRONG)
    return invalid (ctx, found, "sources.environments[%u].properties.governanceConfiguration",
                    index);
  if (get_string (governance, "protectionLevel", &text, &found) == MEMBER_WRONG)
    return invalid (ctx, found,
                    "sources.environments[%u].properties.governanceConfiguration.protectionLevel",
                    index);
  env->managed = text != NULL && g_ascii_strcasecmp (text, "Standard") == 0;
  env->protection_level = text ? posture_text_printable (text, SHOWN_NAME) : NULL;

  if (get_object (governance, "settings", &settings, &found) == MEMBER_WRONG)
    return invalid (ctx, found,
                    "sources.environments[%u].properties.governanceConfiguration.settings", index);
  if (get_object (settings, "extendedSettings", &extended, &found) == MEMBER_WRONG)
    return invalid (ctx, found, "sources.environments[%u].properties.governanceConfiguration"
                    ".settings.extendedSettings", index);
  STRING_MEMBER (extended, "limitSharingMode", env->limit_sharing_mode,
                 "properties.governanceConfiguration.settings.extendedSettings.limitSharingMode");

  found = posture_json_lookup (extended, "maxLimitUserSharing");
  if (found != NULL && !JSON_NODE_HOLDS_NULL (found))
    {
      gint64 value = -1;

      if (!JSON_NODE_HOLDS_VALUE (found))
        return invalid (ctx, found, "sources.environments[%u].properties.governanceConfiguration"
                        ".settings.extendedSettings.maxLimitUserSharing", index);

      /* Sent as a string ("-1", "10"); a number is accepted too. */
      if (!posture_json_node_get_int (found, &value))
        {
          g_autofree char *shown = posture_text_printable (env->name, SHOWN_NAME);

          value = -1;
          _posture_snapshot_warn (ctx->self, _("Environment %s: maxLimitUserSharing is not a "
                                               "number; it is counted as no limit"), shown);
        }
      env->max_limit_user_sharing = value;
    }

  return TRUE;
}

static gboolean
load_environment (Context             *ctx,
                  JsonNode            *node,
                  guint                index,
                  PostureEnvironment **out)
{
  PostureEnvironment *env;
  JsonObject *object;
  JsonObject *properties = NULL;
  JsonObject *linked_metadata = NULL;
  JsonObject *policies = NULL;
  JsonObject *policy = NULL;
  JsonNode *found = NULL;
  const char *text = NULL;

  *out = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (ctx, node, "sources.environments[%u]", index);
  object = json_node_get_object (node);

  if (get_string (object, "name", &text, &found) != MEMBER_OK || text[0] == '\0')
    return invalid (ctx, found, "sources.environments[%u].name", index);

  if (get_object (object, "properties", &properties, &found) == MEMBER_WRONG)
    return invalid (ctx, found, "sources.environments[%u].properties", index);

  env = _posture_environment_new ();
  *out = env;
  env->name = g_strdup (text);

  STRING_MEMBER (properties, "displayName", env->display_name, "properties.displayName");
  STRING_MEMBER (properties, "environmentSku", env->sku, "properties.environmentSku");
  STRING_MEMBER (object, "location", env->location, "location");

  if (env->display_name == NULL || env->display_name[0] == '\0')
    {
      g_free (env->display_name);
      env->display_name = g_strdup (env->name);
    }

  if (get_boolean (properties, "isDefault", &env->is_default, &found) == MEMBER_WRONG)
    return invalid (ctx, found, "sources.environments[%u].properties.isDefault", index);

  if (get_object (properties, "linkedEnvironmentMetadata", &linked_metadata, &found) ==
      MEMBER_WRONG)
    return invalid (ctx, found, "sources.environments[%u].properties.linkedEnvironmentMetadata",
                    index);
  env->has_dataverse = linked_metadata != NULL;
  if (linked_metadata != NULL)
    {
      STRING_MEMBER (linked_metadata, "securityGroupId", env->security_group_id,
                     "properties.linkedEnvironmentMetadata.securityGroupId");
      STRING_MEMBER (linked_metadata, "instanceUrl", env->instance_url,
                     "properties.linkedEnvironmentMetadata.instanceUrl");
      if (env->security_group_id != NULL &&
          (env->security_group_id[0] == '\0' ||
           g_ascii_strcasecmp (env->security_group_id, ZERO_GUID) == 0))
        g_clear_pointer (&env->security_group_id, g_free);
    }

  if (!load_governance (ctx, properties, index, env))
    return FALSE;

  if (get_object (properties, "enterprisePolicies", &policies, &found) == MEMBER_WRONG)
    return invalid (ctx, found, "sources.environments[%u].properties.enterprisePolicies", index);

  if (get_object (policies, "customerManagedKeys", &policy, &found) == MEMBER_WRONG)
    return invalid (ctx, found,
                    "sources.environments[%u].properties.enterprisePolicies.customerManagedKeys",
                    index);
  env->cmk_linked = linked (policy);

  if (get_object (policies, "vNets", &policy, &found) == MEMBER_WRONG)
    return invalid (ctx, found, "sources.environments[%u].properties.enterprisePolicies.vNets",
                    index);
  env->vnet_linked = linked (policy);

  env->dataverse_state = env->has_dataverse ? POSTURE_DATAVERSE_MISSING : POSTURE_DATAVERSE_NONE;
  env->admins_state = env->dataverse_state;

  return TRUE;
}

#undef STRING_MEMBER

static gboolean
load_environments (Context  *ctx,
                   JsonNode *node)
{
  JsonArray *array;
  guint n;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return invalid (ctx, node, "sources.environments");

  array = json_node_get_array (node);
  n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      PostureEnvironment *env = NULL;

      if (!load_environment (ctx, json_array_get_element (array, i), i, &env))
        {
          g_clear_pointer (&env, _posture_environment_free);
          return FALSE;
        }

      _posture_snapshot_add_environment (ctx->self, env);
    }

  return TRUE;
}

/* Entries of "dataverse" and "dataverse_admins": the environment they belong to, or NULL
 * when it is not one with Dataverse (the entry is then ignored). */
static PostureEnvironment *
entry_environment (Context    *ctx,
                   const char *name)
{
  PostureEnvironment *env;

  env = (PostureEnvironment *) posture_snapshot_lookup_environment (ctx->self, name);
  return env != NULL && env->has_dataverse ? env : NULL;
}

static gboolean
load_dataverse (Context  *ctx,
                JsonNode *node)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *entry;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (ctx, node, "sources.dataverse");

  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &name, &entry))
    {
      g_autofree char *shown = posture_text_printable (name, SHOWN_NAME);
      g_autofree char *path = g_strdup_printf ("sources.dataverse[\"%s\"]", shown);
      PostureEnvironment *env = entry_environment (ctx, name);
      PostureSourceError failure = { 0, };
      JsonObjectIter columns;
      const char *column;
      JsonNode *value_node;
      JsonObject *object;
      JsonObject *row;
      JsonArray *value;
      JsonNode *found = NULL;
      gboolean is_error = FALSE;

      if (!JSON_NODE_HOLDS_OBJECT (entry))
        return invalid (ctx, entry, "%s", path);
      object = json_node_get_object (entry);

      if (env == NULL)
        continue;

      if (!read_error_entry (ctx, object, &failure, &is_error, path))
        return FALSE;

      if (is_error)
        {
          env->dataverse_state = POSTURE_DATAVERSE_ERROR;
          env->dataverse_error_status = failure.status;
          env->dataverse_error_message = g_strdup (failure.message ? failure.message
                                                                   : failure.code);
          _posture_source_error_clear (&failure);
          continue;
        }

      /* Either the organizations row itself, or the OData list that holds it. */
      row = object;
      if (get_array (object, "value", &value, &found) == MEMBER_WRONG)
        return invalid (ctx, found, "%s.value", path);
      if (value != NULL)
        {
          JsonNode *first = json_array_get_length (value) > 0
                            ? json_array_get_element (value, 0) : NULL;

          if (first == NULL || !JSON_NODE_HOLDS_OBJECT (first))
            return invalid (ctx, first, "%s.value[0]", path);
          row = json_node_get_object (first);
        }

      env->dataverse_state = POSTURE_DATAVERSE_READ;
      g_clear_pointer (&env->dataverse, json_object_unref);
      env->dataverse = json_object_ref (row);

      /* Columns matched case-insensitively; the first spelling wins. */
      if (env->columns == NULL)
        env->columns = g_new0 (PostureValue, POSTURE_N_DATAVERSE_COLUMNS);
      json_object_iter_init (&columns, row);
      while (json_object_iter_next (&columns, &column, &value_node))
        {
          int index = _posture_dataverse_column_index (column);

          if (index >= 0 && env->columns[index].kind == POSTURE_VALUE_ABSENT)
            _posture_value_set_from_node (&env->columns[index], value_node);
        }
    }

  return TRUE;
}

static const char * const system_user_columns[] = {
  "systemuserid", "isdisabled", "accessmode", "applicationid", "azureactivedirectoryobjectid",
};

static gboolean
load_role_users (Context            *ctx,
                 PostureEnvironment *env,
                 JsonNode           *role_node,
                 const char         *path,
                 guint               r)
{
  JsonArray *users = NULL;
  JsonNode *found = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (role_node))
    return invalid (ctx, role_node, "%s.value[%u]", path, r);

  switch (get_array (json_node_get_object (role_node), "systemuserroles_association", &users,
                     &found))
    {
    case MEMBER_WRONG:
      return invalid (ctx, found, "%s.value[%u].systemuserroles_association", path, r);
    case MEMBER_ABSENT:
      env->n_roles_without_users++;
      return TRUE;
    case MEMBER_OK:
    default:
      break;
    }

  for (guint u = 0; u < json_array_get_length (users); u++)
    {
      JsonNode *item = json_array_get_element (users, u);
      PostureSystemUser *user;
      PostureValue *values[G_N_ELEMENTS (system_user_columns)];

      if (!JSON_NODE_HOLDS_OBJECT (item))
        return invalid (ctx, item, "%s.value[%u].systemuserroles_association[%u]", path, r, u);

      user = g_new0 (PostureSystemUser, 1);
      g_ptr_array_add (env->system_users, user);
      values[0] = &user->systemuserid;
      values[1] = &user->isdisabled;
      values[2] = &user->accessmode;
      values[3] = &user->applicationid;
      values[4] = &user->azureactivedirectoryobjectid;

      for (guint c = 0; c < G_N_ELEMENTS (system_user_columns); c++)
        _posture_value_set_from_node (values[c],
                                      posture_json_lookup (json_node_get_object (item),
                                                           system_user_columns[c]));
    }

  return TRUE;
}

static gboolean
load_dataverse_admins (Context  *ctx,
                       JsonNode *node)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *entry;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (ctx, node, "sources.dataverse_admins");

  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &name, &entry))
    {
      g_autofree char *shown = posture_text_printable (name, SHOWN_NAME);
      g_autofree char *path = g_strdup_printf ("sources.dataverse_admins[\"%s\"]", shown);
      PostureEnvironment *env = entry_environment (ctx, name);
      PostureSourceError failure = { 0, };
      gboolean is_error = FALSE;
      JsonArray *roles = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (entry) && !JSON_NODE_HOLDS_ARRAY (entry))
        return invalid (ctx, entry, "%s", path);

      if (JSON_NODE_HOLDS_OBJECT (entry) &&
          !read_error_entry (ctx, json_node_get_object (entry), &failure, &is_error, path))
        return FALSE;

      if (env == NULL)
        {
          _posture_source_error_clear (&failure);
          continue;
        }

      if (is_error)
        {
          env->admins_state = POSTURE_DATAVERSE_ERROR;
          env->admins_error_status = failure.status;
          env->admins_error_message = g_strdup (failure.message ? failure.message
                                                                : failure.code);
          _posture_source_error_clear (&failure);
          continue;
        }

      if (!read_list (ctx, entry, &roles, path))
        return FALSE;

      env->admins_state = POSTURE_DATAVERSE_READ;
      env->n_roles_without_users = 0;
      g_clear_pointer (&env->system_users, g_ptr_array_unref);
      env->system_users = g_ptr_array_new_with_free_func (_posture_system_user_free);

      for (guint r = 0; roles != NULL && r < json_array_get_length (roles); r++)
        if (!load_role_users (ctx, env, json_array_get_element (roles, r), path, r))
          return FALSE;
    }

  return TRUE;
}

/* ------------------------------------------------------------------------- */
/* DLP policies                                                              */
/* ------------------------------------------------------------------------- */

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
load_connector_groups (Context          *ctx,
                       PostureDlpPolicy *policy,
                       JsonArray        *groups,
                       const char       *path)
{
  for (guint g = 0; g < json_array_get_length (groups); g++)
    {
      JsonNode *node = json_array_get_element (groups, g);
      g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
      g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
      PostureConnectorGroup *group;
      JsonObject *object;
      JsonArray *connectors = NULL;
      JsonNode *found = NULL;
      const char *text = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return invalid (ctx, node, "%sconnectorGroups[%u]", path, g);
      object = json_node_get_object (node);

      if (get_string (object, "classification", &text, &found) == MEMBER_WRONG)
        return invalid (ctx, found, "%sconnectorGroups[%u].classification", path, g);

      group = g_new0 (PostureConnectorGroup, 1);
      group->classification = g_strdup (text);
      g_ptr_array_add (policy->connector_groups, group);

      if (get_array (object, "connectors", &connectors, &found) == MEMBER_WRONG)
        return invalid (ctx, found, "%sconnectorGroups[%u].connectors", path, g);

      for (guint c = 0; connectors != NULL && c < json_array_get_length (connectors); c++)
        {
          JsonNode *item = json_array_get_element (connectors, c);
          const char *id = NULL;
          const char *name = NULL;

          if (!JSON_NODE_HOLDS_OBJECT (item))
            return invalid (ctx, item, "%sconnectorGroups[%u].connectors[%u]", path, g, c);
          if (get_string (json_node_get_object (item), "id", &id, &found) == MEMBER_WRONG ||
              get_string (json_node_get_object (item), "name", &name, &found) == MEMBER_WRONG)
            return invalid (ctx, found, "%sconnectorGroups[%u].connectors[%u]", path, g, c);
          g_strv_builder_add (ids, id ? id : "");
          g_strv_builder_add (names, name ? name : (id ? id : ""));
        }

      group->connector_ids = g_strv_builder_end (ids);
      group->connector_names = g_strv_builder_end (names);
    }

  return TRUE;
}

static gboolean
known_environment_type (const char *type)
{
  static const char * const known[] = {
    "AllEnvironments", "OnlyEnvironments", "ExceptEnvironments", "SingleEnvironment",
  };

  for (guint i = 0; type != NULL && i < G_N_ELEMENTS (known); i++)
    if (g_ascii_strcasecmp (type, known[i]) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
load_dlp_policy (Context           *ctx,
                 JsonNode          *node,
                 guint              index,
                 PostureDlpPolicy **out)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_autofree char *path = NULL;
  PostureDlpPolicy *policy;
  JsonObject *object;
  JsonObject *definition = NULL;
  JsonNode *found = NULL;
  JsonNode *environments;
  JsonArray *groups = NULL;
  const char *text = NULL;

  *out = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (ctx, node, "sources.dlp_policies[%u]", index);
  object = json_node_get_object (node);

  /* DLP v2 wraps the policy in "policyDefinition"; accept the bare definition too. */
  if (get_object (object, "policyDefinition", &definition, &found) == MEMBER_WRONG)
    return invalid (ctx, found, "sources.dlp_policies[%u].policyDefinition", index);
  path = g_strdup_printf ("sources.dlp_policies[%u].%s", index,
                          definition != NULL ? "policyDefinition." : "");
  if (definition == NULL)
    definition = object;

  policy = _posture_dlp_policy_new ();
  *out = policy;

  if (get_string (definition, "name", &text, &found) == MEMBER_WRONG)
    return invalid (ctx, found, "%sname", path);
  policy->name = g_strdup (text ? text : "");
  if (get_string (definition, "displayName", &text, &found) == MEMBER_WRONG)
    return invalid (ctx, found, "%sdisplayName", path);
  policy->display_name = g_strdup (text ? text : policy->name);
  if (get_string (definition, "defaultConnectorsClassification", &text, &found) == MEMBER_WRONG)
    return invalid (ctx, found, "%sdefaultConnectorsClassification", path);
  policy->default_classification = g_strdup (text);
  if (get_string (definition, "environmentType", &text, &found) == MEMBER_WRONG)
    return invalid (ctx, found, "%senvironmentType", path);
  policy->environment_type = g_strdup (text);

  if (!known_environment_type (text))
    {
      g_autofree char *shown = posture_text_printable (policy->display_name, SHOWN_NAME);
      g_autofree char *type = text ? posture_text_printable (text, SHOWN_NAME) : NULL;

      _posture_snapshot_warn (ctx->self, _("Data policy \"%s\" has environmentType %s; it is "
                                           "counted as covering no environment"),
                              shown, type ? type : "(missing)");
    }

  environments = posture_json_lookup (definition, "environments");
  if (environments != NULL && JSON_NODE_HOLDS_ARRAY (environments))
    {
      JsonArray *array = json_node_get_array (environments);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);
          char *name = name_from_reference (item);

          if (name == NULL)
            return invalid (ctx, item, "%senvironments[%u]", path, i);
          g_strv_builder_add (names, name);
          g_hash_table_add (policy->environment_set, g_utf8_strdown (name, -1));
          g_free (name);
        }
    }
  else if (environments != NULL && !JSON_NODE_HOLDS_NULL (environments) &&
           !(JSON_NODE_HOLDS_VALUE (environments) &&
             json_node_get_value_type (environments) == G_TYPE_STRING &&
             json_node_get_string (environments)[0] == '\0'))
    return invalid (ctx, environments, "%senvironments", path);
  policy->environments = g_strv_builder_end (names);

  if (get_array (definition, "connectorGroups", &groups, &found) == MEMBER_WRONG)
    return invalid (ctx, found, "%sconnectorGroups", path);
  if (groups != NULL && !load_connector_groups (ctx, policy, groups, path))
    return FALSE;

  return TRUE;
}

static gboolean
load_dlp_policies (Context  *ctx,
                   JsonNode *node)
{
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return invalid (ctx, node, "sources.dlp_policies");

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      PostureDlpPolicy *policy = NULL;

      if (!load_dlp_policy (ctx, json_array_get_element (array, i), i, &policy))
        {
          g_clear_pointer (&policy, _posture_dlp_policy_free);
          return FALSE;
        }
      g_ptr_array_add (ctx->self->dlp_policies, policy);
    }

  return TRUE;
}

/* ------------------------------------------------------------------------- */
/* The document                                                              */
/* ------------------------------------------------------------------------- */

static gboolean
load_header (Context    *ctx,
             JsonObject *object)
{
  PostureSnapshot *self = ctx->self;
  JsonObject *tenant = NULL;
  JsonArray *warnings = NULL;
  JsonNode *found = NULL;
  const char *text = NULL;

  if (get_array (object, "warnings", &warnings, &found) == MEMBER_WRONG)
    return invalid (ctx, found, "warnings");
  for (guint i = 0; warnings != NULL && i < json_array_get_length (warnings); i++)
    {
      JsonNode *item = json_array_get_element (warnings, i);
      g_autofree char *shown = NULL;

      if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
        return invalid (ctx, item, "warnings[%u]", i);
      shown = posture_text_printable (json_node_get_string (item), SHOWN_MESSAGE);
      _posture_snapshot_add_warning (self, shown);
    }

  if (get_string (object, "captured_at", &text, &found) == MEMBER_WRONG)
    return invalid (ctx, found, "captured_at");
  if (text != NULL && !(self->captured_at = g_date_time_new_from_iso8601 (text, NULL)))
    _posture_snapshot_warn (self, _("The capture time of the snapshot is not a date; it is "
                                    "not shown"));

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

  return TRUE;
}

static gboolean
load_version (Context    *ctx,
              JsonObject *object)
{
  JsonNode *node = json_object_get_member (object, "posture_snapshot");
  gint64 version;

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

  ctx->self->format_version = (guint) version;
  return TRUE;
}

/* A source member: absent (not read) unless present and not null. */
static JsonNode *
source_member (JsonObject *sources,
               const char *name)
{
  JsonNode *node = json_object_get_member (sources, name);

  return node != NULL && !JSON_NODE_HOLDS_NULL (node) ? node : NULL;
}

gboolean
_posture_snapshot_load_json (PostureSnapshot  *self,
                             JsonNode         *root,
                             const char       *origin,
                             GError          **error)
{
  PostureSnapshotLoader ctx = { self, origin, error };
  JsonObject *object;
  JsonObject *sources = NULL;
  JsonNode *found = NULL;
  JsonNode *node;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, POSTURE_SNAPSHOT_ERROR, POSTURE_SNAPSHOT_ERROR_INVALID,
                   "%s: not a Posture snapshot: the document is %s, not an object",
                   origin, posture_json_node_type_name (root));
      return FALSE;
    }
  object = json_node_get_object (root);

  if (!load_version (&ctx, object) || !load_header (&ctx, object))
    return FALSE;

  if (get_object (object, "sources", &sources, &found) != MEMBER_OK)
    {
      if (found == NULL || JSON_NODE_HOLDS_NULL (found))
        {
          g_set_error (error, POSTURE_SNAPSHOT_ERROR, POSTURE_SNAPSHOT_ERROR_INVALID,
                       "%s: sources: missing; the snapshot holds no tenant data", origin);
          return FALSE;
        }
      return invalid (&ctx, found, "sources");
    }

  /* tenant_settings: the listTenantSettings object. */
  if ((node = source_member (sources, "tenant_settings")) != NULL)
    {
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return invalid (&ctx, node, "sources.tenant_settings");
      self->tenant_settings = json_node_get_object (node);
      flatten_settings (self, self->tenant_settings, NULL);
      self->sources[POSTURE_SOURCE_TENANT_SETTINGS] = POSTURE_SOURCE_READ;
    }
  else
    _posture_snapshot_warn (self, _("The snapshot holds no tenant settings; the controls that "
                                    "read them are unknown"));

  /* tenant_isolation: null means "never configured" (404); absent means not read. */
  if ((node = json_object_get_member (sources, "tenant_isolation")) != NULL)
    {
      if (!load_isolation (&ctx, node))
        return FALSE;
      self->sources[POSTURE_SOURCE_TENANT_ISOLATION] = POSTURE_SOURCE_READ;
    }
  else
    _posture_snapshot_warn (self, _("The snapshot holds no tenant isolation policy; tenant "
                                    "isolation is unknown"));

  if ((node = source_member (sources, "environments")) != NULL)
    {
      if (!load_environments (&ctx, node))
        return FALSE;
      self->sources[POSTURE_SOURCE_ENVIRONMENTS] = POSTURE_SOURCE_READ;
    }
  else
    _posture_snapshot_warn (self, _("The snapshot holds no environments; environment controls "
                                    "are not applicable and tenant controls are worth no "
                                    "points"));
  _posture_snapshot_find_default (self);

  if ((node = source_member (sources, "dlp_policies")) != NULL)
    {
      if (!load_dlp_policies (&ctx, node))
        return FALSE;
      self->sources[POSTURE_SOURCE_DLP_POLICIES] = POSTURE_SOURCE_READ;
    }
  else
    _posture_snapshot_warn (self, _("The snapshot holds no data policies; the data policy "
                                    "controls are unknown"));

  if ((node = source_member (sources, "dataverse")) != NULL)
    {
      if (!load_dataverse (&ctx, node))
        return FALSE;
      self->sources[POSTURE_SOURCE_DATAVERSE] = POSTURE_SOURCE_READ;
    }

  if ((node = source_member (sources, "dataverse_admins")) != NULL)
    {
      if (!load_dataverse_admins (&ctx, node))
        return FALSE;
      self->sources[POSTURE_SOURCE_DATAVERSE_ADMINS] = POSTURE_SOURCE_READ;
    }

  if ((node = source_member (sources, "graph")) != NULL &&
      !_posture_snapshot_load_graph (&ctx, node))
    return FALSE;

  return TRUE;
}
