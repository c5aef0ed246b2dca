/* posture-snapshot.c: a tenant snapshot, normalised into typed records
 *
 * The class and its public API; posture-snapshot-json.c normalises a document into it,
 * posture-snapshot-variant.c writes and reads its serialised form.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-snapshot"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "posture-error.h"
#include "posture-input.h"
#include "posture-json.h"
#include "posture-snapshot-private.h"
#include "posture-text.h"

G_DEFINE_FINAL_TYPE (PostureSnapshot, posture_snapshot, G_TYPE_OBJECT)

static const PostureValue absent_value = { POSTURE_VALUE_ABSENT, FALSE, 0, NULL };

/* ------------------------------------------------------------------------- */
/* Building                                                                  */
/* ------------------------------------------------------------------------- */

void
_posture_snapshot_add_warning (PostureSnapshot *self,
                               const char      *warning)
{
  g_ptr_array_insert (self->warnings, self->warnings->len - 1, g_strdup (warning));
}

void
_posture_snapshot_warn (PostureSnapshot *self,
                        const char      *format,
                        ...)
{
  g_autofree char *warning = NULL;
  va_list args;

  va_start (args, format);
  warning = g_strdup_vprintf (format, args);
  va_end (args);

  _posture_snapshot_add_warning (self, warning);
}

gboolean
_posture_snapshot_add_environment (PostureSnapshot    *self,
                                   PostureEnvironment *env)
{
  char *key = g_utf8_strdown (env->name, -1);

  if (g_hash_table_contains (self->by_name, key))
    {
      g_autofree char *shown = posture_text_printable (env->name, 80);

      _posture_snapshot_warn (self, _("Environment %s is listed twice; the second entry is "
                                      "ignored"), shown);
      g_free (key);
      _posture_environment_free (env);
      return FALSE;
    }

  if (env->system_users == NULL)
    env->system_users = g_ptr_array_new_with_free_func (_posture_system_user_free);

  g_hash_table_insert (self->by_name, key, env);
  g_ptr_array_add (self->environments, env);
  return TRUE;
}

void
_posture_snapshot_add_group (PostureSnapshot     *self,
                             PostureGroupMembers *group)
{
  char *key = g_utf8_strdown (group->group_id, -1);

  g_ptr_array_add (self->groups, group);
  if (!g_hash_table_contains (self->groups_by_id, key))
    g_hash_table_insert (self->groups_by_id, key, group);
  else
    g_free (key);
}

/* DESIGN.md: the environment with isDefault true, else the one named Default-{tenantId}. */
void
_posture_snapshot_find_default (PostureSnapshot *self)
{
  PostureEnvironment *found = NULL;

  for (guint i = 0; i < self->environments->len && found == NULL; i++)
    {
      PostureEnvironment *env = g_ptr_array_index (self->environments, i);

      if (env->is_default)
        found = env;
    }

  if (found == NULL && self->tenant_id != NULL)
    {
      g_autofree char *name = g_strconcat ("Default-", self->tenant_id, NULL);

      found = (PostureEnvironment *) posture_snapshot_lookup_environment (self, name);
      if (found != NULL)
        found->is_default = TRUE;
    }

  /* One default environment: a second isDefault is an ordinary environment. */
  for (guint i = 0; i < self->environments->len; i++)
    {
      PostureEnvironment *env = g_ptr_array_index (self->environments, i);

      if (env != found)
        env->is_default = FALSE;
    }

  self->default_environment = found;
  if (found == NULL && self->environments->len > 0)
    _posture_snapshot_warn (self, _("No environment is the default environment (none has "
                                    "isDefault true, none is named Default-{tenant id}); the "
                                    "controls of the default environment are unknown"));
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
  g_clear_pointer (&self->settings, g_hash_table_unref);
  g_clear_pointer (&self->ca_policies, g_ptr_array_unref);
  g_clear_pointer (&self->assignments, g_ptr_array_unref);
  g_clear_pointer (&self->groups_by_id, g_hash_table_unref);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_clear_pointer (&self->root, json_node_unref);
  g_clear_pointer (&self->tenant_id, g_free);
  g_clear_pointer (&self->tenant_name, g_free);
  g_clear_pointer (&self->cloud, g_free);
  g_clear_pointer (&self->captured_at, g_date_time_unref);
  _posture_value_clear (&self->security_defaults);
  for (guint i = 0; i < POSTURE_N_SOURCES; i++)
    _posture_source_error_clear (&self->errors[i]);

  G_OBJECT_CLASS (posture_snapshot_parent_class)->finalize (object);
}

static void
posture_snapshot_class_init (PostureSnapshotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = posture_snapshot_finalize;
}

static void
value_free (gpointer data)
{
  _posture_value_clear (data);
  g_free (data);
}

static void
posture_snapshot_init (PostureSnapshot *self)
{
  self->environments = g_ptr_array_new_with_free_func (_posture_environment_free);
  self->by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->dlp_policies = g_ptr_array_new_with_free_func (_posture_dlp_policy_free);
  self->allowed_tenants = g_ptr_array_new_with_free_func (_posture_allowed_tenant_free);
  self->settings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, value_free);
  self->ca_policies = g_ptr_array_new_with_free_func (_posture_ca_policy_free);
  self->assignments = g_ptr_array_new_with_free_func (_posture_principal_free);
  self->groups = g_ptr_array_new_with_free_func (_posture_group_members_free);
  self->groups_by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->warnings = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->warnings, NULL);
  self->isolation_state = POSTURE_ISOLATION_NOT_CONFIGURED;
  self->format_version = POSTURE_SNAPSHOT_FORMAT_VERSION;
}

/* ------------------------------------------------------------------------- */
/* Loading                                                                   */
/* ------------------------------------------------------------------------- */

static PostureSnapshot *
new_from_checked_json (JsonNode    *root,
                       const char  *origin,
                       GError     **error)
{
  g_autoptr(PostureSnapshot) self = g_object_new (POSTURE_TYPE_SNAPSHOT, NULL);

  self->root = json_node_ref (root);
  if (!_posture_snapshot_load_json (self, root, origin, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * posture_snapshot_new_from_json:
 * @root: a snapshot document, such as a live read built in memory
 * @origin: (nullable): names the source in error messages
 *
 * Holds @root to the bounds a snapshot file is held to (nesting, string length), then
 * normalises it.
 *
 * Returns: (transfer full): the snapshot; it keeps a reference to @root, which must not
 *   change afterwards
 */
PostureSnapshot *
posture_snapshot_new_from_json (JsonNode    *root,
                                const char  *origin,
                                GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (root != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (origin == NULL)
    origin = "snapshot";

  if (!posture_json_node_check_bounds (root, POSTURE_SNAPSHOT_MAX_DEPTH,
                                       POSTURE_SNAPSHOT_MAX_STRING, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   "%s: %s; this is not a Posture snapshot or is damaged",
                   origin, local_error->message);
      return NULL;
    }

  return new_from_checked_json (root, origin, error);
}

/**
 * posture_snapshot_new_from_data:
 * @data: the document
 * @origin: (nullable): names the source in error messages
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

  /* json-glib copies every string into the tree; one huge string (50 MB) is not a
   * snapshot, and is refused before the parser sees it. */
  if (!posture_json_check_strings (data, length, POSTURE_SNAPSHOT_MAX_STRING, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   "%s: %s; this file is not a Posture snapshot or is damaged",
                   origin, local_error->message);
      return NULL;
    }

  if (!(root = posture_json_parse (data, length, POSTURE_SNAPSHOT_MAX_DEPTH, &local_error)))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", origin);
      return NULL;
    }

  return new_from_checked_json (root, origin, error);
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
  g_autofree char *contents = NULL;
  g_autofree char *shown = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!posture_read_regular_file (path, POSTURE_SNAPSHOT_MAX_SIZE, &contents, &length, error))
    return NULL;

  shown = posture_text_printable (path, 200);
  return posture_snapshot_new_from_data (contents, length, shown, error);
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

/* ------------------------------------------------------------------------- */
/* Public API                                                                */
/* ------------------------------------------------------------------------- */

gboolean
posture_snapshot_has_json (PostureSnapshot *self)
{
  g_return_val_if_fail (POSTURE_IS_SNAPSHOT (self), FALSE);
  return self->root != NULL;
}

/**
 * posture_snapshot_get_json:
 *
 * Returns: (transfer none) (nullable): the raw document, %NULL when loaded from a variant
 */
JsonNode *
posture_snapshot_get_json (PostureSnapshot *self)
{
  g_return_val_if_fail (POSTURE_IS_SNAPSHOT (self), NULL);
  return self->root;
}

/**
 * posture_snapshot_to_data:
 * @length: (out) (optional): the length of the text
 *
 * Returns: (transfer full) (nullable): the raw document as compact JSON, %NULL when
 *   loaded from a variant
 */
char *
posture_snapshot_to_data (PostureSnapshot *self,
                          gsize           *length)
{
  char *data;

  g_return_val_if_fail (POSTURE_IS_SNAPSHOT (self), NULL);

  if (length != NULL)
    *length = 0;
  if (self->root == NULL)
    return NULL;

  data = posture_json_to_string (self->root, FALSE);
  if (length != NULL)
    *length = strlen (data);
  return data;
}

guint
posture_snapshot_get_format_version (PostureSnapshot *self)
{
  g_return_val_if_fail (POSTURE_IS_SNAPSHOT (self), 0);
  return self->format_version;
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

/**
 * posture_snapshot_get_captured_at:
 *
 * Returns: (transfer none) (nullable): when the snapshot was read
 */
GDateTime *
posture_snapshot_get_captured_at (PostureSnapshot *self)
{
  g_return_val_if_fail (POSTURE_IS_SNAPSHOT (self), NULL);
  return self->captured_at;
}

PostureSourceState
posture_snapshot_get_source_state (PostureSnapshot *self,
                                   PostureSource    source)
{
  g_return_val_if_fail (POSTURE_IS_SNAPSHOT (self), POSTURE_SOURCE_ABSENT);
  g_return_val_if_fail (source < POSTURE_N_SOURCES, POSTURE_SOURCE_ABSENT);
  return self->sources[source];
}

/**
 * posture_snapshot_get_source_error:
 *
 * Returns: (transfer none) (nullable): the error the service answered for @source
 */
const PostureSourceError *
posture_snapshot_get_source_error (PostureSnapshot *self,
                                   PostureSource    source)
{
  g_return_val_if_fail (POSTURE_IS_SNAPSHOT (self), NULL);
  g_return_val_if_fail (source < POSTURE_N_SOURCES, NULL);

  return self->sources[source] == POSTURE_SOURCE_ERROR ? &self->errors[source] : NULL;
}

/**
 * posture_snapshot_get_setting:
 * @dotted_path: a tenant setting ("powerPlatform.powerApps.disableShareWithEveryone")
 *
 * Returns: (transfer none): its value; POSTURE_VALUE_ABSENT when not there
 */
const PostureValue *
posture_snapshot_get_setting (PostureSnapshot *self,
                              const char      *dotted_path)
{
  g_autofree char *key = NULL;
  const PostureValue *value;

  g_return_val_if_fail (POSTURE_IS_SNAPSHOT (self), &absent_value);
  g_return_val_if_fail (dotted_path != NULL, &absent_value);

  key = g_ascii_strdown (dotted_path, -1);
  value = g_hash_table_lookup (self->settings, key);
  return value != NULL ? value : &absent_value;
}

guint
posture_snapshot_get_n_settings (PostureSnapshot *self)
{
  g_return_val_if_fail (POSTURE_IS_SNAPSHOT (self), 0);
  return g_hash_table_size (self->settings);
}

/**
 * posture_snapshot_get_tenant_settings:
 *
 * Returns: (transfer none) (nullable): the raw listTenantSettings object; read settings
 *   with posture_snapshot_get_setting()
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

guint
posture_snapshot_get_n_ca_policies (PostureSnapshot *self)
{
  g_return_val_if_fail (POSTURE_IS_SNAPSHOT (self), 0);
  return self->ca_policies->len;
}

const PostureCaPolicy *
posture_snapshot_get_ca_policy (PostureSnapshot *self,
                                guint            position)
{
  g_return_val_if_fail (POSTURE_IS_SNAPSHOT (self), NULL);
  g_return_val_if_fail (position < self->ca_policies->len, NULL);
  return g_ptr_array_index (self->ca_policies, position);
}

const PostureValue *
posture_snapshot_get_security_defaults (PostureSnapshot *self)
{
  g_return_val_if_fail (POSTURE_IS_SNAPSHOT (self), &absent_value);
  return &self->security_defaults;
}

guint
posture_snapshot_get_n_role_assignments (PostureSnapshot *self)
{
  g_return_val_if_fail (POSTURE_IS_SNAPSHOT (self), 0);
  return self->assignments->len;
}

const PosturePrincipal *
posture_snapshot_get_role_assignment (PostureSnapshot *self,
                                      guint            position)
{
  g_return_val_if_fail (POSTURE_IS_SNAPSHOT (self), NULL);
  g_return_val_if_fail (position < self->assignments->len, NULL);
  return g_ptr_array_index (self->assignments, position);
}

const PostureGroupMembers *
posture_snapshot_lookup_group_members (PostureSnapshot *self,
                                       const char      *group_id)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (POSTURE_IS_SNAPSHOT (self), NULL);

  if (group_id == NULL)
    return NULL;

  key = g_utf8_strdown (group_id, -1);
  return g_hash_table_lookup (self->groups_by_id, key);
}

const char * const *
posture_snapshot_get_warnings (PostureSnapshot *self)
{
  g_return_val_if_fail (POSTURE_IS_SNAPSHOT (self), NULL);
  return (const char * const *) self->warnings->pdata;
}
