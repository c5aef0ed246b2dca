/* posture-pending-store.c: fixes still being carried out, per tenant
 *
 * The file is $XDG_DATA_HOME/posture/pending/<tenant>.json:
 *
 *   { "posture_pending": 1, "tenant": { "id": "…" },
 *     "operations": [ { "control": "managed-environment", "resource": "<environment>",
 *                       "name": "<its display name>" (optional),
 *                       "operation_url": "https://…", "started_at": "…Z" } ] }
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-pending-store"

#include "config.h"

#include <string.h>

#include "posture-error.h"
#include "posture-fix-plan.h"
#include "posture-json.h"
#include "posture-pending-store.h"
#include "posture-state-file.h"
#include "posture-state-store-private.h"

#define MAX_OPERATIONS 10000
#define MAX_ID_LENGTH  1024
#define MAX_URL_LENGTH 8192

struct _PosturePendingStore
{
  PostureStateList  parent_instance;
};

G_DEFINE_FINAL_TYPE (PosturePendingStore, posture_pending_store, POSTURE_TYPE_STATE_LIST)

static gboolean
check_id (const char  *what,
          const char  *id,
          GError     **error)
{
  if (id == NULL || id[0] == '\0' || strlen (id) > MAX_ID_LENGTH || !g_utf8_validate (id, -1, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "A pending operation needs a %s of UTF-8 text, at most %d bytes",
                   what, MAX_ID_LENGTH);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_url (const char  *url,
           GError     **error)
{
  g_autoptr(GUri) uri = NULL;

  if (url != NULL && strlen (url) <= MAX_URL_LENGTH)
    uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL ||
      (g_strcmp0 (g_uri_get_scheme (uri), "https") != 0 &&
       g_strcmp0 (g_uri_get_scheme (uri), "http") != 0))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "A pending operation needs an absolute http(s) URL of at most %d bytes",
                   MAX_URL_LENGTH);
      return FALSE;
    }
  return TRUE;
}

/* A display name is kept when it is UTF-8 and not overlong; otherwise it is left out
 * (the id says which resource it is). */
static const char *
usable_name (const char *name)
{
  if (name == NULL || name[0] == '\0' || strlen (name) > MAX_ID_LENGTH ||
      !g_utf8_validate (name, -1, NULL))
    return NULL;
  return name;
}

static gboolean
same_key (PosturePendingOperation *operation,
          const char              *control_id,
          const char              *resource_id)
{
  return g_str_equal (posture_pending_operation_get_control_id (operation), control_id) &&
         g_str_equal (posture_pending_operation_get_resource_id (operation), resource_id);
}

static int
compare_operations (gconstpointer a,
                    gconstpointer b)
{
  PosturePendingOperation *oa = *(PosturePendingOperation **) a;
  PosturePendingOperation *ob = *(PosturePendingOperation **) b;
  int cmp = strcmp (posture_pending_operation_get_control_id (oa),
                    posture_pending_operation_get_control_id (ob));

  return cmp != 0 ? cmp : strcmp (posture_pending_operation_get_resource_id (oa),
                                  posture_pending_operation_get_resource_id (ob));
}

static PosturePendingOperation *
operation_from_json (JsonNode  *node,
                     GError   **error)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  const char *started = object ? posture_json_get_string (object, "started_at") : NULL;
  g_autoptr(GDateTime) started_at = started ? g_date_time_new_from_iso8601 (started, NULL) : NULL;

  if (object == NULL || started_at == NULL ||
      !check_id ("control id", posture_json_get_string (object, "control"), error) ||
      !check_id ("resource id", posture_json_get_string (object, "resource"), error) ||
      !check_url (posture_json_get_string (object, "operation_url"), error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_CORRUPT,
                     "expected an object with a start time");
      return NULL;
    }

  return posture_pending_operation_new (posture_json_get_string (object, "control"),
                                        posture_json_get_string (object, "resource"),
                                        usable_name (posture_json_get_string (object, "name")),
                                        posture_json_get_string (object, "operation_url"),
                                        started_at);
}

static gpointer
posture_pending_store_parse (PostureStateStore  *store,
                             JsonObject         *root,
                             gint64              version,
                             GPtrArray          *damaged,
                             GError            **error)
{
  GPtrArray *operations = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *array = root ? posture_json_get_array (root, "operations") : NULL;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autoptr(GError) local_error = NULL;
      PosturePendingOperation *operation = NULL;

      if (i < MAX_OPERATIONS)
        operation = operation_from_json (node, &local_error);
      for (guint j = 0; operation != NULL && j < operations->len; j++)
        if (same_key (g_ptr_array_index (operations, j),
                      posture_pending_operation_get_control_id (operation),
                      posture_pending_operation_get_resource_id (operation)))
          g_clear_object (&operation);

      if (operation == NULL)
        {
          g_debug ("Pending operation %u is damaged: %s", i,
                   local_error ? local_error->message : "a duplicate, or beyond the bound");
          g_ptr_array_add (damaged, json_node_ref (node));
          continue;
        }
      g_ptr_array_add (operations, operation);
    }

  g_ptr_array_sort (operations, compare_operations);
  return operations;
}

static void
posture_pending_store_serialize (PostureStateStore *store,
                                 gpointer           contents,
                                 JsonObject        *root)
{
  GPtrArray *operations = contents;
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < operations->len; i++)
    {
      PosturePendingOperation *operation = g_ptr_array_index (operations, i);
      GDateTime *started_at = posture_pending_operation_get_started_at (operation);
      g_autofree char *started = g_date_time_format_iso8601 (started_at);
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "control",
                                     posture_pending_operation_get_control_id (operation));
      json_object_set_string_member (object, "resource",
                                     posture_pending_operation_get_resource_id (operation));
      if (posture_pending_operation_get_resource_name (operation) != NULL)
        json_object_set_string_member (object, "name",
                                       posture_pending_operation_get_resource_name (operation));
      json_object_set_string_member (object, "operation_url",
                                     posture_pending_operation_get_operation_url (operation));
      json_object_set_string_member (object, "started_at", started);
      json_array_add_object_element (array, object);
    }
  json_object_set_array_member (root, "operations", array);
}

/* What an add or a remove carries to the worker thread. */
typedef struct
{
  char      *control_id;
  char      *resource_id;
  char      *resource_name;   /* nullable */
  char      *operation_url;   /* NULL: remove */
  GDateTime *started_at;      /* NULL: the store's clock */
} Change;

static void
change_free (gpointer data)
{
  Change *change = data;

  g_free (change->control_id);
  g_free (change->resource_id);
  g_free (change->resource_name);
  g_free (change->operation_url);
  g_clear_pointer (&change->started_at, g_date_time_unref);
  g_free (change);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Change, change_free)

static Change *
change_new (const char  *control_id,
            const char  *resource_id,
            const char  *resource_name,
            const char  *operation_url,
            GDateTime   *started_at,
            gboolean     add,
            GError     **error)
{
  Change *change;

  if (!check_id ("control id", control_id, error) ||
      !check_id ("resource id", resource_id, error) ||
      (add && !check_url (operation_url, error)))
    return NULL;

  change = g_new0 (Change, 1);
  change->control_id = g_strdup (control_id);
  change->resource_id = g_strdup (resource_id);
  change->resource_name = g_strdup (usable_name (resource_name));
  change->operation_url = add ? g_strdup (operation_url) : NULL;
  change->started_at = started_at ? g_date_time_ref (started_at) : NULL;
  return change;
}

/* @edit_data: a GPtrArray of Change, applied in order. */
static gboolean
changes_edit (PostureStateStore  *store,
              gpointer            contents,
              gpointer            edit_data,
              GDateTime          *now,
              GError            **error)
{
  GPtrArray *operations = contents;
  GPtrArray *changes = edit_data;

  for (guint c = 0; c < changes->len; c++)
    {
      Change *change = g_ptr_array_index (changes, c);

      for (guint i = 0; i < operations->len; i++)
        if (same_key (g_ptr_array_index (operations, i), change->control_id, change->resource_id))
          {
            g_ptr_array_remove_index (operations, i);
            break;
          }

      if (change->operation_url != NULL)
        g_ptr_array_add (operations,
                         posture_pending_operation_new (change->control_id, change->resource_id,
                                                        change->resource_name,
                                                        change->operation_url,
                                                        change->started_at ? change->started_at
                                                                           : now));
    }

  g_ptr_array_sort (operations, compare_operations);
  return TRUE;
}

static GPtrArray *
changes_new (Change *change)
{
  GPtrArray *changes = g_ptr_array_new_with_free_func (change_free);

  if (change != NULL)
    g_ptr_array_add (changes, change);
  return changes;
}

static void
posture_pending_store_class_init (PosturePendingStoreClass *klass)
{
  PostureStateStoreClass *store_class = POSTURE_STATE_STORE_CLASS (klass);

  store_class->format_key = POSTURE_PENDING_FORMAT_KEY;
  store_class->format_version = POSTURE_PENDING_FORMAT_VERSION;
  store_class->parse = posture_pending_store_parse;
  store_class->serialize = posture_pending_store_serialize;
  POSTURE_STATE_LIST_CLASS (klass)->item_type = POSTURE_TYPE_PENDING_OPERATION;
}

static void
posture_pending_store_init (PosturePendingStore *self)
{
}

/**
 * posture_pending_store_new:
 * @tenant_id: the tenant's id (any string: it is made safe for a file name)
 *
 * Returns: (transfer full): an empty store; load it with posture_state_store_load()
 */
PosturePendingStore *
posture_pending_store_new (const char *tenant_id)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (tenant_id != NULL, NULL);

  path = posture_state_path_for_tenant (POSTURE_STATE_DATA, "pending", tenant_id, ".json");
  return g_object_new (POSTURE_TYPE_PENDING_STORE, "tenant-id", tenant_id, "path", path, NULL);
}

const char *
posture_pending_store_get_tenant_id (PosturePendingStore *self)
{
  g_return_val_if_fail (POSTURE_IS_PENDING_STORE (self), NULL);
  return posture_state_store_get_tenant_id (POSTURE_STATE_STORE (self));
}

PosturePendingOperation *
posture_pending_store_lookup (PosturePendingStore *self,
                              const char          *control_id,
                              const char          *resource_id)
{
  GPtrArray *operations;

  g_return_val_if_fail (POSTURE_IS_PENDING_STORE (self), NULL);
  g_return_val_if_fail (control_id != NULL, NULL);
  g_return_val_if_fail (resource_id != NULL, NULL);

  operations = posture_state_list_get_items (POSTURE_STATE_LIST (self));
  for (guint i = 0; i < operations->len; i++)
    if (same_key (g_ptr_array_index (operations, i), control_id, resource_id))
      return g_ptr_array_index (operations, i);
  return NULL;
}

static gboolean
change_sync (PosturePendingStore  *self,
             Change               *change,
             GError              **error)
{
  g_autoptr(GPtrArray) changes = NULL;

  if (change == NULL)
    return FALSE;
  changes = changes_new (change);
  return _posture_state_store_edit (POSTURE_STATE_STORE (self), changes_edit, changes, NULL, error);
}

/* Checks the change and starts it, or reports why it is refused, in the callback. */
static void
change_async (PosturePendingStore *self,
              const char          *control_id,
              const char          *resource_id,
              const char          *operation_url,
              GDateTime           *started_at,
              gboolean             add,
              gpointer             source_tag,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  GError *error = NULL;
  Change *change;

  if (!(change = change_new (control_id, resource_id, NULL, operation_url, started_at, add,
                             &error)))
    {
      g_task_report_error (self, callback, user_data, source_tag, error);
      return;
    }
  _posture_state_store_edit_async (POSTURE_STATE_STORE (self), changes_edit, changes_new (change),
                                   (GDestroyNotify) g_ptr_array_unref, cancellable, callback,
                                   user_data);
}

static gboolean
change_finish (PosturePendingStore  *self,
               GAsyncResult         *result,
               gpointer              source_tag,
               GError              **error)
{
  if (g_async_result_is_tagged (result, source_tag))
    return g_task_propagate_boolean (G_TASK (result), error);
  return _posture_state_store_edit_finish (POSTURE_STATE_STORE (self), result, NULL, error);
}

gboolean
posture_pending_store_add (PosturePendingStore  *self,
                           const char           *control_id,
                           const char           *resource_id,
                           const char           *operation_url,
                           GDateTime            *started_at,
                           GError              **error)
{
  g_return_val_if_fail (POSTURE_IS_PENDING_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return change_sync (self, change_new (control_id, resource_id, NULL, operation_url,
                                        started_at, TRUE, error), error);
}

void
posture_pending_store_add_async (PosturePendingStore *self,
                                 const char          *control_id,
                                 const char          *resource_id,
                                 const char          *operation_url,
                                 GDateTime           *started_at,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (POSTURE_IS_PENDING_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  change_async (self, control_id, resource_id, operation_url, started_at, TRUE,
                posture_pending_store_add_async, cancellable, callback, user_data);
}

gboolean
posture_pending_store_add_finish (PosturePendingStore  *self,
                                  GAsyncResult         *result,
                                  GError              **error)
{
  g_return_val_if_fail (POSTURE_IS_PENDING_STORE (self), FALSE);
  return change_finish (self, result, posture_pending_store_add_async, error);
}

gboolean
posture_pending_store_remove (PosturePendingStore  *self,
                              const char           *control_id,
                              const char           *resource_id,
                              GError              **error)
{
  g_return_val_if_fail (POSTURE_IS_PENDING_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return change_sync (self, change_new (control_id, resource_id, NULL, NULL, NULL, FALSE, error),
                      error);
}

void
posture_pending_store_remove_async (PosturePendingStore *self,
                                    const char          *control_id,
                                    const char          *resource_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (POSTURE_IS_PENDING_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  change_async (self, control_id, resource_id, NULL, NULL, FALSE,
                posture_pending_store_remove_async, cancellable, callback, user_data);
}

gboolean
posture_pending_store_remove_finish (PosturePendingStore  *self,
                                     GAsyncResult         *result,
                                     GError              **error)
{
  g_return_val_if_fail (POSTURE_IS_PENDING_STORE (self), FALSE);
  return change_finish (self, result, posture_pending_store_remove_async, error);
}

/**
 * posture_pending_store_dup_fixes:
 *
 * The operations as the fix runner polls them (posture_fix_runner_poll_pending_async()).
 *
 * Returns: (transfer full) (element-type PosturePendingFix): one per operation, outcome
 *   PENDING
 */
GPtrArray *
posture_pending_store_dup_fixes (PosturePendingStore *self)
{
  GPtrArray *operations;
  GPtrArray *fixes;

  g_return_val_if_fail (POSTURE_IS_PENDING_STORE (self), NULL);

  operations = posture_state_list_get_items (POSTURE_STATE_LIST (self));
  fixes = g_ptr_array_new_full (operations->len, (GDestroyNotify) posture_pending_fix_free);
  for (guint i = 0; i < operations->len; i++)
    {
      PosturePendingOperation *operation = g_ptr_array_index (operations, i);
      PosturePendingFix *fix;

      fix = posture_pending_fix_new (posture_pending_operation_get_control_id (operation),
                                     posture_pending_operation_get_resource_id (operation),
                                     posture_pending_operation_get_operation_url (operation));
      fix->outcome = POSTURE_FIX_OUTCOME_PENDING;
      g_ptr_array_add (fixes, fix);
    }
  return fixes;
}

/* Applies @changes (transfer full; NULL: nothing to change) in one write. */
static gboolean
changes_apply (PosturePendingStore  *self,
               GPtrArray            *changes,
               GError              **error)
{
  g_autoptr(GPtrArray) owned = changes;

  if (owned == NULL)
    return TRUE;
  return _posture_state_store_edit (POSTURE_STATE_STORE (self), changes_edit, owned, NULL, error);
}

/* Nothing to change (@changes NULL): done at once, the file untouched, in a task tagged
 * @source_tag (change_finish() tells the two apart). */
static void
changes_apply_async (PosturePendingStore *self,
                     GPtrArray           *changes,
                     gpointer             source_tag,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  if (changes != NULL)
    {
      _posture_state_store_edit_async (POSTURE_STATE_STORE (self), changes_edit, changes,
                                       (GDestroyNotify) g_ptr_array_unref, cancellable,
                                       callback, user_data);
      return;
    }
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_return_boolean (task, TRUE);
}

/* A removal for each fix whose outcome is known (not PENDING); NULL when none is. */
static GPtrArray *
settled_changes (GPtrArray *fixes)
{
  g_autoptr(GPtrArray) changes = changes_new (NULL);

  for (guint i = 0; i < fixes->len; i++)
    {
      const PosturePendingFix *fix = g_ptr_array_index (fixes, i);
      Change *change;

      if (fix->outcome == POSTURE_FIX_OUTCOME_PENDING || fix->outcome == POSTURE_FIX_OUTCOME_NONE)
        continue;
      if ((change = change_new (fix->control_id, fix->resource_id, NULL, NULL, NULL, FALSE,
                                NULL)))
        g_ptr_array_add (changes, change);
    }
  return changes->len > 0 ? g_steal_pointer (&changes) : NULL;
}

/**
 * posture_pending_store_forget_settled:
 * @fixes: (element-type PosturePendingFix): as the fix runner polled them
 *
 * Removes, in one write under the lock, the operations whose outcome is now known
 * (verified, failed or skipped); those still pending stay for the next reading.
 */
gboolean
posture_pending_store_forget_settled (PosturePendingStore  *self,
                                      GPtrArray            *fixes,
                                      GError              **error)
{
  g_return_val_if_fail (POSTURE_IS_PENDING_STORE (self), FALSE);
  g_return_val_if_fail (fixes != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return changes_apply (self, settled_changes (fixes), error);
}

void
posture_pending_store_forget_settled_async (PosturePendingStore *self,
                                            GPtrArray           *fixes,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_return_if_fail (POSTURE_IS_PENDING_STORE (self));
  g_return_if_fail (fixes != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  changes_apply_async (self, settled_changes (fixes), posture_pending_store_forget_settled_async,
                       cancellable, callback, user_data);
}

gboolean
posture_pending_store_forget_settled_finish (PosturePendingStore  *self,
                                             GAsyncResult         *result,
                                             GError              **error)
{
  g_return_val_if_fail (POSTURE_IS_PENDING_STORE (self), FALSE);
  return change_finish (self, result, posture_pending_store_forget_settled_async, error);
}

/* An add for each step of @plan that ended pending with its operation; NULL when none
 * did, or with @error when one cannot be kept (the first such). */
static GPtrArray *
plan_changes (PostureFixPlan  *plan,
              GError         **error)
{
  g_autoptr(GPtrArray) changes = changes_new (NULL);
  GListModel *steps = posture_fix_plan_get_steps (plan);
  const char *control_id = posture_fix_plan_get_control_id (plan);

  for (guint i = 0; i < g_list_model_get_n_items (steps); i++)
    {
      g_autoptr(PostureFixStep) step = g_list_model_get_item (steps, i);
      Change *change;

      if (posture_fix_step_get_outcome (step) != POSTURE_FIX_OUTCOME_PENDING ||
          posture_fix_step_get_operation_url (step) == NULL)
        continue;
      change = change_new (control_id, posture_fix_step_get_resource_id (step),
                           posture_fix_step_get_name (step),
                           posture_fix_step_get_operation_url (step), NULL, TRUE, error);
      if (change == NULL)
        return NULL;
      g_ptr_array_add (changes, change);
    }
  return changes->len > 0 ? g_steal_pointer (&changes) : NULL;
}

/**
 * posture_pending_store_keep_plan:
 * @plan: a plan the fix runner carried out
 *
 * Keeps, in one write under the lock, the operation of every step of @plan that ended
 * pending (with its display name), replacing any earlier one of the same control and
 * resource. Nothing pending: nothing is written.
 */
gboolean
posture_pending_store_keep_plan (PosturePendingStore  *self,
                                 PostureFixPlan       *plan,
                                 GError              **error)
{
  GPtrArray *changes;
  GError *local_error = NULL;

  g_return_val_if_fail (POSTURE_IS_PENDING_STORE (self), FALSE);
  g_return_val_if_fail (POSTURE_IS_FIX_PLAN (plan), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  changes = plan_changes (plan, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return changes_apply (self, changes, error);
}

void
posture_pending_store_keep_plan_async (PosturePendingStore *self,
                                       PostureFixPlan      *plan,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  GPtrArray *changes;
  GError *error = NULL;

  g_return_if_fail (POSTURE_IS_PENDING_STORE (self));
  g_return_if_fail (POSTURE_IS_FIX_PLAN (plan));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  changes = plan_changes (plan, &error);
  if (error != NULL)
    {
      g_task_report_error (self, callback, user_data, posture_pending_store_keep_plan_async,
                           error);
      return;
    }
  changes_apply_async (self, changes, posture_pending_store_keep_plan_async, cancellable,
                       callback, user_data);
}

gboolean
posture_pending_store_keep_plan_finish (PosturePendingStore  *self,
                                        GAsyncResult         *result,
                                        GError              **error)
{
  g_return_val_if_fail (POSTURE_IS_PENDING_STORE (self), FALSE);
  return change_finish (self, result, posture_pending_store_keep_plan_async, error);
}
