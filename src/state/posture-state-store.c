/* posture-state-store.c: the one store pattern for every file Posture keeps
 *
 * Every operation is the same few steps, on a worker thread for the _async forms and on
 * the caller's thread for the synchronous ones (posture-cli, tests):
 *
 *   load:  read the file (bounded, no links, regular files only), check its format
 *          version, parse it (the subclass), then apply the contents on the caller's
 *          thread. Only when something is damaged is the lock taken, the file read again
 *          and the damage moved aside.
 *   edit:  take the lock, read and parse what is on disk now (another process may have
 *          written meanwhile), let the subclass change the contents, write them
 *          atomically, release the lock, apply.
 *   save:  take the lock and write contents without reading (the snapshot cache).
 *
 * A file that cannot be used (not JSON, no format version, unusable contents, or a
 * newer format) is renamed NAME.corrupt-TIMESTAMP and replaced by empty contents. Parts
 * a subclass cannot read (one bad history record among good ones) are written to
 * NAME.damaged-TIMESTAMP and the file is rewritten without them, so that they are never
 * dropped silently by the next write. Both are reported through @recovered and the
 * "recovered" signal.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-state-store"

#include "config.h"

#include <string.h>

#include "posture-error.h"
#include "posture-json.h"
#include "posture-state-file.h"
#include "posture-state-store-private.h"

#define LOCK_TIMEOUT_MS 10000

typedef struct
{
  char      *path;
  char      *tenant_id;   /* nullable: a file of no tenant */
  char      *format_key;  /* NULL: the class's */
  GDateTime *now;       /* NULL: the real time */
  guint      started;   /* operations started, numbered from 1 */
  guint      applied;   /* the number of the last operation applied */
} PostureStateStorePrivate;

enum {
  PROP_0,
  PROP_PATH,
  PROP_TENANT_ID,
  PROP_FORMAT_KEY,
  PROP_NOW,
  N_PROPS
};

enum {
  RECOVERED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (PostureStateStore, posture_state_store, G_TYPE_OBJECT)

typedef enum
{
  OP_LOAD,
  OP_EDIT,
  OP_SAVE,
} OpKind;

typedef struct
{
  OpKind                kind;
  guint                 number;
  GDateTime            *now;
  PostureStateEditFunc  func;
  gpointer              edit_data;
  GDestroyNotify        edit_data_free;
  GDestroyNotify        free_contents;
  gpointer              contents;        /* in for a save, out for all */
  GError               *recovered;
} Op;

typedef enum
{
  READ_OK,
  READ_FAILED,
  READ_NEEDS_LOCK,
} ReadResult;

static Op *
op_new (PostureStateStore *self,
        OpKind             kind)
{
  PostureStateStorePrivate *priv = posture_state_store_get_instance_private (self);
  Op *op = g_new0 (Op, 1);

  op->kind = kind;
  op->number = ++priv->started;
  op->now = posture_state_store_dup_now (self);
  op->free_contents = POSTURE_STATE_STORE_GET_CLASS (self)->free_contents;
  return op;
}

static void
op_free (Op *op)
{
  if (op->edit_data_free != NULL)
    g_clear_pointer (&op->edit_data, op->edit_data_free);
  if (op->contents != NULL && op->free_contents != NULL)
    op->free_contents (op->contents);
  g_clear_pointer (&op->now, g_date_time_unref);
  g_clear_error (&op->recovered);
  g_free (op);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Op, op_free)

static const char *
format_key (PostureStateStore *self)
{
  PostureStateStorePrivate *priv = posture_state_store_get_instance_private (self);

  return priv->format_key ? priv->format_key : POSTURE_STATE_STORE_GET_CLASS (self)->format_key;
}

static gpointer
empty_contents (PostureStateStore *self)
{
  PostureStateStoreClass *klass = POSTURE_STATE_STORE_GET_CLASS (self);

  return klass->parse ? klass->parse (self, NULL, klass->format_version, NULL, NULL) : NULL;
}

static void
free_contents (PostureStateStore *self,
               gpointer           contents)
{
  PostureStateStoreClass *klass = POSTURE_STATE_STORE_GET_CLASS (self);

  if (contents != NULL && klass->free_contents != NULL)
    klass->free_contents (contents);
}

/* The default reading: a JSON object carrying its format version. */
static gboolean
read_json (PostureStateStore  *self,
           const char         *path,
           gpointer           *contents,
           GPtrArray          *damaged,
           GError            **error)
{
  PostureStateStoreClass *klass = POSTURE_STATE_STORE_GET_CLASS (self);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *object;
  gint64 version = 0;

  if (!(bytes = posture_state_file_read (path, klass->max_size ? klass->max_size
                                                                : POSTURE_STATE_FILE_MAX_SIZE,
                                         error)))
    return FALSE;

  root = posture_json_parse_bytes (bytes, POSTURE_JSON_DEFAULT_MAX_DEPTH, &local_error);
  if (root == NULL)
    {
      g_set_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_CORRUPT,
                   "it is not JSON: %s", local_error->message);
      return FALSE;
    }

  object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  if (object == NULL || !posture_json_get_int (object, format_key (self), &version) ||
      version < 1)
    {
      g_set_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_CORRUPT,
                   "it has no \"%s\" format version", format_key (self));
      return FALSE;
    }
  if (version > klass->format_version)
    {
      g_set_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_NEWER_VERSION,
                   "format %" G_GINT64_FORMAT ", this version reads up to %" G_GINT64_FORMAT,
                   version, klass->format_version);
      return FALSE;
    }

  if (!(*contents = klass->parse (self, object, version, damaged, &local_error)))
    {
      g_set_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_CORRUPT,
                   "%s", local_error ? local_error->message : "its contents cannot be read");
      return FALSE;
    }
  return TRUE;
}

/**
 * _posture_state_store_to_json:
 *
 * Returns: (transfer full): @contents as the default writing stores them: the format
 *   version first, the tenant (when the file has one), then what the subclass writes
 */
JsonNode *
_posture_state_store_to_json (PostureStateStore *self,
                              gpointer           contents)
{
  PostureStateStoreClass *klass = POSTURE_STATE_STORE_GET_CLASS (self);
  PostureStateStorePrivate *priv = posture_state_store_get_instance_private (self);
  JsonNode *root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();

  json_node_take_object (root, object);
  json_object_set_int_member (object, format_key (self), klass->format_version);
  if (priv->tenant_id != NULL)
    {
      JsonObject *tenant = json_object_new ();

      json_object_set_string_member (tenant, "id", priv->tenant_id);
      json_object_set_object_member (object, "tenant", tenant);
    }
  klass->serialize (self, contents, object);
  return root;
}

static gboolean
write_json (PostureStateStore  *self,
            const char         *path,
            gpointer            contents,
            GError            **error)
{
  g_autoptr(JsonNode) root = _posture_state_store_to_json (self, contents);
  g_autofree char *text = NULL;

  /* Compact: a history of a large tenant is rewritten on every append. */
  text = posture_json_to_string (root, FALSE);
  return posture_state_file_write (path, text, strlen (text), error);
}

static gboolean
write_contents (PostureStateStore  *self,
                gpointer            contents,
                GError            **error)
{
  PostureStateStoreClass *klass = POSTURE_STATE_STORE_GET_CLASS (self);
  const char *path = posture_state_store_get_path (self);

  if (klass->write != NULL)
    return klass->write (self, path, contents, error);
  return write_json (self, path, contents, error);
}

/* Damaged parts go to NAME.damaged-TIMESTAMP, a JSON document of their own. */
static char *
write_side_file (PostureStateStore  *self,
                 GPtrArray          *damaged,
                 GDateTime          *now,
                 GError            **error)
{
  const char *path = posture_state_store_get_path (self);
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *side = posture_state_file_aside_path (path, "damaged", now);
  g_autofree char *text = NULL;
  JsonObject *object = json_object_new ();
  JsonArray *items = json_array_new ();

  json_node_take_object (root, object);
  json_object_set_string_member (object, "damaged_from", path);
  json_object_set_string_member (object, "format", format_key (self));
  for (guint i = 0; i < damaged->len; i++)
    json_array_add_element (items, json_node_copy (g_ptr_array_index (damaged, i)));
  json_object_set_array_member (object, "items", items);

  text = posture_json_to_string (root, TRUE);
  if (!posture_state_file_write (side, text, strlen (text), error))
    return NULL;
  return g_steal_pointer (&side);
}

static ReadResult
read_contents (PostureStateStore  *self,
               Op                 *op,
               gboolean            locked,
               gpointer           *out_contents,
               GError            **error)
{
  PostureStateStoreClass *klass = POSTURE_STATE_STORE_GET_CLASS (self);
  const char *path = posture_state_store_get_path (self);
  g_autoptr(GPtrArray) damaged = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *moved = NULL;
  gpointer contents = NULL;
  gboolean ok;

  if (klass->read != NULL)
    ok = klass->read (self, path, &contents, &local_error);
  else
    ok = read_json (self, path, &contents, damaged, &local_error);

  if (!ok)
    {
      gboolean newer = g_error_matches (local_error, POSTURE_STORE_ERROR,
                                        POSTURE_STORE_ERROR_NEWER_VERSION);

      if (g_error_matches (local_error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_NOT_FOUND))
        {
          *out_contents = empty_contents (self);
          return READ_OK;
        }
      if (!newer &&
          !g_error_matches (local_error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_CORRUPT))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return READ_FAILED;
        }
      if (!locked)
        return READ_NEEDS_LOCK;
      if (!(moved = posture_state_file_move_aside (path, "corrupt", op->now, error)))
        return READ_FAILED;

      g_clear_error (&op->recovered);
      if (newer)
        g_set_error (&op->recovered, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_NEWER_VERSION,
                     "%s was written by a newer version of Posture (%s); it was moved to %s "
                     "and a new file started", path, local_error->message, moved);
      else
        g_set_error (&op->recovered, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_CORRUPT,
                     "%s was damaged (%s); it was moved to %s and a new file started",
                     path, local_error->message, moved);
      *out_contents = empty_contents (self);
      return READ_OK;
    }

  if (damaged->len > 0)
    {
      g_autofree char *side = NULL;

      if (!locked)
        {
          free_contents (self, contents);
          return READ_NEEDS_LOCK;
        }

      /* Saved beside the file first, so that rewriting the file loses nothing. */
      if (!(side = write_side_file (self, damaged, op->now, error)) ||
          !write_contents (self, contents, error))
        {
          free_contents (self, contents);
          return READ_FAILED;
        }

      g_clear_error (&op->recovered);
      g_set_error (&op->recovered, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_CORRUPT,
                   "%u damaged entr%s of %s could not be read; %s moved to %s and the rest "
                   "was kept", damaged->len, damaged->len == 1 ? "y" : "ies", path,
                   damaged->len == 1 ? "it was" : "they were", side);
    }

  *out_contents = contents;
  return READ_OK;
}

static gboolean
run_op (PostureStateStore  *self,
        Op                 *op,
        GError            **error)
{
  const char *path = posture_state_store_get_path (self);
  g_autoptr(PostureStateLock) lock = NULL;
  gpointer contents = NULL;

  if (op->kind != OP_LOAD && !(lock = posture_state_lock_acquire (path, LOCK_TIMEOUT_MS, error)))
    return FALSE;

  if (op->kind == OP_SAVE)
    contents = g_steal_pointer (&op->contents);
  else
    {
      ReadResult result = read_contents (self, op, lock != NULL, &contents, error);

      if (result == READ_NEEDS_LOCK)
        {
          g_autoptr(GError) lock_error = NULL;

          /* Damage to move aside: read again under the lock, as a writer would. */
          if (!(lock = posture_state_lock_acquire (path, LOCK_TIMEOUT_MS, &lock_error)))
            {
              g_set_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_IO,
                           "%s is damaged and cannot be moved aside: %s", path,
                           lock_error->message);
              return FALSE;
            }
          result = read_contents (self, op, TRUE, &contents, error);
        }
      if (result != READ_OK)
        return FALSE;
    }

  if (op->func != NULL && !op->func (self, contents, op->edit_data, op->now, error))
    {
      free_contents (self, contents);
      return FALSE;
    }

  if (op->kind != OP_LOAD && !write_contents (self, contents, error))
    {
      free_contents (self, contents);
      return FALSE;
    }

  op->contents = contents;
  return TRUE;
}

/* On the caller's thread, after run_op(): apply (unless a later operation already
 * did) and report what was moved aside. */
static void
complete_op (PostureStateStore  *self,
             Op                 *op,
             GError            **recovered)
{
  PostureStateStorePrivate *priv = posture_state_store_get_instance_private (self);
  PostureStateStoreClass *klass = POSTURE_STATE_STORE_GET_CLASS (self);

  if (op->number > priv->applied)
    {
      priv->applied = op->number;
      if (klass->apply != NULL)
        klass->apply (self, &op->contents);
    }

  if (op->recovered != NULL)
    {
      g_signal_emit (self, signals [RECOVERED], 0, op->recovered);
      if (recovered != NULL && *recovered == NULL)
        g_propagate_error (recovered, g_steal_pointer (&op->recovered));
    }
}

static gboolean
run_sync (PostureStateStore  *self,
          Op                 *op,
          GError            **recovered,
          GError            **error)
{
  if (!run_op (self, op, error))
    return FALSE;
  complete_op (self, op, recovered);
  return TRUE;
}

static void
op_thread (GTask        *task,
           gpointer      source_object,
           gpointer      task_data,
           GCancellable *cancellable)
{
  GError *error = NULL;

  if (!run_op (source_object, task_data, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
run_async (PostureStateStore   *self,
           Op                  *op,
           gpointer             source_tag,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, op, (GDestroyNotify) op_free);

  if (g_task_return_error_if_cancelled (task))
    return;

  /* A load may be abandoned; a write, once started, completes. */
  g_task_set_return_on_cancel (task, op->kind == OP_LOAD);
  g_task_run_in_thread (task, op_thread);
}

static gboolean
finish_async (PostureStateStore  *self,
              GAsyncResult       *result,
              gpointer            source_tag,
              GError            **recovered,
              GError            **error)
{
  g_return_val_if_fail (POSTURE_IS_STATE_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  complete_op (self, g_task_get_task_data (G_TASK (result)), recovered);
  return TRUE;
}

static void
posture_state_store_finalize (GObject *object)
{
  PostureStateStore *self = (PostureStateStore *) object;
  PostureStateStorePrivate *priv = posture_state_store_get_instance_private (self);

  g_clear_pointer (&priv->path, g_free);
  g_clear_pointer (&priv->tenant_id, g_free);
  g_clear_pointer (&priv->format_key, g_free);
  g_clear_pointer (&priv->now, g_date_time_unref);

  G_OBJECT_CLASS (posture_state_store_parent_class)->finalize (object);
}

static void
posture_state_store_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  PostureStateStore *self = POSTURE_STATE_STORE (object);
  PostureStateStorePrivate *priv = posture_state_store_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, priv->path);
      break;
    case PROP_TENANT_ID:
      g_value_set_string (value, priv->tenant_id);
      break;
    case PROP_FORMAT_KEY:
      g_value_set_string (value, format_key (self));
      break;
    case PROP_NOW:
      g_value_set_boxed (value, priv->now);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_state_store_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  PostureStateStore *self = POSTURE_STATE_STORE (object);
  PostureStateStorePrivate *priv = posture_state_store_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_PATH:
      priv->path = g_value_dup_string (value);
      break;
    case PROP_TENANT_ID:
      priv->tenant_id = g_value_dup_string (value);
      break;
    case PROP_FORMAT_KEY:
      priv->format_key = g_value_dup_string (value);
      break;
    case PROP_NOW:
      posture_state_store_set_now (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_state_store_class_init (PostureStateStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = posture_state_store_finalize;
  object_class->get_property = posture_state_store_get_property;
  object_class->set_property = posture_state_store_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TENANT_ID] =
    g_param_spec_string ("tenant-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FORMAT_KEY] =
    g_param_spec_string ("format-key", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOW] =
    g_param_spec_boxed ("now", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[RECOVERED] =
    g_signal_new ("recovered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
posture_state_store_init (PostureStateStore *self)
{
}

const char *
posture_state_store_get_path (PostureStateStore *self)
{
  PostureStateStorePrivate *priv = posture_state_store_get_instance_private (self);

  g_return_val_if_fail (POSTURE_IS_STATE_STORE (self), NULL);
  return priv->path;
}

/**
 * posture_state_store_get_tenant_id:
 *
 * Returns: (transfer none) (nullable): the tenant whose state the file holds
 */
const char *
posture_state_store_get_tenant_id (PostureStateStore *self)
{
  PostureStateStorePrivate *priv = posture_state_store_get_instance_private (self);

  g_return_val_if_fail (POSTURE_IS_STATE_STORE (self), NULL);
  return priv->tenant_id;
}

/**
 * posture_state_store_get_now:
 *
 * Returns: (transfer none) (nullable): the time set with posture_state_store_set_now()
 */
GDateTime *
posture_state_store_get_now (PostureStateStore *self)
{
  PostureStateStorePrivate *priv = posture_state_store_get_instance_private (self);

  g_return_val_if_fail (POSTURE_IS_STATE_STORE (self), NULL);
  return priv->now;
}

/**
 * posture_state_store_set_now:
 * @now: (nullable): the time the store uses from now on (retention, the names of files
 *   moved aside, the times it stamps); %NULL for the real time. For tests and tools.
 */
void
posture_state_store_set_now (PostureStateStore *self,
                             GDateTime         *now)
{
  PostureStateStorePrivate *priv = posture_state_store_get_instance_private (self);

  g_return_if_fail (POSTURE_IS_STATE_STORE (self));

  if (priv->now == now)
    return;
  g_clear_pointer (&priv->now, g_date_time_unref);
  priv->now = now ? g_date_time_to_utc (now) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOW]);
}

/**
 * posture_state_store_dup_now:
 *
 * Returns: (transfer full): the store's clock: the time set, else the real time (UTC)
 */
GDateTime *
posture_state_store_dup_now (PostureStateStore *self)
{
  PostureStateStorePrivate *priv = posture_state_store_get_instance_private (self);

  g_return_val_if_fail (POSTURE_IS_STATE_STORE (self), NULL);
  return priv->now ? g_date_time_ref (priv->now) : g_date_time_new_now_utc ();
}

gboolean
posture_state_store_load (PostureStateStore  *self,
                          GError            **recovered,
                          GError            **error)
{
  g_autoptr(Op) op = NULL;

  g_return_val_if_fail (POSTURE_IS_STATE_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  op = op_new (self, OP_LOAD);
  return run_sync (self, op, recovered, error);
}

void
posture_state_store_load_async (PostureStateStore   *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (POSTURE_IS_STATE_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  run_async (self, op_new (self, OP_LOAD), posture_state_store_load_async,
             cancellable, callback, user_data);
}

gboolean
posture_state_store_load_finish (PostureStateStore  *self,
                                 GAsyncResult       *result,
                                 GError            **recovered,
                                 GError            **error)
{
  return finish_async (self, result, posture_state_store_load_async, recovered, error);
}

static Op *
edit_op_new (PostureStateStore    *self,
             PostureStateEditFunc  func,
             gpointer              edit_data)
{
  Op *op = op_new (self, OP_EDIT);

  op->func = func;
  op->edit_data = edit_data;
  return op;
}

gboolean
_posture_state_store_edit (PostureStateStore     *self,
                           PostureStateEditFunc   func,
                           gpointer               edit_data,
                           GError               **recovered,
                           GError               **error)
{
  g_autoptr(Op) op = NULL;

  g_return_val_if_fail (POSTURE_IS_STATE_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  op = edit_op_new (self, func, edit_data);
  return run_sync (self, op, recovered, error);
}

void
_posture_state_store_edit_async (PostureStateStore     *self,
                                 PostureStateEditFunc   func,
                                 gpointer               edit_data,
                                 GDestroyNotify         edit_data_free,
                                 GCancellable          *cancellable,
                                 GAsyncReadyCallback    callback,
                                 gpointer               user_data)
{
  Op *op;

  g_return_if_fail (POSTURE_IS_STATE_STORE (self));
  g_return_if_fail (func != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  op = edit_op_new (self, func, edit_data);
  op->edit_data_free = edit_data_free;
  run_async (self, op, _posture_state_store_edit_async, cancellable, callback, user_data);
}

gboolean
_posture_state_store_edit_finish (PostureStateStore  *self,
                                  GAsyncResult       *result,
                                  GError            **recovered,
                                  GError            **error)
{
  return finish_async (self, result, _posture_state_store_edit_async, recovered, error);
}

static Op *
save_op_new (PostureStateStore *self,
             gpointer           contents)
{
  Op *op = op_new (self, OP_SAVE);

  op->contents = contents;
  return op;
}

gboolean
_posture_state_store_save (PostureStateStore  *self,
                           gpointer            contents,
                           GError            **error)
{
  g_autoptr(Op) op = NULL;

  g_return_val_if_fail (POSTURE_IS_STATE_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  op = save_op_new (self, contents);
  return run_sync (self, op, NULL, error);
}

void
_posture_state_store_save_async (PostureStateStore   *self,
                                 gpointer             contents,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (POSTURE_IS_STATE_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  run_async (self, save_op_new (self, contents), _posture_state_store_save_async,
             cancellable, callback, user_data);
}

gboolean
_posture_state_store_save_finish (PostureStateStore  *self,
                                  GAsyncResult       *result,
                                  GError            **error)
{
  return finish_async (self, result, _posture_state_store_save_async, NULL, error);
}
