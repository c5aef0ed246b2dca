/* posture-snapshot-json-graph.c: the Microsoft Graph sources of a snapshot document
 *
 * `sources.graph`: Conditional Access policies, security defaults and the Global
 * Administrators (assignments and the members of assigned groups), each a payload as
 * Graph sends it or an error entry. Tolerant and strict as posture-snapshot-json.c is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-snapshot"

#include "config.h"

#include "posture-snapshot-json-private.h"
#include "posture-text.h"

/* ------------------------------------------------------------------------- */
/* Microsoft Graph                                                           */
/* ------------------------------------------------------------------------- */

/* A Graph source: an error entry sets its state and error; else @out_object is the
 * payload. */
static gboolean
graph_source (Context        *ctx,
              JsonNode       *node,
              PostureSource   source,
              const char     *path,
              JsonNode      **out_payload)
{
  PostureSnapshot *self = ctx->self;
  gboolean is_error = FALSE;

  *out_payload = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node) && !JSON_NODE_HOLDS_ARRAY (node))
    return invalid (ctx, node, "%s", path);

  if (JSON_NODE_HOLDS_OBJECT (node) &&
      !read_error_entry (ctx, json_node_get_object (node), &self->errors[source], &is_error,
                         path))
    return FALSE;

  if (is_error)
    {
      self->sources[source] = POSTURE_SOURCE_ERROR;
      return TRUE;
    }

  self->sources[source] = POSTURE_SOURCE_READ;
  *out_payload = node;
  return TRUE;
}

static gboolean
load_ca_policy (Context    *ctx,
                JsonNode   *node,
                const char *path)
{
  PostureCaPolicy *policy;
  JsonObject *object;
  JsonObject *conditions = NULL;
  JsonObject *applications = NULL;
  JsonObject *users = NULL;
  JsonObject *grant = NULL;
  JsonObject *strength = NULL;
  JsonNode *found = NULL;
  const char *text = NULL;
  g_autofree char *apps_path = NULL;
  g_autofree char *users_path = NULL;
  g_autofree char *conditions_path = NULL;
  g_autofree char *grant_path = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (ctx, node, "%s", path);
  object = json_node_get_object (node);

  policy = g_new0 (PostureCaPolicy, 1);
  g_ptr_array_add (ctx->self->ca_policies, policy);

#define CA_STRING(obj, member, field)                                             \
  G_STMT_START {                                                                  \
    if (get_string (obj, member, &text, &found) == MEMBER_WRONG)                  \
      return invalid (ctx, found, "%s.%s", path, member);                         \
    field = g_strdup (text);                                                      \
  } G_STMT_END

  CA_STRING (object, "id", policy->id);
  CA_STRING (object, "displayName", policy->display_name);
  CA_STRING (object, "state", policy->state);

#undef CA_STRING

  if (get_object (object, "conditions", &conditions, &found) == MEMBER_WRONG)
    return invalid (ctx, found, "%s.conditions", path);
  conditions_path = g_strdup_printf ("%s.conditions", path);
  if (get_object (conditions, "applications", &applications, &found) == MEMBER_WRONG)
    return invalid (ctx, found, "%s.applications", conditions_path);
  if (get_object (conditions, "users", &users, &found) == MEMBER_WRONG)
    return invalid (ctx, found, "%s.users", conditions_path);
  apps_path = g_strdup_printf ("%s.applications", conditions_path);
  users_path = g_strdup_printf ("%s.users", conditions_path);

  if (!read_strv (ctx, applications, "includeApplications", FALSE,
                  &policy->include_applications, apps_path) ||
      !read_strv (ctx, applications, "excludeApplications", FALSE,
                  &policy->exclude_applications, apps_path) ||
      !read_strv (ctx, users, "includeUsers", FALSE, &policy->include_users, users_path) ||
      !read_strv (ctx, conditions, "clientAppTypes", TRUE, &policy->client_app_types,
                  conditions_path))
    return FALSE;

  if (get_object (object, "grantControls", &grant, &found) == MEMBER_WRONG)
    return invalid (ctx, found, "%s.grantControls", path);
  grant_path = g_strdup_printf ("%s.grantControls", path);
  if (get_string (grant, "operator", &text, &found) == MEMBER_WRONG)
    return invalid (ctx, found, "%s.operator", grant_path);
  policy->grant_operator = g_strdup (text);
  if (!read_strv (ctx, grant, "builtInControls", FALSE, &policy->built_in_controls, grant_path))
    return FALSE;
  if (get_object (grant, "authenticationStrength", &strength, &found) == MEMBER_WRONG)
    return invalid (ctx, found, "%s.authenticationStrength", grant_path);
  policy->has_authentication_strength = strength != NULL;

  return TRUE;
}

static gboolean
load_principal (Context    *ctx,
                JsonObject *object,
                GPtrArray  *into,
                const char *path)
{
  PosturePrincipal *principal = g_new0 (PosturePrincipal, 1);
  JsonNode *found = NULL;
  const char *text = NULL;

  g_ptr_array_add (into, principal);
  principal->expanded = TRUE;

#define PRINCIPAL_STRING(member, field)                                           \
  G_STMT_START {                                                                  \
    if (get_string (object, member, &text, &found) == MEMBER_WRONG)               \
      return invalid (ctx, found, "%s.%s", path, member);                         \
    field = g_strdup (text);                                                      \
  } G_STMT_END

  PRINCIPAL_STRING ("@odata.type", principal->type);
  PRINCIPAL_STRING ("id", principal->id);
  PRINCIPAL_STRING ("displayName", principal->display_name);
  PRINCIPAL_STRING ("userPrincipalName", principal->user_principal_name);

#undef PRINCIPAL_STRING

  return TRUE;
}

static gboolean
load_group_members (Context    *ctx,
                    const char *group_id,
                    JsonNode   *entry)
{
  g_autofree char *shown = posture_text_printable (group_id, SHOWN_NAME);
  g_autofree char *path = g_strdup_printf ("sources.graph.global_admins.group_members[\"%s\"]",
                                           shown);
  PostureGroupMembers *group = g_new0 (PostureGroupMembers, 1);
  gboolean is_error = FALSE;
  JsonArray *members = NULL;

  group->group_id = g_strdup (group_id);
  group->members = g_ptr_array_new_with_free_func (_posture_principal_free);
  _posture_snapshot_add_group (ctx->self, group);

  if (!JSON_NODE_HOLDS_OBJECT (entry) && !JSON_NODE_HOLDS_ARRAY (entry))
    return invalid (ctx, entry, "%s", path);

  if (JSON_NODE_HOLDS_OBJECT (entry) &&
      !read_error_entry (ctx, json_node_get_object (entry), &group->error, &is_error, path))
    return FALSE;

  if (is_error)
    {
      group->state = POSTURE_SOURCE_ERROR;
      return TRUE;
    }

  if (!read_list (ctx, entry, &members, path))
    return FALSE;
  group->state = POSTURE_SOURCE_READ;

  for (guint i = 0; members != NULL && i < json_array_get_length (members); i++)
    {
      JsonNode *item = json_array_get_element (members, i);
      g_autofree char *item_path = g_strdup_printf ("%s.value[%u]", path, i);

      if (!JSON_NODE_HOLDS_OBJECT (item))
        return invalid (ctx, item, "%s", item_path);
      if (!load_principal (ctx, json_node_get_object (item), group->members, item_path))
        return FALSE;
    }

  return TRUE;
}

static gboolean
load_global_admins (Context  *ctx,
                    JsonNode *payload)
{
  const char *path = "sources.graph.global_admins";
  JsonObject *object;
  JsonObject *groups = NULL;
  JsonNode *assignments;
  JsonNode *found = NULL;
  JsonArray *list = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (payload))
    return invalid (ctx, payload, "%s", path);
  object = json_node_get_object (payload);

  assignments = posture_json_lookup (object, "assignments");
  if (assignments != NULL && !JSON_NODE_HOLDS_NULL (assignments) &&
      !read_list (ctx, assignments, &list, "sources.graph.global_admins.assignments"))
    return FALSE;

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      g_autofree char *item_path = g_strdup_printf ("%s.assignments.value[%u]", path, i);
      JsonNode *item = json_array_get_element (list, i);
      JsonObject *principal = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        return invalid (ctx, item, "%s", item_path);

      if (get_object (json_node_get_object (item), "principal", &principal, &found) ==
          MEMBER_WRONG)
        return invalid (ctx, found, "%s.principal", item_path);

      if (principal == NULL)
        {
          PosturePrincipal *bare = g_new0 (PosturePrincipal, 1);
          const char *text = NULL;

          if (get_string (json_node_get_object (item), "principalId", &text, &found) ==
              MEMBER_OK)
            bare->id = g_strdup (text);
          g_ptr_array_add (ctx->self->assignments, bare);
          continue;
        }

      {
        g_autofree char *principal_path = g_strdup_printf ("%s.principal", item_path);

        if (!load_principal (ctx, principal, ctx->self->assignments, principal_path))
          return FALSE;
      }
    }

  if (get_object (object, "group_members", &groups, &found) == MEMBER_WRONG)
    return invalid (ctx, found, "%s.group_members", path);

  if (groups != NULL)
    {
      JsonObjectIter iter;
      const char *group_id;
      JsonNode *entry;

      json_object_iter_init (&iter, groups);
      while (json_object_iter_next (&iter, &group_id, &entry))
        if (!load_group_members (ctx, group_id, entry))
          return FALSE;
    }

  return TRUE;
}

gboolean
_posture_snapshot_load_graph (PostureSnapshotLoader *ctx,
                              JsonNode              *node)
{
  PostureSnapshot *self = ctx->self;
  JsonObject *graph;
  JsonNode *member;
  JsonNode *payload = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (ctx, node, "sources.graph");
  graph = json_node_get_object (node);

  member = json_object_get_member (graph, "conditional_access");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      JsonArray *policies = NULL;

      if (!graph_source (ctx, member, POSTURE_SOURCE_CONDITIONAL_ACCESS,
                         "sources.graph.conditional_access", &payload))
        return FALSE;
      if (payload != NULL &&
          !read_list (ctx, payload, &policies, "sources.graph.conditional_access"))
        return FALSE;

      for (guint i = 0; policies != NULL && i < json_array_get_length (policies); i++)
        {
          g_autofree char *path = g_strdup_printf ("sources.graph.conditional_access.value[%u]",
                                                   i);

          if (!load_ca_policy (ctx, json_array_get_element (policies, i), path))
            return FALSE;
        }
    }

  member = json_object_get_member (graph, "security_defaults");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      if (!graph_source (ctx, member, POSTURE_SOURCE_SECURITY_DEFAULTS,
                         "sources.graph.security_defaults", &payload))
        return FALSE;
      if (payload != NULL)
        {
          JsonNode *enabled;

          if (!JSON_NODE_HOLDS_OBJECT (payload))
            return invalid (ctx, payload, "sources.graph.security_defaults");
          enabled = posture_json_lookup (json_node_get_object (payload), "isEnabled");
          _posture_value_set_from_node (&self->security_defaults, enabled);
        }
    }

  member = json_object_get_member (graph, "global_admins");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      if (!graph_source (ctx, member, POSTURE_SOURCE_GLOBAL_ADMINS,
                         "sources.graph.global_admins", &payload))
        return FALSE;
      if (payload != NULL && !load_global_admins (ctx, payload))
        return FALSE;
    }

  return TRUE;
}

