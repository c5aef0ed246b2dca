/* posture-fix-runner.c: the runner, and the run: a few steps at a time
 *
 * How each call is made follows Microsoft's Terraform provider for Power Platform:
 * the governance POST answers 204, 202 + Location (polled until Succeeded/Failed), or
 * 409, which is told apart by reading the environment again (managed_environment);
 * the isolation PUT answers 200 or 202 (tenant_isolation_policy); a DLP policy is
 * created with POST v2/policies and read back with GET v2/policies/{name}; a Dataverse
 * organization is changed with PATCH organizations({id}) and read back. The admin
 * module's Set-TenantSettings posts only the members it changes.
 *
 * Writes and polls go through an HTTP session of their own that never retries by
 * itself (posture-fix-runner-send.c); reads go through the tenant client's request
 * primitive (retries, 401, mapping). Each step is a job (posture-fix-runner-job.c;
 * posture-fix-runner-private.h lists the other pieces).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-fix-runner"

#include "config.h"

#include "posture-fix-runner-private.h"

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_PLAN,
  PROP_CURRENT,
  PROP_RUNNING,
  PROP_N_DONE,
  PROP_N_TOTAL,
  PROP_OPERATION_WAIT,
  PROP_POLL_INTERVAL,
  PROP_RETRY_DELAY,
  PROP_READ_BACK_INTERVAL,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (PostureFixRunner, posture_fix_runner, G_TYPE_OBJECT)

PostureOAuth *
_posture_fix_runner_get_oauth (PostureFixRunner *self)
{
  return posture_tenant_client_get_oauth (self->client);
}

gint64
_posture_fix_runner_time_left_us (PostureFixRunner *self)
{
  gint64 deadline = posture_oauth_get_deadline (_posture_fix_runner_get_oauth (self));

  if (deadline <= 0)
    return G_MAXINT64;
  return MAX (0, deadline - g_get_monotonic_time ());
}

void
_posture_fix_runner_sync_deadline (PostureFixRunner *self)
{
  PostureOAuth *oauth = _posture_fix_runner_get_oauth (self);

  posture_http_set_deadline (self->writes, posture_oauth_get_deadline (oauth),
                             posture_oauth_get_timeout (oauth));
  _posture_http_set_time_scale (self->writes,
                                _posture_http_get_time_scale (_posture_oauth_get_http (oauth)));
}

/* ------------------------------------------------------------------------- */
/* The run                                                                   */
/* ------------------------------------------------------------------------- */

typedef struct
{
  PostureFixPlan *plan;
  guint           next;
  guint           in_flight;
  gboolean        cancelled;
} RunData;

static void
run_data_free (gpointer user_data)
{
  RunData *data = user_data;

  g_clear_object (&data->plan);
  g_free (data);
}

static void run_next (GTask *task);

static void
set_n_done (PostureFixRunner *self,
            guint             n_done)
{
  if (self->n_done == n_done)
    return;
  self->n_done = n_done;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_DONE]);
}

static void
set_running (PostureFixRunner *self,
             gboolean          running)
{
  if (self->running == running)
    return;
  self->running = running;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_RUNNING]);
}

static void
job_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PostureFixRunner *self = POSTURE_FIX_RUNNER (object);
  RunData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    data->cancelled = TRUE;

  data->in_flight--;
  set_n_done (self, self->n_done + 1);
  run_next (g_steal_pointer (&task));
}

static void
run_next (GTask *task)
{
  PostureFixRunner *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);
  GListModel *steps = posture_fix_plan_get_steps (data->plan);
  guint n = g_list_model_get_n_items (steps);

  if (!data->cancelled && g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    data->cancelled = TRUE;

  while (!data->cancelled && data->in_flight < POSTURE_FIX_MAX_PARALLEL && data->next < n)
    {
      g_autoptr(PostureFixStep) step = g_list_model_get_item (steps, data->next++);

      if (g_set_object (&self->current, step))
        g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CURRENT]);

      if (posture_fix_step_get_action (step) == POSTURE_FIX_ACTION_SKIP ||
          g_list_model_get_n_items (posture_fix_step_get_requests (step)) == 0)
        {
          posture_fix_step_set_outcome (step, POSTURE_FIX_OUTCOME_SKIPPED,
                                        posture_fix_step_get_reason (step));
          set_n_done (self, self->n_done + 1);
          continue;
        }

      data->in_flight++;
      _posture_fix_job_start (self, step, g_task_get_cancellable (task), job_done_cb,
                              g_object_ref (task));
    }

  if (data->in_flight > 0 || (!data->cancelled && data->next < n))
    {
      g_object_unref (task);
      return;
    }

  set_running (self, FALSE);
  if (data->cancelled)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             "The fix was cancelled; the steps not finished may or may not "
                             "have been applied: assess again to see");
  else
    g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

void
posture_fix_runner_run_async (PostureFixRunner    *self,
                              PostureFixPlan      *plan,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RunData *data;

  g_return_if_fail (POSTURE_IS_FIX_RUNNER (self));
  g_return_if_fail (POSTURE_IS_FIX_PLAN (plan));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, posture_fix_runner_run_async);

  if (self->running)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY,
                               "A fix is already being carried out; wait for it to end");
      return;
    }

  data = g_new0 (RunData, 1);
  data->plan = g_object_ref (plan);
  g_task_set_task_data (task, data, run_data_free);

  _posture_fix_runner_sync_deadline (self);
  g_object_freeze_notify (G_OBJECT (self));
  if (g_set_object (&self->plan, plan))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PLAN]);
  if (g_set_object (&self->current, NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CURRENT]);
  self->n_total = g_list_model_get_n_items (posture_fix_plan_get_steps (plan));
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_TOTAL]);
  set_n_done (self, 0);
  set_running (self, TRUE);
  g_object_thaw_notify (G_OBJECT (self));

  run_next (g_steal_pointer (&task));
}

gboolean
posture_fix_runner_run_finish (PostureFixRunner  *self,
                               GAsyncResult      *result,
                               GError           **error)
{
  g_return_val_if_fail (POSTURE_IS_FIX_RUNNER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == posture_fix_runner_run_async,
                        FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------------- */
/* The object                                                                */
/* ------------------------------------------------------------------------- */

static void
posture_fix_runner_constructed (GObject *object)
{
  PostureFixRunner *self = (PostureFixRunner *) object;
  PostureHttpOptions options;

  G_OBJECT_CLASS (posture_fix_runner_parent_class)->constructed (object);

  g_assert (POSTURE_IS_TENANT_CLIENT (self->client));

  /* The client's limits, with one attempt per request. */
  options = *posture_oauth_get_options (_posture_fix_runner_get_oauth (self));
  options.max_attempts = 1;
  self->writes = posture_http_new (&options);
}

static void
posture_fix_runner_dispose (GObject *object)
{
  PostureFixRunner *self = (PostureFixRunner *) object;

  g_clear_object (&self->writes);
  g_clear_object (&self->plan);
  g_clear_object (&self->current);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (posture_fix_runner_parent_class)->dispose (object);
}

static void
posture_fix_runner_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PostureFixRunner *self = POSTURE_FIX_RUNNER (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_PLAN:
      g_value_set_object (value, self->plan);
      break;
    case PROP_CURRENT:
      g_value_set_object (value, self->current);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    case PROP_N_DONE:
      g_value_set_uint (value, self->n_done);
      break;
    case PROP_N_TOTAL:
      g_value_set_uint (value, self->n_total);
      break;
    case PROP_OPERATION_WAIT:
      g_value_set_uint (value, self->operation_wait_s);
      break;
    case PROP_POLL_INTERVAL:
      g_value_set_uint (value, self->poll_interval_ms);
      break;
    case PROP_RETRY_DELAY:
      g_value_set_uint (value, self->retry_delay_ms);
      break;
    case PROP_READ_BACK_INTERVAL:
      g_value_set_uint (value, self->read_back_interval_ms);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_uint (PostureFixRunner *self,
          guint            *field,
          guint             value,
          guint             prop_id)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties [prop_id]);
}

static void
posture_fix_runner_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  PostureFixRunner *self = POSTURE_FIX_RUNNER (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_OPERATION_WAIT:
      set_uint (self, &self->operation_wait_s, g_value_get_uint (value), prop_id);
      break;
    case PROP_POLL_INTERVAL:
      set_uint (self, &self->poll_interval_ms, g_value_get_uint (value), prop_id);
      break;
    case PROP_RETRY_DELAY:
      set_uint (self, &self->retry_delay_ms, g_value_get_uint (value), prop_id);
      break;
    case PROP_READ_BACK_INTERVAL:
      set_uint (self, &self->read_back_interval_ms, g_value_get_uint (value), prop_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_fix_runner_class_init (PostureFixRunnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = posture_fix_runner_constructed;
  object_class->dispose = posture_fix_runner_dispose;
  object_class->get_property = posture_fix_runner_get_property;
  object_class->set_property = posture_fix_runner_set_property;

  properties [PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, POSTURE_TYPE_TENANT_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties [PROP_PLAN] = g_param_spec_object ("plan", NULL, NULL, POSTURE_TYPE_FIX_PLAN, ro);
  properties [PROP_CURRENT] =
    g_param_spec_object ("current", NULL, NULL, POSTURE_TYPE_FIX_STEP, ro);
  properties [PROP_RUNNING] = g_param_spec_boolean ("running", NULL, NULL, FALSE, ro);
  properties [PROP_N_DONE] = g_param_spec_uint ("n-done", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties [PROP_N_TOTAL] = g_param_spec_uint ("n-total", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties [PROP_OPERATION_WAIT] =
    g_param_spec_uint ("operation-wait", NULL, NULL, 0, 86400, 300, rw);
  properties [PROP_POLL_INTERVAL] =
    g_param_spec_uint ("poll-interval", NULL, NULL, 1, 3600000, 5000, rw);
  properties [PROP_RETRY_DELAY] =
    g_param_spec_uint ("retry-delay", NULL, NULL, 1, 3600000, 10000, rw);
  properties [PROP_READ_BACK_INTERVAL] =
    g_param_spec_uint ("read-back-interval", NULL, NULL, 1, 3600000, 2000, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
posture_fix_runner_init (PostureFixRunner *self)
{
  self->operation_wait_s = 300;
  self->poll_interval_ms = 5000;
  self->retry_delay_ms = 10000;
  self->read_back_interval_ms = 2000;
}

/**
 * posture_fix_runner_new:
 *
 * Returns: (transfer full): a runner for @client's tenant
 */
PostureFixRunner *
posture_fix_runner_new (PostureTenantClient *client)
{
  g_return_val_if_fail (POSTURE_IS_TENANT_CLIENT (client), NULL);

  return g_object_new (POSTURE_TYPE_FIX_RUNNER, "client", client, NULL);
}

PostureTenantClient *
posture_fix_runner_get_client (PostureFixRunner *self)
{
  g_return_val_if_fail (POSTURE_IS_FIX_RUNNER (self), NULL);
  return self->client;
}

PostureFixPlan *
posture_fix_runner_get_plan (PostureFixRunner *self)
{
  g_return_val_if_fail (POSTURE_IS_FIX_RUNNER (self), NULL);
  return self->plan;
}

PostureFixStep *
posture_fix_runner_get_current (PostureFixRunner *self)
{
  g_return_val_if_fail (POSTURE_IS_FIX_RUNNER (self), NULL);
  return self->current;
}

gboolean
posture_fix_runner_get_running (PostureFixRunner *self)
{
  g_return_val_if_fail (POSTURE_IS_FIX_RUNNER (self), FALSE);
  return self->running;
}

guint
posture_fix_runner_get_n_done (PostureFixRunner *self)
{
  g_return_val_if_fail (POSTURE_IS_FIX_RUNNER (self), 0);
  return self->n_done;
}

guint
posture_fix_runner_get_n_total (PostureFixRunner *self)
{
  g_return_val_if_fail (POSTURE_IS_FIX_RUNNER (self), 0);
  return self->n_total;
}

char *
posture_fix_runner_dup_url (PostureFixRunner  *self,
                            PostureFixRequest *request)
{
  PostureEndpoints *endpoints;

  g_return_val_if_fail (POSTURE_IS_FIX_RUNNER (self), NULL);
  g_return_val_if_fail (POSTURE_IS_FIX_REQUEST (request), NULL);

  endpoints = posture_oauth_get_endpoints (_posture_fix_runner_get_oauth (self));
  return posture_fix_request_dup_url (request, posture_endpoints_get_bap (endpoints),
                                      posture_endpoints_get_graph (endpoints));
}

JsonNode *
posture_fix_runner_plan_to_json (PostureFixRunner *self,
                                 PostureFixPlan   *plan,
                                 gboolean          dry_run)
{
  PostureEndpoints *endpoints;

  g_return_val_if_fail (POSTURE_IS_FIX_RUNNER (self), NULL);
  g_return_val_if_fail (POSTURE_IS_FIX_PLAN (plan), NULL);

  endpoints = posture_oauth_get_endpoints (_posture_fix_runner_get_oauth (self));
  return posture_fix_plan_to_json (plan, posture_endpoints_get_bap (endpoints),
                                   posture_endpoints_get_graph (endpoints), dry_run);
}
