/* posture-state-store.h: the one store pattern for every file Posture keeps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define POSTURE_TYPE_STATE_STORE (posture_state_store_get_type ())

G_DECLARE_DERIVABLE_TYPE (PostureStateStore, posture_state_store, POSTURE, STATE_STORE, GObject)

/**
 * PostureStateStoreClass:
 * @format_key: the member of the file's JSON object that holds its format version (an
 *   instance may name another with the "format-key" property: one class, two files)
 * @format_version: the version this Posture writes; older ones are read (and migrated
 *   by @parse), newer ones are moved aside
 * @max_size: the largest file read (0: POSTURE_STATE_FILE_MAX_SIZE)
 * @free_contents: frees what @parse or @read return
 * @parse: (worker thread) the file's object into contents; @root is %NULL when nothing is
 *   stored (return empty contents). Parts that cannot be read go to @damaged (JSON nodes,
 *   transfer full): the store moves them to a side file and reports them. Return %NULL
 *   with an error when the whole file is unusable (it is moved aside).
 * @serialize: (worker thread) writes contents into @root, which already has the version
 * @read: (worker thread) overrides the JSON reading (the snapshot cache). Returns %FALSE
 *   with POSTURE_STORE_ERROR_NOT_FOUND, _CORRUPT or _NEWER_VERSION (the store moves the
 *   file aside and reports it), or _IO.
 * @write: (worker thread) overrides the JSON writing
 * @apply: (the caller's thread) makes contents the store's current contents; the store
 *   takes them back to free when @apply does not steal them (set them to %NULL)
 *
 * Subclasses describe their file; the store does the rest: reading on a worker thread,
 * the lock, the atomic write, the format version, moving damaged files and damaged
 * parts aside and reporting them.
 */
struct _PostureStateStoreClass
{
  GObjectClass     parent_class;

  const char      *format_key;
  gint64           format_version;
  gsize            max_size;
  GDestroyNotify   free_contents;

  gpointer       (*parse)     (PostureStateStore  *self,
                               JsonObject         *root,
                               gint64              version,
                               GPtrArray          *damaged,
                               GError            **error);
  void           (*serialize) (PostureStateStore  *self,
                               gpointer            contents,
                               JsonObject         *root);
  gboolean       (*read)      (PostureStateStore  *self,
                               const char         *path,
                               gpointer           *contents,
                               GError            **error);
  gboolean       (*write)     (PostureStateStore  *self,
                               const char         *path,
                               gpointer            contents,
                               GError            **error);
  void           (*apply)     (PostureStateStore  *self,
                               gpointer           *contents);

  /*< private >*/
  gpointer         padding[8];
};

/* Properties: path, tenant-id (nullable: a file of no tenant), format-key (NULL: the
 * class's) (all construct-only), now (GDateTime, nullable: the store's clock; NULL is the
 * real time). Signal: recovered (GError): a damaged file or damaged parts of it were
 * moved aside (the message says where); emitted on the caller's thread after the
 * operation that found them, whether or not the caller asked for @recovered. */
const char *posture_state_store_get_path    (PostureStateStore    *self);
const char *posture_state_store_get_tenant_id (PostureStateStore  *self);
GDateTime  *posture_state_store_get_now     (PostureStateStore    *self);
void        posture_state_store_set_now     (PostureStateStore    *self,
                                             GDateTime            *now);
GDateTime  *posture_state_store_dup_now     (PostureStateStore    *self);

/* Reads the file. A damaged or newer file is moved aside: the call then succeeds with
 * empty contents and @recovered says what happened (report it once). */
gboolean    posture_state_store_load        (PostureStateStore    *self,
                                             GError              **recovered,
                                             GError              **error);
void        posture_state_store_load_async  (PostureStateStore    *self,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean    posture_state_store_load_finish (PostureStateStore    *self,
                                             GAsyncResult         *result,
                                             GError              **recovered,
                                             GError              **error);

G_END_DECLS
