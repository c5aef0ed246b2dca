/* posture-session.c: the tenant a window shows; its properties and how it is opened
 *
 * The other concerns of the class live beside this file (posture-session-private.h
 * lists them).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-session"

#include "config.h"

#include "posture-application.h"
#include "posture-session-private.h"

enum {
  RECORDED,
  N_SIGNALS
};

static GParamSpec *properties [POSTURE_SESSION_N_PROPS];
static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (PostureSession, posture_session, G_TYPE_OBJECT)

void
_posture_session_notify (PostureSession         *self,
                         PostureSessionProperty  prop)
{
  g_assert (POSTURE_IS_SESSION (self));
  g_assert (prop > POSTURE_SESSION_PROP_0 && prop < POSTURE_SESSION_N_PROPS);

  g_object_notify_by_pspec (G_OBJECT (self), properties [prop]);
}

void
_posture_session_notify_projected (PostureSession *self)
{
  _posture_session_notify (self, POSTURE_SESSION_PROP_PROJECTED_PERCENT);
  _posture_session_notify (self, POSTURE_SESSION_PROP_PROJECTED_LEVEL);
}

void
_posture_session_hold (PostureSession *self)
{
  if (self->busy++ == 0)
    _posture_session_notify (self, POSTURE_SESSION_PROP_BUSY);
}

void
_posture_session_release (PostureSession *self)
{
  g_assert (self->busy > 0);

  if (--self->busy == 0)
    _posture_session_notify (self, POSTURE_SESSION_PROP_BUSY);
}

void
_posture_session_set_error (PostureSession *self,
                            const GError   *error)
{
  if (self->error == NULL && error == NULL)
    return;

  g_clear_error (&self->error);
  if (error != NULL)
    self->error = g_error_copy (error);
  _posture_session_notify (self, POSTURE_SESSION_PROP_ERROR);
}

void
_posture_session_emit_recorded (PostureSession *self)
{
  g_assert (POSTURE_IS_SESSION (self));

  g_signal_emit (self, signals [RECORDED], 0);
}

static void
posture_session_history_loaded_cb (GObject      *object,
                                   GAsyncResult *result,
                                   gpointer      user_data)
{
  g_autoptr(GError) recovered = NULL;
  g_autoptr(GError) error = NULL;

  if (!posture_history_load_finish (POSTURE_HISTORY (object), result, &recovered, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Cannot load the score history: %s", error->message);
    }
  else if (recovered != NULL)
    g_warning ("%s", recovered->message);
}

/* A new, empty history object for the tenant, loaded from its file. */
void
_posture_session_open_history (PostureSession *self)
{
  g_autoptr(PostureHistory) history = posture_history_new (self->tenant_key);

  posture_history_load_async (history, self->cancellable, posture_session_history_loaded_cb, NULL);
  g_set_object (&self->history, history);
  _posture_session_notify (self, POSTURE_SESSION_PROP_HISTORY);
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
  g_clear_object (&self->runner);
  g_clear_object (&self->pending_store);
  g_clear_object (&self->cached_view);

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
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_pointer (&self->cache_waiters, g_ptr_array_unref);
  g_clear_error (&self->cache_error);

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

  switch ((PostureSessionProperty) prop_id)
    {
    case POSTURE_SESSION_PROP_DEMO:
      g_value_set_boolean (value, self->demo_server != NULL);
      break;

    case POSTURE_SESSION_PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case POSTURE_SESSION_PROP_BUSY:
      g_value_set_boolean (value, self->busy > 0);
      break;

    case POSTURE_SESSION_PROP_PROGRESS:
      g_value_set_object (value, self->progress);
      break;

    case POSTURE_SESSION_PROP_SNAPSHOT:
      g_value_set_object (value, self->snapshot);
      break;

    case POSTURE_SESSION_PROP_ASSESSMENT:
      g_value_set_object (value, self->assessment);
      break;

    case POSTURE_SESSION_PROP_PROFILE:
      g_value_set_uint (value, self->profile);
      break;

    case POSTURE_SESSION_PROP_PROJECTED_PERCENT:
      posture_session_get_projected_score (self, &score);
      g_value_set_double (value, score.percent);
      break;

    case POSTURE_SESSION_PROP_PROJECTED_LEVEL:
      posture_session_get_projected_score (self, &score);
      g_value_set_uint (value, score.level);
      break;

    case POSTURE_SESSION_PROP_WHAT_IF:
      g_value_take_boxed (value, posture_session_dup_what_if (self));
      break;

    case POSTURE_SESSION_PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;

    case POSTURE_SESSION_PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;

    case POSTURE_SESSION_PROP_0:
    case POSTURE_SESSION_N_PROPS:
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

  if (prop_id == POSTURE_SESSION_PROP_PROFILE)
    posture_session_set_profile (self, g_value_get_uint (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
posture_session_class_init (PostureSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->dispose = posture_session_dispose;
  object_class->finalize = posture_session_finalize;
  object_class->get_property = posture_session_get_property;
  object_class->set_property = posture_session_set_property;

  properties [POSTURE_SESSION_PROP_DEMO] =
    g_param_spec_boolean ("demo", NULL, NULL, FALSE, ro);
  properties [POSTURE_SESSION_PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, ro);
  properties [POSTURE_SESSION_PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE, ro);
  properties [POSTURE_SESSION_PROP_PROGRESS] =
    g_param_spec_object ("progress", NULL, NULL, POSTURE_TYPE_TENANT_PROGRESS, ro);
  properties [POSTURE_SESSION_PROP_SNAPSHOT] =
    g_param_spec_object ("snapshot", NULL, NULL, POSTURE_TYPE_SNAPSHOT, ro);
  properties [POSTURE_SESSION_PROP_ASSESSMENT] =
    g_param_spec_object ("assessment", NULL, NULL, POSTURE_TYPE_ASSESSMENT, ro);
  properties [POSTURE_SESSION_PROP_PROFILE] =
    g_param_spec_uint ("profile", NULL, NULL, 0, POSTURE_PROFILE_PPAC, POSTURE_PROFILE_ALL,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [POSTURE_SESSION_PROP_PROJECTED_PERCENT] =
    g_param_spec_double ("projected-percent", NULL, NULL, -1, 100, -1, ro);
  properties [POSTURE_SESSION_PROP_PROJECTED_LEVEL] =
      g_param_spec_uint ("projected-level", NULL, NULL, 0, POSTURE_LEVEL_HIGH,
                         POSTURE_LEVEL_UNKNOWN, ro);
  properties [POSTURE_SESSION_PROP_WHAT_IF] =
    g_param_spec_boxed ("what-if", NULL, NULL, G_TYPE_STRV, ro);
  properties [POSTURE_SESSION_PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR, ro);
  properties [POSTURE_SESSION_PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, G_TYPE_LIST_MODEL, ro);

  g_object_class_install_properties (object_class, POSTURE_SESSION_N_PROPS, properties);

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
  self->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) posture_pending_fix_free);
  self->profile = POSTURE_PROFILE_ALL;
  self->cache_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  self->decisions_loaded = TRUE;
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
  /* The score history is kept; a workshop's decisions go with "Reset Demo". */
  self->tenant_key = g_strdup ("demo");
  _posture_session_open_history (self);

  return g_steal_pointer (&self);
}

/* A signed-in tenant's session before its client is known: its state starts loading
 * at once, the decisions with the cached reading when @open_cache. */
static PostureSession *
posture_session_new_for_key (const char     *tenant_key,
                             const char     *title,
                             PostureProfile  profile,
                             gboolean        open_cache)
{
  PostureSession *self = g_object_new (POSTURE_TYPE_SESSION, NULL);

  self->profile = profile;
  self->title = g_strdup (title);
  self->tenant_key = g_strdup (tenant_key);
  _posture_session_open_history (self);
  if (open_cache)
    {
      self->decisions_loaded = FALSE;
      _posture_session_open_cache (self);
    }
  else
    _posture_session_open_decisions (self);

  return self;
}

/* The session posture_session_prefetch() opened, until a window asks for its tenant. */
static PostureSession *prefetched;

/**
 * posture_session_prefetch:
 * @tenant: (nullable): the tenant the app will open, or %NULL to drop what was prefetched
 * @profile: the profile it will be assessed with
 *
 * Starts opening @tenant's cached reading (its decisions, the mapped view and their
 * assessment, on a worker thread) before there is a window, e.g. while GTK starts;
 * the next posture_session_new_for_tenant_async() for @tenant continues it. Main thread
 * only.
 */
void
posture_session_prefetch (const char     *tenant,
                          PostureProfile  profile)
{
  g_clear_object (&prefetched);
  if (tenant == NULL || tenant[0] == '\0')
    return;

  prefetched = posture_session_new_for_key (tenant, tenant, profile, TRUE);
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

  self = posture_session_new_for_key (posture_oauth_get_tenant (
                                          posture_tenant_client_get_oauth (client)),
                                      title, POSTURE_PROFILE_ALL, FALSE);
  self->client = g_object_ref (client);

  return self;
}

typedef struct
{
  PostureTokenStore *store;
  char              *tenant;
  PostureOAuth      *oauth;
  PostureSession    *session;   /* opening the cache while the keyring answers */
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_clear_object (&data->store);
  g_clear_object (&data->oauth);
  g_clear_object (&data->session);
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
  /* The credential names the tenant as it was signed in: its state is under that key. */
  if (g_strcmp0 (data->session->tenant_key, posture_oauth_get_tenant (data->oauth)) != 0)
    {
      g_clear_object (&data->session);
      data->session = posture_session_new_for_key (posture_oauth_get_tenant (data->oauth),
                                                   data->tenant, POSTURE_PROFILE_ALL, TRUE);
    }
  data->session->client = g_steal_pointer (&client);
  posture_startup_mark ("session-opened");
  g_task_return_pointer (task, g_steal_pointer (&data->session), g_object_unref);
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
  GCancellable *cancellable;

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
  /* Not in one call with g_steal_pointer (&task): the order of arguments is unspecified. */
  cancellable = g_task_get_cancellable (task);
  posture_oauth_load_async (data->oauth, cancellable, posture_session_open_load_cb,
                            g_steal_pointer (&task));
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

  /* The keyring answers over D-Bus while the cached reading is mapped and assessed on
   * worker threads: the window shows the score as soon as it has the session. */
  if (prefetched != NULL && g_strcmp0 (prefetched->tenant_key, tenant) == 0)
    data->session = g_steal_pointer (&prefetched);
  else
    data->session = posture_session_new_for_key (tenant, tenant, POSTURE_PROFILE_ALL, TRUE);

  posture_token_store_list_async (store, cancellable, posture_session_open_list_cb,
                                  g_steal_pointer (&task));
}

PostureSession *
posture_session_new_for_tenant_finish (GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                            posture_session_new_for_tenant_async,
                        NULL);

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
  _posture_session_notify (self, POSTURE_SESSION_PROP_PROFILE);

  if (self->snapshot != NULL)
    _posture_session_assess (self, NULL);
}

gpointer
posture_session_get_demo_server (PostureSession *self)
{
  g_return_val_if_fail (POSTURE_IS_SESSION (self), NULL);

  return self->demo_server;
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
