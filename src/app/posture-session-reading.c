/* posture-session-reading.c: read the tenant, assess the snapshot, record the reading
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-session"

#include "config.h"

#include "posture-application.h"
#include "posture-engine.h"
#include "posture-session-private.h"
#include "posture-snapshot-cache.h"

static void
posture_session_set_assessment (PostureSession    *self,
                                PostureAssessment *assessment)
{
  if (g_set_object (&self->assessment, assessment))
    {
      _posture_session_notify (self, POSTURE_SESSION_PROP_ASSESSMENT);
      _posture_session_project (self);
    }
}

/* The engine runs on a worker thread over the immutable snapshot and decisions. */
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
  _posture_session_release (self);

  if (assessment == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_debug ("Assessment failed: %s", error->message);
          _posture_session_set_error (self, error);
        }
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* A newer snapshot, decision or profile superseded this one. */
  if (generation == self->generation)
    {
      posture_startup_mark ("assessed");
      posture_session_set_assessment (self, assessment);
    }

  g_task_return_boolean (task, TRUE);
}

void
_posture_session_assess (PostureSession *self,
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
  _posture_session_hold (self);
  posture_engine_assess_async (self->snapshot, &options,
                               g_task_get_cancellable (task),
                               posture_session_assess_cb,
                               g_object_ref (task));
}

void
_posture_session_take_snapshot (PostureSession  *self,
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
      _posture_session_notify (self, POSTURE_SESSION_PROP_TITLE);
    }

  _posture_session_notify (self, POSTURE_SESSION_PROP_SNAPSHOT);
}

/* After a read: one history record per reading, and the snapshot in the cache so
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
   * replaced meanwhile (a reset demo). */
  if (self != NULL && POSTURE_HISTORY (object) == self->history)
    _posture_session_emit_recorded (self);
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

static void
posture_session_read_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(PostureSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) assess = NULL;
  PostureSession *self = g_task_get_source_object (task);

  /* The read's warnings are the snapshot's */
  snapshot = posture_tenant_client_read_snapshot_finish (POSTURE_TENANT_CLIENT (object), result,
                                                         &error);
  _posture_session_release (self);

  if (snapshot == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_debug ("Reading the tenant failed: %s", error->message);
          _posture_session_set_error (self, error);
        }
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  _posture_session_set_error (self, NULL);
  _posture_session_take_snapshot (self, snapshot);
  assess = g_task_new (self, g_task_get_cancellable (task), posture_session_read_assessed_cb,
                       g_object_ref (task));
  _posture_session_assess (self, assess);
}

static void
posture_session_read_now (PostureSession *self,
                          GTask          *task)
{
  _posture_session_hold (self);
  posture_tenant_client_read_snapshot_async (self->client, self->progress,
                                             g_task_get_cancellable (task),
                                             posture_session_read_cb,
                                             g_object_ref (task));
}

static void
posture_session_polled_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  PostureSession *self = POSTURE_SESSION (object);

  _posture_session_release (self);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  posture_session_read_now (self, task);
}

/* A reading starts with the changes the service was still carrying out, if any. */
void
_posture_session_read (PostureSession *self,
                       GTask          *task)
{
  g_autoptr(GTask) poll = NULL;

  if (!_posture_session_has_pending (self))
    {
      posture_session_read_now (self, task);
      return;
    }

  _posture_session_hold (self);
  poll = g_task_new (self, g_task_get_cancellable (task), posture_session_polled_cb,
                     g_object_ref (task));
  _posture_session_poll_pending (self, poll);
}

void
posture_session_set_snapshot (PostureSession  *self,
                              PostureSnapshot *snapshot)
{
  g_return_if_fail (POSTURE_IS_SESSION (self));
  g_return_if_fail (POSTURE_IS_SNAPSHOT (snapshot));

  _posture_session_take_snapshot (self, snapshot);
  _posture_session_assess (self, NULL);
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

  _posture_session_read (self, task);
}

gboolean
posture_session_refresh_finish (PostureSession  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == posture_session_refresh_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The cached reading: the mapped view (core's typed snapshot, no JSON to parse) is
 * assessed with the decisions and shown; the document behind it (the raw payloads that
 * fix plans and an export need, 1–2 s of parsing for 10,000 environments) is loaded only
 * once a window has drawn that assessment (posture_session_shown()), so that it never
 * competes with the first frame. The assessment is the same: it is not made again. */

static void
posture_session_document_loaded_cb (GObject      *object,
                                    GAsyncResult *result,
                                    gpointer      user_data)
{
  g_autoptr(PostureSession) self = user_data;
  g_autoptr(PostureSnapshot) document = NULL;
  g_autoptr(GError) error = NULL;

  document = posture_snapshot_cache_load_finish (result, NULL, &error);
  if (document == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Cannot load the cached document: %s", error->message);
      return;
    }

  posture_startup_mark ("document-loaded");
  /* A read that finished meanwhile is newer than the cache. */
  if (self->snapshot != NULL && !posture_snapshot_has_json (self->snapshot))
    _posture_session_take_snapshot (self, document);
}

static void
posture_session_load_document (PostureSession *self)
{
  if (!self->document_wanted || !self->shown)
    return;

  self->document_wanted = FALSE;
  posture_snapshot_cache_load_async (self->tenant_key, self->cancellable,
                                     posture_session_document_loaded_cb, g_object_ref (self));
}

/* Completes every posture_session_load_cache_async() waiting, or keeps the outcome for
 * the first caller when the cache was opened before anyone asked (a preload). Takes
 * @error. */
static void
posture_session_cache_done (PostureSession *self,
                            GError         *error)
{
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->cache_waiters);

  self->cache_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  g_clear_error (&self->cache_error);
  if (waiters->len == 0)
    {
      self->cache_state = POSTURE_SESSION_CACHE_UNCLAIMED;
      self->cache_error = error;
      return;
    }

  self->cache_state = POSTURE_SESSION_CACHE_NONE;
  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
    }
  g_clear_error (&error);
}

static void
posture_session_cache_assessed_cb (GObject      *object,
                                   GAsyncResult *result,
                                   gpointer      user_data)
{
  /* An assessment that failed is the session's error; the cache itself was opened. */
  posture_session_cache_done (POSTURE_SESSION (object), NULL);
}

void
_posture_session_publish_cache (PostureSession *self)
{
  g_autoptr(PostureSnapshot) snapshot = g_steal_pointer (&self->cached_view);
  g_autoptr(GTask) task = NULL;

  g_assert (snapshot != NULL);
  g_assert (self->decisions_loaded);

  /* A read that finished meanwhile is newer than the cache. */
  if (self->snapshot != NULL)
    {
      posture_session_cache_done (self, NULL);
      return;
    }

  _posture_session_take_snapshot (self, snapshot);
  task = g_task_new (self, self->cancellable, posture_session_cache_assessed_cb, NULL);
  _posture_session_assess (self, task);

  self->document_wanted = !posture_snapshot_has_json (snapshot);
  posture_session_load_document (self);
}

/* Opening the cached reading is one task on a worker thread: the decisions (when the
 * session has not loaded them yet), the mapped view, and its assessment with them, so
 * that it needs no turn of the main loop in between (a start is busy building the
 * window meanwhile). The decision store is the session's once the task is done. */
typedef struct
{
  char                 *tenant_key;
  PostureProfile        profile;
  guint                 generation;
  GHashTable           *decisions;        /* in: the session's, or NULL to load them */
  PostureDecisionStore *decision_store;   /* out: loaded here */
  PostureSnapshot      *view;
  PostureAssessment    *assessment;
} CacheOpen;

static void
cache_open_free (CacheOpen *open)
{
  g_free (open->tenant_key);
  g_clear_pointer (&open->decisions, g_hash_table_unref);
  g_clear_object (&open->decision_store);
  g_clear_object (&open->view);
  g_clear_object (&open->assessment);
  g_free (open);
}

static void
posture_session_open_cache_thread (GTask        *task,
                                   gpointer      source_object,
                                   gpointer      task_data,
                                   GCancellable *cancellable)
{
  CacheOpen *open = task_data;
  PostureAssessOptions options = POSTURE_ASSESS_OPTIONS_INIT;
  g_autoptr(GError) recovered = NULL;
  g_autoptr(GError) error = NULL;

  if (open->decisions == NULL)
    {
      open->decision_store = posture_decision_store_new (open->tenant_key);
      if (!posture_decision_store_load (open->decision_store, &recovered, &error))
        {
          g_debug ("Cannot load the decisions: %s", error->message);
          g_clear_error (&error);
        }
      if (recovered != NULL)
        g_warning ("%s", recovered->message);
      open->decisions = posture_decision_store_dup_table (open->decision_store);
    }

  open->view = posture_snapshot_cache_load_view (open->tenant_key, NULL, &error);
  if (open->view == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  options.profile = open->profile;
  options.decisions = open->decisions;
  open->assessment = posture_engine_assess (open->view, &options, &error);
  if (open->assessment == NULL)
    g_debug ("Assessing the cached reading failed: %s", error->message);
  g_task_return_boolean (task, TRUE);
}

static void
posture_session_cache_opened_cb (GObject      *object,
                                 GAsyncResult *result,
                                 gpointer      user_data)
{
  PostureSession *self = POSTURE_SESSION (object);
  CacheOpen *open = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  _posture_session_release (self);

  if (open->decision_store != NULL && self->decision_store == NULL)
    {
      self->decision_store = g_steal_pointer (&open->decision_store);
      g_hash_table_unref (self->decisions);
      self->decisions = g_hash_table_ref (open->decisions);
      self->decisions_loaded = TRUE;
      posture_startup_mark ("decisions-loaded");
    }

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      posture_session_cache_done (self, error);
      return;
    }
  posture_startup_mark ("cache-mapped");

  /* Assessed with the decisions and profile that are still the session's: shown as it
   * is. Otherwise (a decision or the profile changed meanwhile) assessed again. */
  if (self->snapshot == NULL && open->assessment != NULL && self->decisions_loaded &&
      open->generation == self->generation && open->profile == self->profile &&
      open->decisions == self->decisions)
    {
      _posture_session_take_snapshot (self, open->view);
      self->generation++;
      posture_startup_mark ("assessed");
      posture_session_set_assessment (self, open->assessment);
      posture_session_cache_done (self, NULL);
      self->document_wanted = !posture_snapshot_has_json (open->view);
      posture_session_load_document (self);
      return;
    }

  g_set_object (&self->cached_view, open->view);
  if (self->decisions_loaded)
    _posture_session_publish_cache (self);
}

void
_posture_session_open_cache (PostureSession *self)
{
  g_autoptr(GTask) task = NULL;
  CacheOpen *open;

  if (self->cache_state == POSTURE_SESSION_CACHE_LOADING)
    return;

  self->cache_state = POSTURE_SESSION_CACHE_LOADING;
  open = g_new0 (CacheOpen, 1);
  open->tenant_key = g_strdup (self->tenant_key);
  open->profile = self->profile;
  open->generation = self->generation;
  /* The session's decisions when they are loaded, or being loaded by the session. */
  if (self->decisions_loaded || self->decision_store != NULL)
    open->decisions = g_hash_table_ref (self->decisions);

  task = g_task_new (self, self->cancellable, posture_session_cache_opened_cb, NULL);
  g_task_set_source_tag (task, _posture_session_open_cache);
  g_task_set_task_data (task, open, (GDestroyNotify) cache_open_free);
  _posture_session_hold (self);
  g_task_run_in_thread (task, posture_session_open_cache_thread);
}

/**
 * posture_session_shown:
 *
 * Says that a window has drawn the session's assessment: what the first frame did not
 * need (the raw document behind a cached reading) is loaded from now on. Views call it
 * after their first frame with an assessment; calling it again does nothing.
 */
void
posture_session_shown (PostureSession *self)
{
  g_return_if_fail (POSTURE_IS_SESSION (self));

  if (self->shown)
    return;

  self->shown = TRUE;
  posture_session_load_document (self);
}

/**
 * posture_session_load_cache_async:
 *
 * Opens the last reading of this tenant from the cache and assesses it (offline start):
 * the mapped view first, without parsing, with the decisions; the document behind it
 * once the window has shown it (posture_session_shown()). Completes when the cached
 * reading's assessment is the session's (or a newer reading is). A load already under
 * way (posture_session_new_for_tenant_async() starts one) is joined. Errors:
 * POSTURE_STORE_ERROR_NOT_FOUND when nothing is cached (read the tenant).
 */
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

  if (self->cache_state == POSTURE_SESSION_CACHE_UNCLAIMED)
    {
      self->cache_state = POSTURE_SESSION_CACHE_NONE;
      if (self->cache_error != NULL)
        g_task_return_error (task, g_steal_pointer (&self->cache_error));
      else
        g_task_return_boolean (task, TRUE);
      return;
    }

  g_ptr_array_add (self->cache_waiters, g_steal_pointer (&task));
  _posture_session_open_cache (self);
}

gboolean
posture_session_load_cache_finish (PostureSession  *self,
                                   GAsyncResult    *result,
                                   GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == posture_session_load_cache_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
