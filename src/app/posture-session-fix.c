/* posture-session-fix.c: fixes through the API, then a read to verify them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-session"

#include "config.h"

#include <glib/gi18n.h>

#include "posture-session-private.h"

/* Environment writes in flight at once during a fix (the client bounds per host too). */
#define FIX_PARALLEL 4

typedef enum
{
  FIX_TENANT_SETTING,
  FIX_TENANT_ISOLATION,
  FIX_DLP_POLICY,
  FIX_MANAGED_ENVIRONMENT,
  FIX_DATAVERSE,
} FixKind;

typedef struct
{
  const char *control_id;
  FixKind     kind;
  const char *field;     /* dotted tenant-settings path, or the first Dataverse column */
  gboolean    value;
  const char *field2;    /* a second Dataverse column, or NULL */
  gboolean    value2;
} FixSpec;

static const FixSpec fix_specs[] = {
  { "env-creation-admins-only", FIX_TENANT_SETTING, "disableEnvironmentCreationByNonAdminUsers", TRUE },
  { "trial-env-creation-admins-only", FIX_TENANT_SETTING, "disableTrialEnvironmentCreationByNonAdminUsers", TRUE },
  { "developer-env-creation-admins-only", FIX_TENANT_SETTING,
    "powerPlatform.governance.disableDeveloperEnvironmentCreationByNonAdminUsers", TRUE },
  { "pages-creation-admins-only", FIX_TENANT_SETTING, "disablePortalsCreationByNonAdminUsers", TRUE },
  { "share-with-everyone-disabled", FIX_TENANT_SETTING, "powerPlatform.powerApps.disableShareWithEveryone", TRUE },
  { "guest-makers-disabled", FIX_TENANT_SETTING, "powerPlatform.powerApps.enableGuestsToMake", FALSE },
  { "tenant-isolation", FIX_TENANT_ISOLATION },
  { "dlp-tenant-policy", FIX_DLP_POLICY },
  { "dlp-default-environment", FIX_DLP_POLICY },
  { "dlp-environment-coverage", FIX_DLP_POLICY },
  { "managed-environment", FIX_MANAGED_ENVIRONMENT },
  { "ip-firewall", FIX_DATAVERSE, "enableipbasedfirewallrule", TRUE, "enableipbasedfirewallruleinauditmode", FALSE },
  { "ip-cookie-binding", FIX_DATAVERSE, "enableipbasedcookiebinding", TRUE },
  { "auditing", FIX_DATAVERSE, "isauditenabled", TRUE },
  { "content-security-policy", FIX_DATAVERSE, "iscontentsecuritypolicyenabled", TRUE,
    "iscontentsecuritypolicyenabledforcanvas", TRUE },
};

static const FixSpec *
lookup_fix_spec (const char *control_id)
{
  for (guint i = 0; i < G_N_ELEMENTS (fix_specs); i++)
    if (g_strcmp0 (fix_specs[i].control_id, control_id) == 0)
      return &fix_specs[i];

  return NULL;
}

/* Fixing */

typedef struct
{
  char      *control_id;
  GPtrArray *targets;     /* environment names or instance URLs still to write */
  guint      next;
  guint      in_flight;
  GError    *error;       /* the first write error */
} FixData;

static void
fix_data_free (FixData *data)
{
  g_free (data->control_id);
  g_clear_pointer (&data->targets, g_ptr_array_unref);
  g_clear_error (&data->error);
  g_free (data);
}

static void
posture_session_fix_reread_cb (GObject      *object,
                               GAsyncResult *result,
                               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  PostureSession *self = g_task_get_source_object (task);
  FixData *data = g_task_get_task_data (task);
  PostureControlResult *control;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (data->error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&data->error));
      return;
    }

  control = self->assessment != NULL ? posture_assessment_lookup (self->assessment, data->control_id) : NULL;
  g_task_return_int (task, control != NULL ? (gssize) posture_control_result_get_status (control)
                                           : (gssize) POSTURE_STATUS_UNKNOWN);
}

/* After the writes: read again so the result shown is what the service reports. */
static void
posture_session_fix_reread (PostureSession *self,
                            GTask          *task)
{
  g_autoptr(GTask) reread = NULL;
  FixData *data = g_task_get_task_data (task);

  if (g_error_matches (data->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&data->error));
      return;
    }

  reread = g_task_new (self, g_task_get_cancellable (task), posture_session_fix_reread_cb,
                       g_object_ref (task));
  _posture_session_read (self, reread);
}

static void posture_session_fix_next (PostureSession *self,
                                      GTask          *task);

static void
posture_session_fix_write_cb (GObject      *object,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  PostureSession *self = g_task_get_source_object (task);
  PostureTenantClient *client = POSTURE_TENANT_CLIENT (object);
  FixData *data = g_task_get_task_data (task);
  const FixSpec *spec = lookup_fix_spec (data->control_id);

  switch (spec->kind)
    {
    case FIX_TENANT_SETTING:
      node = posture_tenant_client_update_tenant_settings_finish (client, result, &error);
      break;
    case FIX_TENANT_ISOLATION:
      node = posture_tenant_client_set_tenant_isolation_finish (client, result, &error);
      break;
    case FIX_DLP_POLICY:
      node = posture_tenant_client_put_dlp_policy_finish (client, result, &error);
      break;
    case FIX_MANAGED_ENVIRONMENT:
      node = posture_tenant_client_enable_managed_environment_finish (client, result, &error);
      break;
    case FIX_DATAVERSE:
      node = posture_tenant_client_update_dataverse_settings_finish (client, result, &error);
      break;
    default:
      g_assert_not_reached ();
    }

  data->in_flight--;
  if (node == NULL && data->error == NULL)
    {
      g_debug ("Fix of %s failed: %s", data->control_id, error->message);
      data->error = g_steal_pointer (&error);
    }

  posture_session_fix_next (self, task);
}

static JsonObject *
build_setting_change (const char *dotted,
                      gboolean    value)
{
  g_auto(GStrv) parts = g_strsplit (dotted, ".", -1);
  JsonObject *root = json_object_new ();
  JsonObject *object = root;
  guint n = g_strv_length (parts);

  for (guint i = 0; i + 1 < n; i++)
    {
      JsonObject *child = json_object_new ();

      json_object_set_object_member (object, parts[i], child);
      object = child;
    }
  json_object_set_boolean_member (object, parts[n - 1], value);

  return root;
}

static JsonObject *
build_isolation_policy (PostureSnapshot *snapshot)
{
  JsonObject *policy = json_object_new ();
  JsonObject *props = json_object_new ();
  JsonArray *allowed = json_array_new ();
  GPtrArray *tenants = posture_snapshot_get_allowed_tenants (snapshot);

  /* Keep the allow-list as it is: only the enforcement changes. */
  for (guint i = 0; tenants != NULL && i < tenants->len; i++)
    {
      const PostureAllowedTenant *t = g_ptr_array_index (tenants, i);
      JsonObject *item = json_object_new ();
      JsonObject *direction = json_object_new ();

      json_object_set_boolean_member (direction, "inbound", t->inbound);
      json_object_set_boolean_member (direction, "outbound", t->outbound);
      json_object_set_string_member (item, "tenantId", t->tenant_id);
      json_object_set_object_member (item, "direction", direction);
      json_array_add_object_element (allowed, item);
    }

  json_object_set_string_member (props, "tenantId", posture_snapshot_get_tenant_id (snapshot));
  json_object_set_boolean_member (props, "isDisabled", FALSE);
  json_object_set_array_member (props, "allowedTenants", allowed);
  json_object_set_object_member (policy, "properties", props);

  return policy;
}

static JsonObject *
build_dlp_policy (void)
{
  static const char *groups[] = { "Confidential", "General", "Blocked" };
  JsonObject *policy = json_object_new ();
  JsonObject *definition = json_object_new ();
  JsonArray *connector_groups = json_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    {
      JsonObject *group = json_object_new ();

      json_object_set_string_member (group, "classification", groups[i]);
      json_object_set_array_member (group, "connectors", json_array_new ());
      json_array_add_object_element (connector_groups, group);
    }

  /* Not translated: the name is stored in the tenant and seen by every admin. */
  json_object_set_string_member (definition, "displayName", "Tenant-wide baseline (Posture)");
  json_object_set_string_member (definition, "defaultConnectorsClassification", "General");
  json_object_set_string_member (definition, "environmentType", "AllEnvironments");
  json_object_set_array_member (definition, "environments", json_array_new ());
  json_object_set_array_member (definition, "connectorGroups", connector_groups);
  json_object_set_object_member (policy, "policyDefinition", definition);

  return policy;
}

static void
posture_session_fix_next (PostureSession *self,
                          GTask          *task)
{
  FixData *data = g_task_get_task_data (task);
  const FixSpec *spec = lookup_fix_spec (data->control_id);
  GCancellable *cancellable = g_task_get_cancellable (task);

  while (data->error == NULL && data->in_flight < FIX_PARALLEL && data->next < data->targets->len)
    {
      const char *target = g_ptr_array_index (data->targets, data->next++);

      data->in_flight++;
      if (spec->kind == FIX_MANAGED_ENVIRONMENT)
        {
          posture_tenant_client_enable_managed_environment_async (self->client, target, NULL, cancellable,
                                                                  posture_session_fix_write_cb,
                                                                  g_object_ref (task));
        }
      else
        {
          g_autoptr(JsonObject) changes = json_object_new ();

          g_assert (spec->kind == FIX_DATAVERSE);
          json_object_set_boolean_member (changes, spec->field, spec->value);
          if (spec->field2 != NULL)
            json_object_set_boolean_member (changes, spec->field2, spec->value2);
          posture_tenant_client_update_dataverse_settings_async (self->client, target, changes, cancellable,
                                                                 posture_session_fix_write_cb,
                                                                 g_object_ref (task));
        }
    }

  if (data->in_flight == 0 && (data->error != NULL || data->next >= data->targets->len))
    {
      _posture_session_release (self);
      posture_session_fix_reread (self, task);
    }
}

/* The failing resources of @control_id the fix would change: environment names for
 * managed environments, instance URLs for Dataverse settings. Display names go to
 * @names when not NULL. */
static GPtrArray *
collect_fix_targets (PostureSession *self,
                     const FixSpec  *spec,
                     GPtrArray      *names)
{
  GPtrArray *targets = g_ptr_array_new_with_free_func (g_free);
  PostureControlResult *control;
  GListModel *resources;
  guint n;

  control = posture_assessment_lookup (self->assessment, spec->control_id);
  if (control == NULL)
    return targets;

  resources = posture_control_result_get_resources (control);
  n = g_list_model_get_n_items (resources);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PostureResourceResult) resource = g_list_model_get_item (resources, i);
      const PostureEnvironment *env;

      if (posture_resource_result_get_status (resource) != POSTURE_RESULT_FAIL)
        continue;

      env = posture_snapshot_lookup_environment (self->snapshot, posture_resource_result_get_id (resource));
      if (env == NULL)
        continue;

      if (spec->kind == FIX_DATAVERSE)
        {
          if (env->instance_url == NULL || env->dataverse_state != POSTURE_DATAVERSE_READ)
            continue;
          g_ptr_array_add (targets, g_strdup (env->instance_url));
        }
      else
        g_ptr_array_add (targets, g_strdup (env->name));

      if (names != NULL)
        g_ptr_array_add (names, g_strdup (env->display_name != NULL ? env->display_name : env->name));
    }

  return targets;
}

gboolean
posture_session_can_fix (PostureSession *self,
                         const char     *control_id)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (POSTURE_IS_SESSION (self), FALSE);
  g_return_val_if_fail (control_id != NULL, FALSE);

  text = posture_session_describe_fix (self, control_id, NULL);

  return text != NULL;
}

char *
posture_session_describe_fix (PostureSession  *self,
                              const char      *control_id,
                              GStrv           *out_environments)
{
  const FixSpec *spec;
  PostureControlResult *control;
  PostureStatus status;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) targets = NULL;
  char *text = NULL;

  g_return_val_if_fail (POSTURE_IS_SESSION (self), NULL);
  g_return_val_if_fail (control_id != NULL, NULL);

  if (out_environments != NULL)
    *out_environments = NULL;

  if (self->assessment == NULL || self->snapshot == NULL || self->client == NULL)
    return NULL;

  if ((spec = lookup_fix_spec (control_id)) == NULL)
    return NULL;

  control = posture_assessment_lookup (self->assessment, control_id);
  if (control == NULL)
    return NULL;

  status = posture_control_result_get_status (control);
  if (status != POSTURE_STATUS_FAIL && status != POSTURE_STATUS_PARTIAL)
    return NULL;

  names = g_ptr_array_new_with_free_func (g_free);

  switch (spec->kind)
    {
    case FIX_TENANT_SETTING:
      /* Translators: the first %s is a tenant setting's API name, the second true or false */
      text = g_strdup_printf (_("Sets the tenant setting “%s” to %s for the whole tenant."),
                              spec->field, spec->value ? "true" : "false");
      break;

    case FIX_TENANT_ISOLATION:
      text = g_strdup (_("Turns tenant isolation on for the whole tenant. The allow-list of "
                         "tenants stays as it is, so connections with tenants not on it are blocked."));
      break;

    case FIX_DLP_POLICY:
      text = g_strdup (_("Creates the data policy “Tenant-wide baseline (Posture)” covering all "
                         "environments, with connectors classified as non-business by default. "
                         "Review its connector groups in the admin center afterwards."));
      break;

    case FIX_MANAGED_ENVIRONMENT:
      targets = collect_fix_targets (self, spec, names);
      if (targets->len == 0)
        return NULL;
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Turns on Managed Environments (protection level Standard) "
                                           "in %u environment.",
                                           "Turns on Managed Environments (protection level Standard) "
                                           "in %u environments.", targets->len),
                              targets->len);
      break;

    case FIX_DATAVERSE:
      targets = collect_fix_targets (self, spec, names);
      if (targets->len == 0)
        return NULL;
      if (spec->field2 != NULL)
        /* Translators: %s are Dataverse setting names, %u a number of environments */
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Sets the Dataverse settings “%s” to %s and “%s” to %s "
                                             "in %u environment.",
                                             "Sets the Dataverse settings “%s” to %s and “%s” to %s "
                                             "in %u environments.", targets->len),
                                spec->field, spec->value ? "true" : "false",
                                spec->field2, spec->value2 ? "true" : "false",
                                targets->len);
      else
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Sets the Dataverse setting “%s” to %s in %u environment.",
                                             "Sets the Dataverse setting “%s” to %s in %u environments.",
                                             targets->len),
                                spec->field, spec->value ? "true" : "false", targets->len);
      break;

    default:
      g_assert_not_reached ();
    }

  if (out_environments != NULL)
    {
      g_ptr_array_add (names, NULL);
      *out_environments = (GStrv) g_ptr_array_steal (names, NULL);
    }

  return text;
}

void
posture_session_fix_async (PostureSession      *self,
                           const char          *control_id,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *description = NULL;
  const FixSpec *spec;
  FixData *data;

  g_return_if_fail (POSTURE_IS_SESSION (self));
  g_return_if_fail (control_id != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, posture_session_fix_async);

  description = posture_session_describe_fix (self, control_id, NULL);
  if (description == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               "Control %s has nothing the API can fix", control_id);
      return;
    }

  spec = lookup_fix_spec (control_id);
  data = g_new0 (FixData, 1);
  data->control_id = g_strdup (control_id);
  g_task_set_task_data (task, data, (GDestroyNotify) fix_data_free);

  _posture_session_hold (self);

  switch (spec->kind)
    {
    case FIX_TENANT_SETTING:
      {
        g_autoptr(JsonObject) changes = build_setting_change (spec->field, spec->value);

        data->targets = g_ptr_array_new ();
        posture_tenant_client_update_tenant_settings_async (self->client, changes, cancellable,
                                                            posture_session_fix_write_cb,
                                                            g_object_ref (task));
      }
      break;

    case FIX_TENANT_ISOLATION:
      {
        g_autoptr(JsonObject) policy = build_isolation_policy (self->snapshot);

        data->targets = g_ptr_array_new ();
        posture_tenant_client_set_tenant_isolation_async (self->client, policy, cancellable,
                                                          posture_session_fix_write_cb,
                                                          g_object_ref (task));
      }
      break;

    case FIX_DLP_POLICY:
      {
        g_autoptr(JsonObject) policy = build_dlp_policy ();

        data->targets = g_ptr_array_new ();
        posture_tenant_client_put_dlp_policy_async (self->client, policy, cancellable,
                                                    posture_session_fix_write_cb,
                                                    g_object_ref (task));
      }
      break;

    case FIX_MANAGED_ENVIRONMENT:
    case FIX_DATAVERSE:
      data->targets = collect_fix_targets (self, spec, NULL);
      posture_session_fix_next (self, task);
      return;

    default:
      g_assert_not_reached ();
    }

  data->in_flight = 1;
}

gboolean
posture_session_fix_finish (PostureSession  *self,
                            GAsyncResult    *result,
                            PostureStatus   *out_status,
                            GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  gssize status;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == posture_session_fix_async, FALSE);

  status = g_task_propagate_int (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (out_status != NULL)
    *out_status = (PostureStatus) status;

  return TRUE;
}
