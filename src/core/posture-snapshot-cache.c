/* posture-snapshot-cache.c: the last snapshot of each tenant
 *
 * The cached file is the snapshot document itself (format key "posture_snapshot"), in
 * compact JSON: it is the biggest file Posture keeps (≈ 20 MB for 10,000 environments)
 * and the one read on the way to the first frame.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-snapshot-cache"

#include "config.h"

#include <errno.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "posture-error.h"
#include "posture-json.h"
#include "posture-snapshot-cache.h"
#include "posture-state-file.h"

char *
posture_snapshot_cache_dup_path (const char *tenant_key)
{
  g_autofree char *name = NULL;
  g_autofree char *file = NULL;

  g_return_val_if_fail (tenant_key != NULL, NULL);

  name = posture_state_file_name_for (tenant_key);
  file = g_strconcat (name, ".json", NULL);
  return posture_state_path (POSTURE_STATE_CACHE, "snapshots", file, NULL);
}

gboolean
posture_snapshot_cache_save (const char       *tenant_key,
                             PostureSnapshot  *snapshot,
                             GError          **error)
{
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (tenant_key != NULL, FALSE);
  g_return_val_if_fail (POSTURE_IS_SNAPSHOT (snapshot), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  path = posture_snapshot_cache_dup_path (tenant_key);
  data = posture_snapshot_to_data (snapshot, &length);
  return posture_state_file_save_data (path, data, length, error);
}

typedef struct
{
  char            *tenant_key;
  PostureSnapshot *snapshot;
  GDateTime       *saved_at;
} CacheTaskData;

static void
cache_task_data_free (gpointer data)
{
  CacheTaskData *td = data;

  g_free (td->tenant_key);
  g_clear_object (&td->snapshot);
  g_clear_pointer (&td->saved_at, g_date_time_unref);
  g_free (td);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  CacheTaskData *td = task_data;
  GError *error = NULL;

  /* The snapshot is immutable: serialising it here is safe. */
  if (!posture_snapshot_cache_save (td->tenant_key, td->snapshot, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
posture_snapshot_cache_save_async (const char          *tenant_key,
                                   PostureSnapshot     *snapshot,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CacheTaskData *td;

  g_return_if_fail (tenant_key != NULL);
  g_return_if_fail (POSTURE_IS_SNAPSHOT (snapshot));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, posture_snapshot_cache_save_async);
  td = g_new0 (CacheTaskData, 1);
  td->tenant_key = g_strdup (tenant_key);
  td->snapshot = g_object_ref (snapshot);
  g_task_set_task_data (task, td, cache_task_data_free);

  if (g_task_return_error_if_cancelled (task))
    return;

  g_task_run_in_thread (task, save_thread);
}

gboolean
posture_snapshot_cache_save_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == posture_snapshot_cache_save_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
posture_snapshot_cache_query (const char  *tenant_key,
                              GDateTime  **out_saved_at)
{
  g_autofree char *path = NULL;
  GStatBuf st;

  g_return_val_if_fail (tenant_key != NULL, FALSE);

  if (out_saved_at != NULL)
    *out_saved_at = NULL;

  path = posture_snapshot_cache_dup_path (tenant_key);
  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    return FALSE;

  if (out_saved_at != NULL)
    *out_saved_at = g_date_time_new_from_unix_utc (st.st_mtime);
  return TRUE;
}

PostureSnapshot *
posture_snapshot_cache_load (const char  *tenant_key,
                             GDateTime  **out_saved_at,
                             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(PostureSnapshot) snapshot = NULL;
  g_autoptr(GDateTime) saved_at = NULL;
  g_autofree char *path = NULL;
  g_autofree char *moved = NULL;
  int code;

  g_return_val_if_fail (tenant_key != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (out_saved_at != NULL)
    *out_saved_at = NULL;

  path = posture_snapshot_cache_dup_path (tenant_key);
  if (!posture_snapshot_cache_query (tenant_key, &saved_at))
    {
      if (g_file_test (path, G_FILE_TEST_EXISTS))
        g_set_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_IO,
                     "%s is not a regular file; remove it so that Posture can cache "
                     "the tenant there", path);
      else
        g_set_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_NOT_FOUND,
                     "No snapshot of %s is cached yet; read the tenant once while online",
                     tenant_key);
      return NULL;
    }

  snapshot = posture_snapshot_new_from_file (path, &local_error);
  if (snapshot != NULL)
    {
      if (out_saved_at != NULL)
        *out_saved_at = g_steal_pointer (&saved_at);
      return g_steal_pointer (&snapshot);
    }

  /* Could not be read at all (permissions, I/O): leave it where it is. */
  if (local_error->domain == G_FILE_ERROR ||
      (local_error->domain == G_IO_ERROR &&
       !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA)))
    {
      g_set_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_IO,
                   "Cannot read the cached snapshot %s: %s", path, local_error->message);
      return NULL;
    }

  /* Damaged, or from a newer Posture: move it aside so the next start is clean. */
  if (!(moved = posture_state_file_move_aside (path, error)))
    return NULL;

  code = g_error_matches (local_error, POSTURE_SNAPSHOT_ERROR, POSTURE_SNAPSHOT_ERROR_UNSUPPORTED_VERSION)
         ? POSTURE_STORE_ERROR_NEWER_VERSION : POSTURE_STORE_ERROR_CORRUPT;
  g_set_error (error, POSTURE_STORE_ERROR, code,
               "The cached snapshot of %s could not be used (%s); it was moved to %s. "
               "Read the tenant again to cache a new one",
               tenant_key, local_error->message, moved);
  return NULL;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  CacheTaskData *td = task_data;
  GError *error = NULL;

  td->snapshot = posture_snapshot_cache_load (td->tenant_key, &td->saved_at, &error);
  if (td->snapshot == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_object_ref (td->snapshot), g_object_unref);
}

void
posture_snapshot_cache_load_async (const char          *tenant_key,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CacheTaskData *td;

  g_return_if_fail (tenant_key != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, posture_snapshot_cache_load_async);
  td = g_new0 (CacheTaskData, 1);
  td->tenant_key = g_strdup (tenant_key);
  g_task_set_task_data (task, td, cache_task_data_free);

  if (g_task_return_error_if_cancelled (task))
    return;

  g_task_run_in_thread (task, load_thread);
}

PostureSnapshot *
posture_snapshot_cache_load_finish (GAsyncResult  *result,
                                    GDateTime    **out_saved_at,
                                    GError       **error)
{
  CacheTaskData *td;
  PostureSnapshot *snapshot;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == posture_snapshot_cache_load_async, NULL);

  if (out_saved_at != NULL)
    *out_saved_at = NULL;

  snapshot = g_task_propagate_pointer (G_TASK (result), error);
  td = g_task_get_task_data (G_TASK (result));
  if (snapshot != NULL && out_saved_at != NULL && td->saved_at != NULL)
    *out_saved_at = g_date_time_ref (td->saved_at);
  return snapshot;
}

char *
posture_snapshot_cache_format_age (GDateTime *captured_at,
                                   GDateTime *now)
{
  g_autoptr(GDateTime) local_now = NULL;
  GTimeSpan span;
  gint64 minutes, hours, days;

  g_return_val_if_fail (captured_at != NULL, NULL);

  if (now == NULL)
    now = local_now = g_date_time_new_now_utc ();

  span = g_date_time_difference (now, captured_at);
  if (span < G_TIME_SPAN_MINUTE)
    return g_strdup (_("just now"));

  minutes = span / G_TIME_SPAN_MINUTE;
  hours = span / G_TIME_SPAN_HOUR;
  days = span / G_TIME_SPAN_DAY;

  if (minutes < 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute ago", "%d minutes ago",
                                         minutes), (int) minutes);
  if (hours < 24)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour ago", "%d hours ago",
                                         hours), (int) hours);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", days),
                          (int) MIN (days, G_MAXINT));
}

gboolean
posture_snapshot_cache_remove (const char  *tenant_key,
                               GError     **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (tenant_key != NULL, FALSE);

  path = posture_snapshot_cache_dup_path (tenant_key);
  if (g_unlink (path) != 0 && errno != ENOENT)
    {
      int errsv = errno;

      g_set_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_IO,
                   "Cannot remove the cached snapshot %s: %s", path, g_strerror (errsv));
      return FALSE;
    }
  return TRUE;
}
