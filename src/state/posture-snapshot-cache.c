/* posture-snapshot-cache.c: the last snapshot of each tenant
 *
 * NAME.json is the snapshot document itself (format key "posture_snapshot", checked by
 * the snapshot parser), in compact JSON: the biggest file Posture keeps (≈ 30 MB for
 * 10,000 environments), the evidence and what an export copies. NAME.variant is what a
 * cold start maps instead of parsing it (posture-cache-variant.c): core's typed view of
 * the same snapshot. It is derived data, rebuilt whenever it does not match the JSON
 * file, and never the reason a load fails.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-snapshot-cache"

#include "config.h"

#include <errno.h>
#include <sys/stat.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "posture-error.h"
#include "posture-snapshot-cache.h"
#include "posture-cache-variant.h"
#include "posture-state-file.h"
#include "posture-state-store-private.h"

typedef struct
{
  PostureSnapshot *snapshot;
  GDateTime       *saved_at;
} CacheEntry;

struct _PostureSnapshotCache
{
  PostureStateStore  parent_instance;

  char              *tenant_key;
  char              *variant_path;
  gboolean           view;          /* load the mapped variant when it is good */
  CacheEntry        *entry;         /* the last loaded or saved; nullable */
};

G_DEFINE_FINAL_TYPE (PostureSnapshotCache, posture_snapshot_cache, POSTURE_TYPE_STATE_STORE)

static CacheEntry *
cache_entry_new (PostureSnapshot *snapshot)
{
  CacheEntry *entry = g_new0 (CacheEntry, 1);

  entry->snapshot = g_object_ref (snapshot);
  return entry;
}

static void
cache_entry_free (gpointer data)
{
  CacheEntry *entry = data;

  g_clear_object (&entry->snapshot);
  g_clear_pointer (&entry->saved_at, g_date_time_unref);
  g_free (entry);
}

static GDateTime *
modified_at (const char *path)
{
  struct stat st;

  if (lstat (path, &st) != 0 || !S_ISREG (st.st_mode))
    return NULL;
  return g_date_time_new_from_unix_utc (st.st_mtime);
}

static gboolean
posture_snapshot_cache_read (PostureStateStore  *store,
                             const char         *path,
                             gpointer           *contents,
                             GError            **error)
{
  PostureSnapshotCache *self = POSTURE_SNAPSHOT_CACHE (store);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(PostureSnapshot) snapshot = NULL;
  CacheEntry *entry;

  if (self->view &&
      !(snapshot = posture_cache_variant_read (self->variant_path, path, &local_error)))
    {
      g_debug ("Parsing the cached snapshot: %s", local_error->message);
      g_clear_error (&local_error);
    }

  if (snapshot == NULL)
    {

      if (!(bytes = posture_state_file_read (path, POSTURE_SNAPSHOT_MAX_SIZE, error)))
        return FALSE;

      snapshot = posture_snapshot_new_from_data (g_bytes_get_data (bytes, NULL),
                                                 g_bytes_get_size (bytes), path, &local_error);
      if (snapshot == NULL)
        {
          g_set_error (error, POSTURE_STORE_ERROR,
                       g_error_matches (local_error, POSTURE_SNAPSHOT_ERROR,
                                        POSTURE_SNAPSHOT_ERROR_UNSUPPORTED_VERSION)
                       ? POSTURE_STORE_ERROR_NEWER_VERSION : POSTURE_STORE_ERROR_CORRUPT,
                       "%s", local_error->message);
          return FALSE;
        }

      /* The next cold start maps it. */
      if (self->view &&
          !posture_cache_variant_write (self->variant_path, path, snapshot, &local_error))
        g_debug ("Cannot write %s: %s", self->variant_path, local_error->message);
    }

  entry = cache_entry_new (snapshot);
  entry->saved_at = modified_at (path);
  *contents = entry;
  return TRUE;
}

static gboolean
posture_snapshot_cache_write (PostureStateStore  *store,
                              const char         *path,
                              gpointer            contents,
                              GError            **error)
{
  PostureSnapshotCache *self = POSTURE_SNAPSHOT_CACHE (store);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  CacheEntry *entry = contents;
  gsize length = 0;

  /* The snapshot is immutable: serialising it on a worker thread is safe. One loaded
   * from the variant has no document: the evidence cannot be made up from it. */
  if (!posture_snapshot_has_json (entry->snapshot))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "The snapshot of %s has no raw document (it was loaded from the cache's "
                   "cold-start form); only a reading of the tenant can be cached",
                   self->tenant_key);
      return FALSE;
    }
  data = posture_snapshot_to_data (entry->snapshot, &length);
  if (!posture_state_file_write (path, data, length, error))
    return FALSE;

  g_clear_pointer (&entry->saved_at, g_date_time_unref);
  entry->saved_at = modified_at (path);

  if (!posture_cache_variant_write (self->variant_path, path, entry->snapshot, &local_error))
    g_debug ("Cannot write %s: %s", self->variant_path, local_error->message);
  return TRUE;
}

static void
posture_snapshot_cache_apply (PostureStateStore  *store,
                              gpointer           *contents)
{
  PostureSnapshotCache *self = POSTURE_SNAPSHOT_CACHE (store);

  g_clear_pointer (&self->entry, cache_entry_free);
  self->entry = g_steal_pointer (contents);
}

static void
posture_snapshot_cache_finalize (GObject *object)
{
  PostureSnapshotCache *self = (PostureSnapshotCache *) object;

  g_clear_pointer (&self->tenant_key, g_free);
  g_clear_pointer (&self->variant_path, g_free);
  g_clear_pointer (&self->entry, cache_entry_free);

  G_OBJECT_CLASS (posture_snapshot_cache_parent_class)->finalize (object);
}

static void
posture_snapshot_cache_class_init (PostureSnapshotCacheClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  PostureStateStoreClass *store_class = POSTURE_STATE_STORE_CLASS (klass);

  object_class->finalize = posture_snapshot_cache_finalize;

  store_class->free_contents = cache_entry_free;
  store_class->read = posture_snapshot_cache_read;
  store_class->write = posture_snapshot_cache_write;
  store_class->apply = posture_snapshot_cache_apply;
}

static void
posture_snapshot_cache_init (PostureSnapshotCache *self)
{
}

/**
 * posture_snapshot_cache_new:
 * @tenant_key: what identifies the tenant to the caller (any string: it is made safe
 *   for a file name)
 *
 * Returns: (transfer full): the tenant's cache; load it or save to it
 */
PostureSnapshotCache *
posture_snapshot_cache_new (const char *tenant_key)
{
  PostureSnapshotCache *self;
  g_autofree char *path = NULL;

  g_return_val_if_fail (tenant_key != NULL, NULL);

  path = posture_snapshot_cache_dup_path (tenant_key);
  self = g_object_new (POSTURE_TYPE_SNAPSHOT_CACHE, "path", path, "tenant-id", tenant_key, NULL);
  self->tenant_key = g_strdup (tenant_key);
  self->variant_path = posture_state_path_for_tenant (POSTURE_STATE_CACHE, "snapshots",
                                                      tenant_key, ".variant");
  return self;
}

/**
 * posture_snapshot_cache_set_view:
 * @view: %TRUE to load the snapshot from the mapped variant file when it is good
 *
 * What the next load reads: the JSON document (the default: the whole evidence), or
 * the cold-start form (posture-cache-variant.h), falling back to the JSON document
 * (and making the variant again) when the variant is missing, stale or damaged.
 */
void
posture_snapshot_cache_set_view (PostureSnapshotCache *self,
                                 gboolean              view)
{
  g_return_if_fail (POSTURE_IS_SNAPSHOT_CACHE (self));
  self->view = !!view;
}

PostureSnapshot *
posture_snapshot_cache_get_snapshot (PostureSnapshotCache *self)
{
  g_return_val_if_fail (POSTURE_IS_SNAPSHOT_CACHE (self), NULL);
  return self->entry ? self->entry->snapshot : NULL;
}

GDateTime *
posture_snapshot_cache_get_saved_at (PostureSnapshotCache *self)
{
  g_return_val_if_fail (POSTURE_IS_SNAPSHOT_CACHE (self), NULL);
  return self->entry ? self->entry->saved_at : NULL;
}

char *
posture_snapshot_cache_dup_variant_path (PostureSnapshotCache *self)
{
  g_return_val_if_fail (POSTURE_IS_SNAPSHOT_CACHE (self), NULL);
  return g_strdup (self->variant_path);
}

char *
posture_snapshot_cache_dup_path (const char *tenant_key)
{
  g_return_val_if_fail (tenant_key != NULL, NULL);
  return posture_state_path_for_tenant (POSTURE_STATE_CACHE, "snapshots", tenant_key, ".json");
}

gboolean
posture_snapshot_cache_save (const char       *tenant_key,
                             PostureSnapshot  *snapshot,
                             GError          **error)
{
  g_autoptr(PostureSnapshotCache) cache = NULL;

  g_return_val_if_fail (tenant_key != NULL, FALSE);
  g_return_val_if_fail (POSTURE_IS_SNAPSHOT (snapshot), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  cache = posture_snapshot_cache_new (tenant_key);
  return _posture_state_store_save (POSTURE_STATE_STORE (cache), cache_entry_new (snapshot), error);
}

void
posture_snapshot_cache_save_async (const char          *tenant_key,
                                   PostureSnapshot     *snapshot,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(PostureSnapshotCache) cache = NULL;

  g_return_if_fail (tenant_key != NULL);
  g_return_if_fail (POSTURE_IS_SNAPSHOT (snapshot));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  cache = posture_snapshot_cache_new (tenant_key);
  _posture_state_store_save_async (POSTURE_STATE_STORE (cache), cache_entry_new (snapshot),
                                   cancellable, callback, user_data);
}

gboolean
posture_snapshot_cache_save_finish (GAsyncResult  *result,
                                    GError       **error)
{
  GObject *cache;

  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  cache = g_task_get_source_object (G_TASK (result));
  g_return_val_if_fail (POSTURE_IS_SNAPSHOT_CACHE (cache), FALSE);
  return _posture_state_store_save_finish (POSTURE_STATE_STORE (cache), result, error);
}

/* After a load: the snapshot, or why there is none. */
static PostureSnapshot *
loaded_snapshot (PostureSnapshotCache  *self,
                 GError                *recovered,
                 GDateTime            **out_saved_at,
                 GError               **error)
{
  if (self->entry == NULL)
    {
      if (recovered != NULL)
        g_propagate_error (error, g_error_copy (recovered));
      else
        g_set_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_NOT_FOUND,
                     "No snapshot of %s is cached yet; read the tenant once while online",
                     self->tenant_key);
      return NULL;
    }

  if (out_saved_at != NULL && self->entry->saved_at != NULL)
    *out_saved_at = g_date_time_ref (self->entry->saved_at);
  return g_object_ref (self->entry->snapshot);
}

static PostureSnapshot *
load_sync (const char  *tenant_key,
           gboolean     view,
           GDateTime  **out_saved_at,
           GError     **error)
{
  g_autoptr(PostureSnapshotCache) cache = NULL;
  g_autoptr(GError) recovered = NULL;

  if (out_saved_at != NULL)
    *out_saved_at = NULL;

  cache = posture_snapshot_cache_new (tenant_key);
  posture_snapshot_cache_set_view (cache, view);
  if (!posture_state_store_load (POSTURE_STATE_STORE (cache), &recovered, error))
    return NULL;
  return loaded_snapshot (cache, recovered, out_saved_at, error);
}

PostureSnapshot *
posture_snapshot_cache_load (const char  *tenant_key,
                             GDateTime  **out_saved_at,
                             GError     **error)
{
  g_return_val_if_fail (tenant_key != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load_sync (tenant_key, FALSE, out_saved_at, error);
}

PostureSnapshot *
posture_snapshot_cache_load_view (const char  *tenant_key,
                                  GDateTime  **out_saved_at,
                                  GError     **error)
{
  g_return_val_if_fail (tenant_key != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load_sync (tenant_key, TRUE, out_saved_at, error);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) recovered = NULL;
  g_autoptr(GError) error = NULL;
  PostureSnapshotCache *cache = POSTURE_SNAPSHOT_CACHE (object);
  PostureSnapshot *snapshot;

  if (!posture_state_store_load_finish (POSTURE_STATE_STORE (cache), result, &recovered, &error) ||
      !(snapshot = loaded_snapshot (cache, recovered, NULL, &error)))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, snapshot, g_object_unref);
}

static void
load_async (const char          *tenant_key,
            gboolean             view,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(PostureSnapshotCache) cache = NULL;
  g_autoptr(GTask) task = NULL;

  cache = posture_snapshot_cache_new (tenant_key);
  posture_snapshot_cache_set_view (cache, view);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, posture_snapshot_cache_load_async);
  g_task_set_task_data (task, g_object_ref (cache), g_object_unref);
  posture_state_store_load_async (POSTURE_STATE_STORE (cache), cancellable, load_cb,
                                  g_steal_pointer (&task));
}

void
posture_snapshot_cache_load_async (const char          *tenant_key,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (tenant_key != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  load_async (tenant_key, FALSE, cancellable, callback, user_data);
}

void
posture_snapshot_cache_load_view_async (const char          *tenant_key,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (tenant_key != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  load_async (tenant_key, TRUE, cancellable, callback, user_data);
}

/* Finishes posture_snapshot_cache_load_async() and _load_view_async(). */
PostureSnapshot *
posture_snapshot_cache_load_finish (GAsyncResult  *result,
                                    GDateTime    **out_saved_at,
                                    GError       **error)
{
  PostureSnapshotCache *cache;
  PostureSnapshot *snapshot;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        posture_snapshot_cache_load_async, NULL);

  if (out_saved_at != NULL)
    *out_saved_at = NULL;

  snapshot = g_task_propagate_pointer (G_TASK (result), error);
  cache = g_task_get_task_data (G_TASK (result));
  if (snapshot != NULL && out_saved_at != NULL && cache->entry->saved_at != NULL)
    *out_saved_at = g_date_time_ref (cache->entry->saved_at);
  return snapshot;
}

gboolean
posture_snapshot_cache_query (const char  *tenant_key,
                              GDateTime  **out_saved_at)
{
  g_autofree char *path = NULL;
  g_autoptr(GDateTime) saved_at = NULL;

  g_return_val_if_fail (tenant_key != NULL, FALSE);

  path = posture_snapshot_cache_dup_path (tenant_key);
  saved_at = modified_at (path);
  if (out_saved_at != NULL)
    *out_saved_at = saved_at ? g_date_time_ref (saved_at) : NULL;
  return saved_at != NULL;
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
  g_autoptr(PostureSnapshotCache) cache = NULL;
  const char *paths[2];

  g_return_val_if_fail (tenant_key != NULL, FALSE);

  cache = posture_snapshot_cache_new (tenant_key);
  paths[0] = posture_state_store_get_path (POSTURE_STATE_STORE (cache));
  paths[1] = cache->variant_path;
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    if (g_unlink (paths[i]) != 0 && errno != ENOENT)
      {
        int errsv = errno;

        g_set_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_IO,
                     "Cannot remove the cached snapshot %s: %s", paths[i], g_strerror (errsv));
        return FALSE;
      }
  return TRUE;
}
