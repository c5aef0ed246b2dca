/* posture-snapshot-records.c: the snapshot's plain records and typed values
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-snapshot"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "posture-json.h"
#include "posture-snapshot-private.h"
#include "posture-text.h"

/* The organizations columns Posture reads, as the service spells them (DESIGN.md "The
 * APIs"): the tenant reader's $select, and the row's typed columns, in this order. */
static const char * const dataverse_columns[POSTURE_N_DATAVERSE_COLUMNS + 1] = {
  "organizationid",
  "enableipbasedfirewallrule",
  "enableipbasedfirewallruleinauditmode",
  "allowediprangeforfirewall",
  "allowedlistofiprangesforfirewall",
  "enableipbasedcookiebinding",
  "isauditenabled",
  "isuseraccessauditenabled",
  "auditretentionperiodv2",
  "iscontentsecuritypolicyenabled",
  "iscontentsecuritypolicyenabledforcanvas",
  "restrictGuestUserAccess",
  "applicationbasedaccesscontrolmode",
  "allowedapplicationsfordvaccess",
  "blockedapplicationsfordvaccess",
  NULL,
};

/**
 * posture_dataverse_get_columns:
 *
 * Returns: (transfer none) (array zero-terminated=1): the Dataverse organizations columns
 *   the controls read, as the service spells them (for `$select`)
 */
const char * const *
posture_dataverse_get_columns (void)
{
  return dataverse_columns;
}

guint
_posture_ascii_case_hash (gconstpointer key)
{
  guint hash = 5381;

  for (const char *p = key; *p != '\0'; p++)
    hash = hash * 33 + (guint) (*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);

  return hash;
}

gboolean
_posture_ascii_case_equal (gconstpointer a,
                           gconstpointer b)
{
  return g_ascii_strcasecmp (a, b) == 0;
}

/* A row has a score of columns and a tenant thousands of rows: one hash lookup each,
 * as the service spells them first, then in any case. */
int
_posture_dataverse_column_index (const char *column)
{
  static GHashTable *tables[2];
  gpointer value;

  if (g_once_init_enter (&tables[1]))
    {
      GHashTable *exact = g_hash_table_new (g_str_hash, g_str_equal);
      GHashTable *any_case = g_hash_table_new (_posture_ascii_case_hash, _posture_ascii_case_equal);

      for (int i = 0; i < POSTURE_N_DATAVERSE_COLUMNS; i++)
        {
          g_hash_table_insert (exact, (gpointer) dataverse_columns[i], GINT_TO_POINTER (i + 1));
          g_hash_table_insert (any_case, (gpointer) dataverse_columns[i], GINT_TO_POINTER (i + 1));
        }
      tables[0] = exact;
      g_once_init_leave (&tables[1], any_case);
    }

  if ((value = g_hash_table_lookup (tables[0], column)) == NULL)
    value = g_hash_table_lookup (tables[1], column);
  return value != NULL ? GPOINTER_TO_INT (value) - 1 : -1;
}

/**
 * posture_environment_get_column:
 * @env: an environment
 * @column: a column of posture_dataverse_get_columns(), in any case
 *
 * Returns: (transfer none) (nullable): the column of the environment's organizations row
 *   (POSTURE_VALUE_ABSENT when the row lacks it as a key), or %NULL when the row was not
 *   read (see dataverse_state) or @column is not one Posture reads
 */
const PostureValue *
posture_environment_get_column (const PostureEnvironment *env,
                                const char               *column)
{
  int index;

  g_return_val_if_fail (env != NULL, NULL);
  g_return_val_if_fail (column != NULL, NULL);

  if (env->columns == NULL || (index = _posture_dataverse_column_index (column)) < 0)
    return NULL;

  return &env->columns[index];
}

/**
 * posture_value_get_flag:
 * @value: (nullable): a value
 *
 * Reads @value with the one string-to-boolean rule (posture_json_string_to_boolean()).
 *
 * Returns: POSTURE_FLAG_UNSET when @value is %NULL, absent or null
 */
PostureFlag
posture_value_get_flag (const PostureValue *value)
{
  gboolean flag = FALSE;

  if (value == NULL || value->kind == POSTURE_VALUE_ABSENT || value->kind == POSTURE_VALUE_NULL)
    return POSTURE_FLAG_UNSET;

  if (value->kind == POSTURE_VALUE_BOOLEAN)
    return value->boolean ? POSTURE_FLAG_TRUE : POSTURE_FLAG_FALSE;

  if (value->kind == POSTURE_VALUE_STRING && posture_json_string_to_boolean (value->string, &flag))
    return flag ? POSTURE_FLAG_TRUE : POSTURE_FLAG_FALSE;

  return POSTURE_FLAG_INVALID;
}

/**
 * posture_value_get_int:
 * @value: (nullable): a value
 * @out_value: (out) (optional): the integer
 *
 * Returns: whether @value is an integer, or a string of decimal digits
 */
gboolean
posture_value_get_int (const PostureValue *value,
                       gint64             *out_value)
{
  if (value == NULL)
    return FALSE;

  if (value->kind == POSTURE_VALUE_INTEGER)
    {
      if (out_value != NULL)
        *out_value = value->integer;
      return TRUE;
    }

  return value->kind == POSTURE_VALUE_STRING &&
         posture_json_string_to_int (value->string, out_value);
}

/**
 * posture_value_describe:
 * @value: (nullable): a value
 *
 * Returns: (transfer full): @value as it was sent, for a reason's secondary text:
 *   true, false, null, 42, "text" (quoted, cut after 40 bytes, controls made visible),
 *   or "not set" when absent
 */
char *
posture_value_describe (const PostureValue *value)
{
  if (value == NULL || value->kind == POSTURE_VALUE_ABSENT)
    return g_strdup (_("not set"));

  switch (value->kind)
    {
    case POSTURE_VALUE_NULL:
      return g_strdup ("null");
    case POSTURE_VALUE_BOOLEAN:
      return g_strdup (value->boolean ? "true" : "false");
    case POSTURE_VALUE_INTEGER:
      return g_strdup_printf ("%" G_GINT64_FORMAT, value->integer);
    case POSTURE_VALUE_STRING:
      {
        g_autofree char *shown = posture_text_printable (value->string, 40);

        return g_strdup_printf ("\"%s\"", shown);
      }
    case POSTURE_VALUE_OTHER:
    case POSTURE_VALUE_ABSENT:
    default:
      return g_strdup (value->string != NULL ? value->string : "?");
    }
}

void
_posture_value_clear (PostureValue *value)
{
  g_clear_pointer (&value->string, g_free);
  value->kind = POSTURE_VALUE_ABSENT;
  value->boolean = FALSE;
  value->integer = 0;
}

/* @node may be NULL (absent). */
void
_posture_value_set_from_node (PostureValue *value,
                              JsonNode     *node)
{
  _posture_value_clear (value);

  if (node == NULL)
    return;

  if (JSON_NODE_HOLDS_NULL (node))
    value->kind = POSTURE_VALUE_NULL;
  else if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_BOOLEAN)
        {
          value->kind = POSTURE_VALUE_BOOLEAN;
          value->boolean = json_node_get_boolean (node);
        }
      else if (type == G_TYPE_STRING)
        {
          value->kind = POSTURE_VALUE_STRING;
          value->string = g_strdup (json_node_get_string (node));
        }
      else if (posture_json_node_get_int (node, &value->integer))
        value->kind = POSTURE_VALUE_INTEGER;
      else
        {
          value->kind = POSTURE_VALUE_OTHER;
          value->string = g_strdup_printf ("%g", json_node_get_double (node));
        }
    }
  else
    {
      value->kind = POSTURE_VALUE_OTHER;
      value->string = g_strdup (posture_json_node_type_name (node));
    }
}

void
_posture_source_error_clear (PostureSourceError *error)
{
  error->status = 0;
  g_clear_pointer (&error->code, g_free);
  g_clear_pointer (&error->message, g_free);
}

void
_posture_allowed_tenant_free (gpointer data)
{
  PostureAllowedTenant *tenant = data;

  g_free (tenant->tenant_id);
  g_free (tenant);
}

PostureEnvironment *
_posture_environment_new (void)
{
  PostureEnvironment *env = g_new0 (PostureEnvironment, 1);

  env->max_limit_user_sharing = -1;
  return env;
}

void
_posture_system_user_free (gpointer data)
{
  PostureSystemUser *user = data;

  _posture_value_clear (&user->systemuserid);
  _posture_value_clear (&user->isdisabled);
  _posture_value_clear (&user->accessmode);
  _posture_value_clear (&user->applicationid);
  _posture_value_clear (&user->azureactivedirectoryobjectid);
  g_free (user);
}

void
_posture_environment_free (gpointer data)
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
  if (env->columns != NULL)
    {
      for (guint i = 0; i < POSTURE_N_DATAVERSE_COLUMNS; i++)
        _posture_value_clear (&env->columns[i]);
      g_free (env->columns);
    }
  g_free (env->admins_error_message);
  g_clear_pointer (&env->system_users, g_ptr_array_unref);
  g_free (env);
}

void
_posture_connector_group_free (gpointer data)
{
  PostureConnectorGroup *group = data;

  g_free (group->classification);
  g_strfreev (group->connector_names);
  g_strfreev (group->connector_ids);
  g_free (group);
}

PostureDlpPolicy *
_posture_dlp_policy_new (void)
{
  PostureDlpPolicy *policy = g_new0 (PostureDlpPolicy, 1);

  policy->connector_groups = g_ptr_array_new_with_free_func (_posture_connector_group_free);
  policy->environment_set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return policy;
}

void
_posture_dlp_policy_free (gpointer data)
{
  PostureDlpPolicy *policy = data;

  g_free (policy->name);
  g_free (policy->display_name);
  g_free (policy->environment_type);
  g_strfreev (policy->environments);
  g_clear_pointer (&policy->connector_groups, g_ptr_array_unref);
  g_clear_pointer (&policy->environment_set, g_hash_table_unref);
  g_free (policy->default_classification);
  g_free (policy);
}

void
_posture_ca_policy_free (gpointer data)
{
  PostureCaPolicy *policy = data;

  g_free (policy->id);
  g_free (policy->display_name);
  g_free (policy->state);
  g_strfreev (policy->include_applications);
  g_strfreev (policy->exclude_applications);
  g_strfreev (policy->include_users);
  g_strfreev (policy->client_app_types);
  g_free (policy->grant_operator);
  g_strfreev (policy->built_in_controls);
  g_free (policy);
}

void
_posture_principal_free (gpointer data)
{
  PosturePrincipal *principal = data;

  g_free (principal->type);
  g_free (principal->id);
  g_free (principal->display_name);
  g_free (principal->user_principal_name);
  g_free (principal);
}

void
_posture_group_members_free (gpointer data)
{
  PostureGroupMembers *group = data;

  g_free (group->group_id);
  _posture_source_error_clear (&group->error);
  g_clear_pointer (&group->members, g_ptr_array_unref);
  g_free (group);
}

/* AllEnvironments covers every environment; OnlyEnvironments and SingleEnvironment those
 * listed; ExceptEnvironments those not listed (DESIGN.md). Anything else covers nothing.
 * @key is the environment name in lower case. */
gboolean
_posture_dlp_policy_covers_key (const PostureDlpPolicy *policy,
                                const char             *key)
{
  const char *type = policy->environment_type;
  gboolean listed;

  if (type == NULL)
    return FALSE;

  if (g_ascii_strcasecmp (type, "AllEnvironments") == 0)
    return TRUE;

  listed = g_hash_table_contains (policy->environment_set, key);

  if (g_ascii_strcasecmp (type, "OnlyEnvironments") == 0 ||
      g_ascii_strcasecmp (type, "SingleEnvironment") == 0)
    return listed;
  if (g_ascii_strcasecmp (type, "ExceptEnvironments") == 0)
    return !listed;

  return FALSE;
}

/**
 * posture_dlp_policy_covers:
 * @environment_name: an environment's name, in any case
 *
 * Returns: whether @policy covers the environment (DESIGN.md)
 */
gboolean
posture_dlp_policy_covers (const PostureDlpPolicy *policy,
                           const char             *environment_name)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (policy != NULL, FALSE);
  g_return_val_if_fail (environment_name != NULL, FALSE);

  key = g_utf8_strdown (environment_name, -1);
  return _posture_dlp_policy_covers_key (policy, key);
}
