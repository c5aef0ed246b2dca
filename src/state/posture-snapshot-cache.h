/* posture-snapshot-cache.h: the last snapshot of each tenant, in $XDG_CACHE_HOME/posture
 *
 * The app opens on it at once (and offline) and refreshes in the background;
 * `posture-cli assess --tenant ID --offline` assesses it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "posture-snapshot.h"
#include "posture-state-store.h"

G_BEGIN_DECLS

#define POSTURE_TYPE_SNAPSHOT_CACHE (posture_snapshot_cache_get_type ())

/* A tenant's cached reading, a store of the one pattern (PostureStateStore): the JSON
 * snapshot (the evidence, what an export copies) and beside it the same snapshot as a
 * mapped GVariant file for a cold start without parsing (posture-cache-variant.h),
 * rebuilt from the JSON file when missing, stale or damaged. */
G_DECLARE_FINAL_TYPE (PostureSnapshotCache, posture_snapshot_cache, POSTURE, SNAPSHOT_CACHE,
                      PostureStateStore)

PostureSnapshotCache *posture_snapshot_cache_new          (const char           *tenant_key);
void                  posture_snapshot_cache_set_view     (PostureSnapshotCache *self,
                                                           gboolean              view);
/* After a load or a save: the snapshot (transfer none, nullable) and when the cache
 * was written. */
PostureSnapshot      *posture_snapshot_cache_get_snapshot (PostureSnapshotCache *self);
GDateTime            *posture_snapshot_cache_get_saved_at (PostureSnapshotCache *self);
/* $XDG_CACHE_HOME/posture/snapshots/<tenant>.variant (transfer full) */
char                 *posture_snapshot_cache_dup_variant_path (PostureSnapshotCache *self);

/* The same for callers that keep no object. */

/* $XDG_CACHE_HOME/posture/snapshots/<tenant>.json (transfer full). @tenant_key is what
 * identifies the tenant to the caller (the id or domain the user gave, or "demo"). */
char            *posture_snapshot_cache_dup_path    (const char           *tenant_key);
/* Saves atomically (a failed save keeps the previous cache), the JSON document and the
 * variant beside it. A snapshot without its document (posture_snapshot_has_json()
 * FALSE) is refused with G_IO_ERROR_INVALID_ARGUMENT. */
gboolean         posture_snapshot_cache_save        (const char           *tenant_key,
                                                     PostureSnapshot      *snapshot,
                                                     GError              **error);
void             posture_snapshot_cache_save_async  (const char           *tenant_key,
                                                     PostureSnapshot      *snapshot,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean         posture_snapshot_cache_save_finish (GAsyncResult         *result,
                                                     GError              **error);
/* Errors: POSTURE_STORE_ERROR_NOT_FOUND (nothing cached yet: read the tenant);
 * POSTURE_STORE_ERROR_CORRUPT / _NEWER_VERSION (the file was unusable and was moved aside
 * as NAME.corrupt-TIMESTAMP; the message says where); POSTURE_STORE_ERROR_IO (unreadable,
 * or not a regular file: the message says what to remove).
 * @out_saved_at (nullable): when the cache was written. */
PostureSnapshot *posture_snapshot_cache_load        (const char           *tenant_key,
                                                     GDateTime           **out_saved_at,
                                                     GError              **error);
void             posture_snapshot_cache_load_async  (const char           *tenant_key,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
PostureSnapshot *posture_snapshot_cache_load_finish (GAsyncResult         *result,
                                                     GDateTime           **out_saved_at,
                                                     GError              **error);
/* The same for a cold start: the snapshot mapped from the variant file beside the JSON,
 * without parsing (falling back to the JSON, and making the variant again, when it is
 * missing, stale or damaged). Finish with posture_snapshot_cache_load_finish(). A
 * snapshot loaded from the variant holds core's typed view only
 * (posture_snapshot_has_json() FALSE): it assesses exactly as the document does, but
 * load the document with posture_snapshot_cache_load[_async]() where the raw payloads
 * are needed (tenant settings, export, fix plans), and never save it back. */
PostureSnapshot *posture_snapshot_cache_load_view   (const char           *tenant_key,
                                                     GDateTime           **out_saved_at,
                                                     GError              **error);
void             posture_snapshot_cache_load_view_async (const char       *tenant_key,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
/* Whether a cache exists, and when it was written (without reading it). */
gboolean         posture_snapshot_cache_query       (const char           *tenant_key,
                                                     GDateTime           **out_saved_at);
/* The age of a reading for people: "just now", "5 minutes ago", "3 days ago"
 * (translated). */
char            *posture_snapshot_cache_format_age  (GDateTime            *captured_at,
                                                     GDateTime            *now);
/* Forgets the cached snapshot (after sign-out). Nothing cached is not an error. */
gboolean         posture_snapshot_cache_remove      (const char           *tenant_key,
                                                     GError              **error);

G_END_DECLS
