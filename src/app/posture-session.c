/* posture-session.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-session"

#include "config.h"

#include <glib/gi18n.h>

#include "posture-decision-store.h"
#include "posture-demo-server.h"
#include "posture-engine.h"
#include "posture-history.h"
#include "posture-json.h"
#include "posture-session.h"
#include "posture-snapshot-cache.h"

/* Environment writes in flight at once during a fix (the client bounds per host too). */
#define FIX_PARALLEL 4

struct _PostureSession
{
  GObject                parent_instance;

  /* Owned */
  PostureDemoServer     *demo_server;    /* NULL unless demo */
  PostureTenantClient   *client;
  PostureTenantProgress *progress;
  PostureSnapshot       *snapshot;
  PostureAssessment     *assessment;
  GHashTable            *decisions;      /* control id (or "control/resource") → PostureDecision */
  PostureDecisionStore  *decision_store; /* NULL for the demo: its decisions stay in memory */
  PostureHistory        *history;
  char                  *tenant_key;     /* "demo", or the tenant as the user typed it */
  GHashTable            *what_if;        /* set of control ids */
  GCancellable          *cancellable;    /* assessments; cancelled in dispose */
  GError                *error;
  char                  *title;

  PostureProfile         profile;
  guint                  busy;
  guint                  generation;     /* drops the result of a superseded assessment */
};

enum {
  PROP_0,
  PROP_DEMO,
  PROP_TITLE,
  PROP_BUSY,
  PROP_PROGRESS,
  PROP_SNAPSHOT,
  PROP_ASSESSMENT,
  PROP_PROFILE,
  PROP_PROJECTED_PERCENT,
  PROP_PROJECTED_LEVEL,
  PROP_ERROR,
  PROP_HISTORY,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

enum {
  RECORDED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (PostureSession, posture_session, G_TYPE_OBJECT)

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

static void
posture_session_hold (PostureSession *self)
{
  if (self->busy++ == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BUSY]);
}

static void
posture_session_release (PostureSession *self)
{
  g_assert (self->busy > 0);

  if (--self->busy == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BUSY]);
}

static void
posture_session_set_error (PostureSession *self,
                           const GError   *error)
{
  if (self->error == NULL && error == NULL)
    return;

  g_clear_error (&self->error);
  if (error != NULL)
    self->error = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ERROR]);
}

static void
posture_session_notify_projected (PostureSession *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PROJECTED_PERCENT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PROJECTED_LEVEL]);
}

static void
posture_session_set_assessment (PostureSession    *self,
                                PostureAssessment *assessment)
{
  if (g_set_object (&self->assessment, assessment))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ASSESSMENT]);
      posture_session_notify_projected (self);
    }
}

/* Assessment: the engine runs on a worker thread; @task (may be NULL) completes with it. */

static void
posture_session_assess_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(PostureAssessment) assessment = NULL;
  g_autoptr(GError) error = NULL;
  PostureSession *self = g_task_get_source_object (task);
  guint generation = GPOINTER_TO_UINT (g_task_get_task_data (task));

  assessment = posture_engine_assess_finish (result, &error);
  posture_session_release (self);

  if (assessment == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_debug ("Assessment failed: %s", error->message);
          posture_session_set_error (self, error);
        }
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* A newer snapshot, decision or profile superseded this one. */
  if (generation == self->generation)
    posture_session_set_assessment (self, assessment);

  g_task_return_boolean (task, TRUE);
}

static void
posture_session_assess (PostureSession *self,
                        GTask          *task)
{
  PostureAssessOptions options = POSTURE_ASSESS_OPTIONS_INIT;
  g_autoptr(GTask) own_task = NULL;

  g_assert (POSTURE_IS_SESSION (self));
  g_assert (self->snapshot != NULL);

  if (task == NULL)
    task = own_task = g_task_new (self, self->cancellable, NULL, NULL);

  options.profile = self->profile;
  options.decisions = self->decisions;

  g_task_set_task_data (task, GUINT_TO_POINTER (++self->generation), NULL);
  posture_session_hold (self);
  posture_engine_assess_async (self->snapshot, &options,
                               g_task_get_cancellable (task),
                               posture_session_assess_cb,
                               g_object_ref (task));
}

static void
posture_session_take_snapshot (PostureSession  *self,
                               PostureSnapshot *snapshot)
{
  const char *name;

  if (!g_set_object (&self->snapshot, snapshot))
    return;

  name = posture_snapshot_get_tenant_name (snapshot);
  if (self->demo_server == NULL && name != NULL && *name != '\0' &&
      g_strcmp0 (name, self->title) != 0)
    {
      g_free (self->title);
      self->title = g_strdup (name);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TITLE]);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SNAPSHOT]);
}

/* After a read: one history record per assessment, and the snapshot in the cache so
 * that the next start opens on it. Failures only cost the record; they are logged. */

static void
posture_session_history_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr(PostureSession) self = g_weak_ref_get (weak);
  g_autoptr(GError) error = NULL;

  g_weak_ref_clear (weak);
  g_free (weak);

  if (!posture_history_append_finish (POSTURE_HISTORY (object), result, &error))
    {
      g_debug ("Cannot record the score history: %s", error->message);
      return;
    }

  /* The session may be gone (the record is kept all the same), or its history
   * replaced by a switch of tenant meanwhile. */
  if (self != NULL && POSTURE_HISTORY (object) == self->history)
    g_signal_emit (self, signals [RECORDED], 0);
}

static void
posture_session_cache_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!posture_snapshot_cache_save_finish (result, &error))
    g_debug ("Cannot cache the snapshot: %s", error->message);
}

static void
posture_session_record (PostureSession *self)
{
  g_autoptr(PostureHistoryRecord) record = NULL;

  if (self->assessment == NULL)
    return;

  if (self->history != NULL)
    {
      GWeakRef *weak = g_new0 (GWeakRef, 1);

      record = posture_history_record_new_from_assessment (self->assessment);
      /* A weak reference: recording must not keep a closed window's session alive. */
      g_weak_ref_init (weak, self);
      posture_history_append_async (self->history, record, NULL, posture_session_history_cb, weak);
    }

  if (self->demo_server == NULL && self->snapshot != NULL)
    posture_snapshot_cache_save_async (self->tenant_key, self->snapshot, NULL,
                                       posture_session_cache_cb, NULL);
}

static void
posture_session_read_assessed_cb (GObject      *object,
                                  GAsyncResult *result,
                                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  posture_session_record (POSTURE_SESSION (object));
  g_task_return_boolean (task, TRUE);
}

/* Reading */

static void
posture_session_read_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(PostureSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) warnings = NULL;
  g_autoptr(GTask) assess = NULL;
  PostureSession *self = g_task_get_source_object (task);

  root = posture_tenant_client_read_snapshot_finish (POSTURE_TENANT_CLIENT (object), result,
                                                     &warnings, &error);
  posture_session_release (self);

  if (root != NULL)
    {
      for (guint i = 0; warnings != NULL && warnings[i] != NULL; i++)
        g_debug ("Read warning: %s", warnings[i]);
      snapshot = posture_snapshot_new_from_json (root, self->title, &error);
    }

  if (snapshot == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_debug ("Reading the tenant failed: %s", error->message);
          posture_session_set_error (self, error);
        }
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  posture_session_set_error (self, NULL);
  posture_session_take_snapshot (self, snapshot);
  assess = g_task_new (self, g_task_get_cancellable (task), posture_session_read_assessed_cb,
                       g_object_ref (task));
  posture_session_assess (self, assess);
}

static void
posture_session_read (PostureSession *self,
                      GTask          *task)
{
  posture_session_hold (self);
  posture_tenant_client_read_snapshot_async (self->client, self->progress,
                                             g_task_get_cancellable (task),
                                             posture_session_read_cb,
                                             g_object_ref (task));
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
  posture_session_read (self, reread);
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
      posture_session_release (self);
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

static void
posture_session_dispose (GObject *object)
{
  PostureSession *self = (PostureSession *) object;

  g_cancellable_cancel (self->cancellable);

  g_clear_object (&self->assessment);
  g_clear_object (&self->snapshot);
  g_clear_object (&self->client);
  g_clear_object (&self->progress);
  if (self->demo_server != NULL)
    posture_demo_server_stop (self->demo_server);
  g_clear_object (&self->demo_server);
  g_clear_pointer (&self->decisions, g_hash_table_unref);
  g_clear_pointer (&self->what_if, g_hash_table_unref);
  g_clear_object (&self->decision_store);
  g_clear_object (&self->history);

  G_OBJECT_CLASS (posture_session_parent_class)->dispose (object);
}

static void
posture_session_finalize (GObject *object)
{
  PostureSession *self = (PostureSession *) object;

  g_clear_object (&self->cancellable);
  g_clear_error (&self->error);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->tenant_key, g_free);

  G_OBJECT_CLASS (posture_session_parent_class)->finalize (object);
}

static void
posture_session_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PostureSession *self = POSTURE_SESSION (object);
  PostureScore score;

  switch (prop_id)
    {
    case PROP_DEMO:
      g_value_set_boolean (value, self->demo_server != NULL);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy > 0);
      break;

    case PROP_PROGRESS:
      g_value_set_object (value, self->progress);
      break;

    case PROP_SNAPSHOT:
      g_value_set_object (value, self->snapshot);
      break;

    case PROP_ASSESSMENT:
      g_value_set_object (value, self->assessment);
      break;

    case PROP_PROFILE:
      g_value_set_uint (value, self->profile);
      break;

    case PROP_PROJECTED_PERCENT:
      posture_session_get_projected_score (self, &score);
      g_value_set_double (value, score.percent);
      break;

    case PROP_PROJECTED_LEVEL:
      posture_session_get_projected_score (self, &score);
      g_value_set_uint (value, score.level);
      break;

    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;

    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_session_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PostureSession *self = POSTURE_SESSION (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      posture_session_set_profile (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_session_class_init (PostureSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = posture_session_dispose;
  object_class->finalize = posture_session_finalize;
  object_class->get_property = posture_session_get_property;
  object_class->set_property = posture_session_set_property;

  properties [PROP_DEMO] =
    g_param_spec_boolean ("demo", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties [PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties [PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties [PROP_PROGRESS] =
    g_param_spec_object ("progress", NULL, NULL, POSTURE_TYPE_TENANT_PROGRESS,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties [PROP_SNAPSHOT] =
    g_param_spec_object ("snapshot", NULL, NULL, POSTURE_TYPE_SNAPSHOT,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties [PROP_ASSESSMENT] =
    g_param_spec_object ("assessment", NULL, NULL, POSTURE_TYPE_ASSESSMENT,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties [PROP_PROFILE] =
    g_param_spec_uint ("profile", NULL, NULL, 0, POSTURE_PROFILE_PPAC, POSTURE_PROFILE_ALL,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_PROJECTED_PERCENT] =
    g_param_spec_double ("projected-percent", NULL, NULL, -1, 100, -1,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties [PROP_PROJECTED_LEVEL] =
    g_param_spec_uint ("projected-level", NULL, NULL, 0, POSTURE_LEVEL_HIGH, POSTURE_LEVEL_UNKNOWN,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties [PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties [PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, G_TYPE_LIST_MODEL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PostureSession::recorded:
   *
   * Emitted when a reading has been added to the score history, so that what
   * changed since the reading before can be shown (and notified when it regressed).
   */
  signals [RECORDED] =
    g_signal_new ("recorded",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
posture_session_init (PostureSession *self)
{
  self->cancellable = g_cancellable_new ();
  self->progress = posture_tenant_progress_new ();
  self->decisions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->what_if = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->profile = POSTURE_PROFILE_ALL;
}

static void
posture_session_history_loaded_cb (GObject      *object,
                                   GAsyncResult *result,
                                   gpointer      user_data)
{
  g_autoptr(GError) recovered = NULL;
  g_autoptr(GError) error = NULL;

  if (!posture_history_load_finish (POSTURE_HISTORY (object), result, &recovered, &error))
    g_debug ("Cannot load the score history: %s", error->message);
  else if (recovered != NULL)
    g_warning ("%s", recovered->message);
}

static void
posture_session_decisions_loaded_cb (GObject      *object,
                                     GAsyncResult *result,
                                     gpointer      user_data)
{
  g_autoptr(PostureSession) self = user_data;
  g_autoptr(GError) recovered = NULL;
  g_autoptr(GError) error = NULL;

  if (!posture_decision_store_load_finish (POSTURE_DECISION_STORE (object), result, &recovered, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Cannot load the decisions: %s", error->message);
      return;
    }
  if (recovered != NULL)
    g_warning ("%s", recovered->message);

  if (self->decisions == NULL)
    return;

  g_hash_table_unref (self->decisions);
  self->decisions = posture_decision_store_dup_table (self->decision_store);
  posture_session_notify_projected (self);
  if (self->snapshot != NULL)
    posture_session_assess (self, NULL);
}

/* The state on disk for @tenant_key: score history always, decisions only for a real
 * tenant (a workshop's demo decisions go with "Reset demo"). */
static void
posture_session_open_state (PostureSession *self,
                            const char     *tenant_key,
                            gboolean        with_decisions)
{
  self->tenant_key = g_strdup (tenant_key);

  self->history = posture_history_new (tenant_key);
  posture_history_load_async (self->history, self->cancellable,
                              posture_session_history_loaded_cb, NULL);

  if (with_decisions)
    {
      self->decision_store = posture_decision_store_new (tenant_key);
      posture_decision_store_load_async (self->decision_store, self->cancellable,
                                         posture_session_decisions_loaded_cb, g_object_ref (self));
    }
}

/**
 * posture_session_new_demo:
 * @n_environments: environments of the demo tenant, 0 for its default size
 *
 * Starts the demo tenant on loopback and a tenant client that reads it as it would
 * read a real tenant.
 *
 * Returns: (transfer full): a session, or %NULL if the server cannot listen
 */
PostureSession *
posture_session_new_demo (guint    n_environments,
                          GError **error)
{
  g_autoptr(PostureSession) self = NULL;
  g_autoptr(PostureDemoServer) server = NULL;
  g_autoptr(PostureEndpoints) endpoints = NULL;
  g_autoptr(PostureOAuth) oauth = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  server = posture_demo_server_new ();
  if (n_environments > 0)
    posture_demo_server_set_environments (server, n_environments);
  if (!posture_demo_server_start (server, 0, error))
    return NULL;

  endpoints = posture_endpoints_new ("custom", posture_demo_server_get_base_uri (server), error);
  if (endpoints == NULL)
    return NULL;

  oauth = posture_oauth_new (endpoints, POSTURE_DEMO_TENANT_ID, POSTURE_DEMO_CLIENT_ID, NULL, NULL);
  /* A public demo value only the loopback server accepts (posture-demo-server.h). */
  posture_oauth_set_client_secret (oauth, POSTURE_DEMO_CLIENT_SECRET);

  self = g_object_new (POSTURE_TYPE_SESSION, NULL);
  self->demo_server = g_steal_pointer (&server);
  self->client = posture_tenant_client_new (oauth);
  self->title = g_strdup (POSTURE_DEMO_TENANT_NAME);
  posture_session_open_state (self, "demo", FALSE);

  return g_steal_pointer (&self);
}

/**
 * posture_session_new_for_client:
 * @client: a client of a signed-in tenant
 * @title: what to call the tenant until its name has been read
 *
 * Returns: (transfer full): a session
 */
PostureSession *
posture_session_new_for_client (PostureTenantClient *client,
                                const char          *title)
{
  PostureSession *self;

  g_return_val_if_fail (POSTURE_IS_TENANT_CLIENT (client), NULL);

  self = g_object_new (POSTURE_TYPE_SESSION, NULL);
  self->client = g_object_ref (client);
  self->title = g_strdup (title);
  posture_session_open_state (self, posture_oauth_get_tenant (posture_tenant_client_get_oauth (client)), TRUE);

  return self;
}

typedef struct
{
  PostureTokenStore *store;
  char              *tenant;
  PostureOAuth      *oauth;
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_clear_object (&data->store);
  g_clear_object (&data->oauth);
  g_free (data->tenant);
  g_free (data);
}

static void
posture_session_open_load_cb (GObject      *object,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(PostureTenantClient) client = NULL;
  g_autoptr(GError) error = NULL;
  OpenData *data = g_task_get_task_data (task);

  if (!posture_oauth_load_finish (POSTURE_OAUTH (object), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  client = posture_tenant_client_new (data->oauth);
  g_task_return_pointer (task, posture_session_new_for_client (client, data->tenant), g_object_unref);
}

static void
posture_session_open_list_cb (GObject      *object,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(PostureEndpoints) endpoints = NULL;
  g_autoptr(GError) error = NULL;
  OpenData *data = g_task_get_task_data (task);
  const PostureCredentialInfo *found = NULL;

  infos = posture_token_store_list_finish (POSTURE_TOKEN_STORE (object), result, &error);
  if (infos == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (guint i = 0; i < infos->len && found == NULL; i++)
    {
      const PostureCredentialInfo *info = g_ptr_array_index (infos, i);

      if (g_ascii_strcasecmp (info->tenant, data->tenant) == 0)
        found = info;
    }

  if (found == NULL)
    {
      g_task_return_new_error (task, POSTURE_TOKEN_STORE_ERROR, POSTURE_TOKEN_STORE_ERROR_NOT_FOUND,
                               "Nothing is stored for tenant %s", data->tenant);
      return;
    }

  /* The cloud key is a cloud name, or the base URL of a custom cloud. */
  if (strstr (found->cloud_key, "://") != NULL)
    endpoints = posture_endpoints_new ("custom", found->cloud_key, &error);
  else
    endpoints = posture_endpoints_new (found->cloud_key, NULL, &error);
  if (endpoints == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data->oauth = posture_oauth_new (endpoints, found->tenant, found->client_id, data->store, NULL);
  posture_oauth_load_async (data->oauth, g_task_get_cancellable (task),
                            posture_session_open_load_cb, g_steal_pointer (&task));
}

void
posture_session_new_for_tenant_async (PostureTokenStore   *store,
                                      const char          *tenant,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  OpenData *data;

  g_return_if_fail (POSTURE_IS_TOKEN_STORE (store));
  g_return_if_fail (tenant != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, posture_session_new_for_tenant_async);
  data = g_new0 (OpenData, 1);
  data->store = g_object_ref (store);
  data->tenant = g_strdup (tenant);
  g_task_set_task_data (task, data, (GDestroyNotify) open_data_free);

  posture_token_store_list_async (store, cancellable, posture_session_open_list_cb, g_steal_pointer (&task));
}

PostureSession *
posture_session_new_for_tenant_finish (GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == posture_session_new_for_tenant_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
posture_session_get_demo (PostureSession *self)
{
  g_return_val_if_fail (POSTURE_IS_SESSION (self), FALSE);

  return self->demo_server != NULL;
}

const char *
posture_session_get_title (PostureSession *self)
{
  g_return_val_if_fail (POSTURE_IS_SESSION (self), NULL);

  return self->title;
}

gboolean
posture_session_get_busy (PostureSession *self)
{
  g_return_val_if_fail (POSTURE_IS_SESSION (self), FALSE);

  return self->busy > 0;
}

PostureTenantProgress *
posture_session_get_progress (PostureSession *self)
{
  g_return_val_if_fail (POSTURE_IS_SESSION (self), NULL);

  return self->progress;
}

PostureTenantClient *
posture_session_get_client (PostureSession *self)
{
  g_return_val_if_fail (POSTURE_IS_SESSION (self), NULL);

  return self->client;
}

PostureSnapshot *
posture_session_get_snapshot (PostureSession *self)
{
  g_return_val_if_fail (POSTURE_IS_SESSION (self), NULL);

  return self->snapshot;
}

PostureAssessment *
posture_session_get_assessment (PostureSession *self)
{
  g_return_val_if_fail (POSTURE_IS_SESSION (self), NULL);

  return self->assessment;
}

const GError *
posture_session_get_error (PostureSession *self)
{
  g_return_val_if_fail (POSTURE_IS_SESSION (self), NULL);

  return self->error;
}

PostureProfile
posture_session_get_profile (PostureSession *self)
{
  g_return_val_if_fail (POSTURE_IS_SESSION (self), POSTURE_PROFILE_ALL);

  return self->profile;
}

void
posture_session_set_profile (PostureSession *self,
                             PostureProfile  profile)
{
  g_return_if_fail (POSTURE_IS_SESSION (self));
  g_return_if_fail (profile <= POSTURE_PROFILE_PPAC);

  if (self->profile == profile)
    return;

  self->profile = profile;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PROFILE]);

  if (self->snapshot != NULL)
    posture_session_assess (self, NULL);
}

gpointer
posture_session_get_demo_server (PostureSession *self)
{
  g_return_val_if_fail (POSTURE_IS_SESSION (self), NULL);

  return self->demo_server;
}

void
posture_session_set_snapshot (PostureSession  *self,
                              PostureSnapshot *snapshot)
{
  g_return_if_fail (POSTURE_IS_SESSION (self));
  g_return_if_fail (POSTURE_IS_SNAPSHOT (snapshot));

  posture_session_take_snapshot (self, snapshot);
  posture_session_assess (self, NULL);
}

void
posture_session_refresh_async (PostureSession      *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (POSTURE_IS_SESSION (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, posture_session_refresh_async);

  posture_session_read (self, task);
}

gboolean
posture_session_refresh_finish (PostureSession  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == posture_session_refresh_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

PostureDecision *
posture_session_get_decision (PostureSession *self,
                              const char     *control_id)
{
  g_return_val_if_fail (POSTURE_IS_SESSION (self), NULL);
  g_return_val_if_fail (control_id != NULL, NULL);

  return g_hash_table_lookup (self->decisions, control_id);
}

static void
posture_session_decide_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!posture_decision_store_decide_finish (POSTURE_DECISION_STORE (object), result, &error))
    g_warning ("Cannot save the decision: %s", error->message);
}

void
posture_session_set_decision (PostureSession        *self,
                              const char            *control_id,
                              PostureDecisionStatus  status,
                              const char            *note)
{
  PostureDecision *current;
  g_autoptr(PostureDecision) decision = NULL;
  g_autoptr(GDateTime) now = NULL;
  GHashTable *table;
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (POSTURE_IS_SESSION (self));
  g_return_if_fail (control_id != NULL);

  current = g_hash_table_lookup (self->decisions, control_id);
  if (current != NULL &&
      posture_decision_get_status (current) == status &&
      g_strcmp0 (posture_decision_get_note (current), note) == 0)
    return;
  if (current == NULL && status == POSTURE_DECISION_TO_ADDRESS && note == NULL)
    return;

  /* Decisions given to the engine are never modified (it may read them on a worker
   * thread): a change makes a new object in a new table. */
  now = g_date_time_new_now_utc ();
  decision = posture_decision_new (control_id,
                                   current != NULL ? posture_decision_get_status (current)
                                                   : POSTURE_DECISION_TO_ADDRESS);
  posture_decision_change (decision, status, note, g_get_real_name (), now);

  table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_hash_table_iter_init (&iter, self->decisions);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (table, g_strdup (key), g_object_ref (value));
  g_hash_table_insert (table, g_strdup (control_id), g_steal_pointer (&decision));
  g_hash_table_unref (self->decisions);
  self->decisions = table;

  if (self->decision_store != NULL)
    {
      PostureDecisionRequest request = { 0 };

      request.control_id = control_id;
      request.status = status;
      request.note = note;
      request.author = g_get_real_name ();
      request.when = now;
      posture_decision_store_decide_async (self->decision_store, &request, NULL,
                                           posture_session_decide_cb, NULL);
    }

  posture_session_notify_projected (self);
  if (self->snapshot != NULL)
    posture_session_assess (self, NULL);
}

gboolean
posture_session_get_what_if (PostureSession *self,
                             const char     *control_id)
{
  g_return_val_if_fail (POSTURE_IS_SESSION (self), FALSE);
  g_return_val_if_fail (control_id != NULL, FALSE);

  return g_hash_table_contains (self->what_if, control_id);
}

void
posture_session_set_what_if (PostureSession *self,
                             const char     *control_id,
                             gboolean        simulate)
{
  gboolean changed;

  g_return_if_fail (POSTURE_IS_SESSION (self));
  g_return_if_fail (control_id != NULL);

  if (simulate)
    changed = g_hash_table_add (self->what_if, g_strdup (control_id));
  else
    changed = g_hash_table_remove (self->what_if, control_id);

  if (changed)
    posture_session_notify_projected (self);
}

void
posture_session_get_projected_score (PostureSession *self,
                                     PostureScore   *score)
{
  g_autoptr(GPtrArray) ids = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (POSTURE_IS_SESSION (self));
  g_return_if_fail (score != NULL);

  if (self->assessment == NULL)
    {
      score->earned = score->possible = 0;
      score->percent = -1;
      score->level = POSTURE_LEVEL_UNKNOWN;
      return;
    }

  ids = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, self->what_if);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (ids, key);

  g_hash_table_iter_init (&iter, self->decisions);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (posture_decision_get_status (value) == POSTURE_DECISION_PLANNED &&
        strchr (key, '/') == NULL &&
        !g_hash_table_contains (self->what_if, key))
      g_ptr_array_add (ids, key);

  g_ptr_array_add (ids, NULL);
  posture_assessment_what_if (self->assessment, (const char * const *) ids->pdata, NULL, score);
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

  posture_session_hold (self);

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

void
posture_session_reset_demo_async (PostureSession      *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (POSTURE_IS_SESSION (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, posture_session_reset_demo_async);

  if (self->demo_server == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               "Only the demo tenant can be reset");
      return;
    }

  /* A workshop starts again from scratch: the tenant, the decisions, the what-ifs. */
  posture_demo_server_reset (self->demo_server);
  g_hash_table_unref (self->decisions);
  self->decisions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_hash_table_remove_all (self->what_if);
  posture_session_notify_projected (self);

  posture_session_read (self, task);
}

gboolean
posture_session_reset_demo_finish (PostureSession  *self,
                                   GAsyncResult    *result,
                                   GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == posture_session_reset_demo_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

GListModel *
posture_session_get_history (PostureSession *self)
{
  g_return_val_if_fail (POSTURE_IS_SESSION (self), NULL);

  return G_LIST_MODEL (self->history);
}

const char *
posture_session_get_tenant_key (PostureSession *self)
{
  g_return_val_if_fail (POSTURE_IS_SESSION (self), NULL);

  return self->tenant_key;
}

static void
posture_session_cache_loaded_cb (GObject      *object,
                                 GAsyncResult *result,
                                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(PostureSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  PostureSession *self = g_task_get_source_object (task);

  snapshot = posture_snapshot_cache_load_finish (result, NULL, &error);
  if (snapshot == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* A read that finished meanwhile is newer than the cache. */
  if (self->snapshot == NULL)
    {
      posture_session_take_snapshot (self, snapshot);
      posture_session_assess (self, NULL);
    }

  g_task_return_boolean (task, TRUE);
}

void
posture_session_load_cache_async (PostureSession      *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (POSTURE_IS_SESSION (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, posture_session_load_cache_async);

  posture_snapshot_cache_load_async (self->tenant_key, cancellable,
                                     posture_session_cache_loaded_cb, g_steal_pointer (&task));
}

gboolean
posture_session_load_cache_finish (PostureSession  *self,
                                   GAsyncResult    *result,
                                   GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == posture_session_load_cache_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
