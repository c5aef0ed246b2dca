/* posture-decision-store.c: decisions and notes per tenant, with their history
 *
 * The file is $XDG_DATA_HOME/posture/decisions/<tenant>.json:
 *
 *   { "posture_decisions": 1, "tenant": { "id": "…" },
 *     "decisions": [ { "control": "auditing", "resource": null | "<environment>",
 *                      "status": "planned", "note": "…", "author": "…",
 *                      "updated_at": "…Z", "owner": "…" | null, "due": "2026-12-31" | null,
 *                      "history": [ { "when": "…Z", "author": "…", "from": "to-address",
 *                                     "to": "planned", "note": "…" } ] } ] }
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-decision-store"

#include "config.h"

#include <string.h>

#include "posture-decision-store.h"
#include "posture-error.h"
#include "posture-json.h"
#include "posture-state-file.h"
#include "posture-state-store-private.h"

#define MAX_DECISIONS 100000
#define MAX_CHANGES   10000

struct _PostureDecisionStore
{
  PostureStateList  parent_instance;
};

G_DEFINE_FINAL_TYPE (PostureDecisionStore, posture_decision_store, POSTURE_TYPE_STATE_LIST)

static GPtrArray *
get_decisions (PostureDecisionStore *self)
{
  return posture_state_list_get_items (POSTURE_STATE_LIST (self));
}

/* ---- JSON ⇄ PostureDecision -------------------------------------------------------- */

static char *
format_time (GDateTime *time)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (time);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

static GDateTime *
parse_time (const char *text)
{
  return text ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
}

/**
 * posture_decision_store_parse_date:
 * @text: (nullable): a date as YYYY-MM-DD
 *
 * Returns: (transfer full) (nullable): midnight UTC of that day, or %NULL when @text is
 *   not exactly a valid YYYY-MM-DD date
 */
GDateTime *
posture_decision_store_parse_date (const char *text)
{
  int y, m, d;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return NULL;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return NULL;

  y = g_ascii_digit_value (text[0]) * 1000 + g_ascii_digit_value (text[1]) * 100 +
      g_ascii_digit_value (text[2]) * 10 + g_ascii_digit_value (text[3]);
  m = g_ascii_digit_value (text[5]) * 10 + g_ascii_digit_value (text[6]);
  d = g_ascii_digit_value (text[8]) * 10 + g_ascii_digit_value (text[9]);
  if (y < 1 || !g_date_valid_dmy (d, m, y))
    return NULL;
  return g_date_time_new_utc (y, m, d, 0, 0, 0);
}

static JsonNode *
decision_to_json (PostureDecision *decision)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GPtrArray *changes = posture_decision_get_history (decision);
  GDateTime *updated = posture_decision_get_updated_at (decision);
  GDateTime *due = posture_decision_get_due (decision);
  PostureDecisionStatus status = posture_decision_get_status (decision);
  g_autofree char *updated_text = updated ? format_time (updated) : NULL;
  g_autofree char *due_text = due ? g_date_time_format (due, "%Y-%m-%d") : NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "control");
  json_builder_add_string_value (builder, posture_decision_get_control_id (decision));
  posture_json_builder_add_string_or_null (builder, "resource",
                                           posture_decision_get_resource_id (decision));
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, posture_decision_status_to_string (status));
  posture_json_builder_add_string_or_null (builder, "note", posture_decision_get_note (decision));
  posture_json_builder_add_string_or_null (builder, "author",
                                           posture_decision_get_author (decision));
  posture_json_builder_add_string_or_null (builder, "updated_at", updated_text);
  posture_json_builder_add_string_or_null (builder, "owner", posture_decision_get_owner (decision));
  posture_json_builder_add_string_or_null (builder, "due", due_text);

  json_builder_set_member_name (builder, "history");
  json_builder_begin_array (builder);
  for (guint i = 0; i < changes->len; i++)
    {
      const PostureDecisionChange *change = g_ptr_array_index (changes, i);
      g_autofree char *when = format_time (change->when);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "when");
      json_builder_add_string_value (builder, when);
      posture_json_builder_add_string_or_null (builder, "author", change->author);
      json_builder_set_member_name (builder, "from");
      json_builder_add_string_value (builder, posture_decision_status_to_string (change->from));
      json_builder_set_member_name (builder, "to");
      json_builder_add_string_value (builder, posture_decision_status_to_string (change->to));
      posture_json_builder_add_string_or_null (builder, "note", change->note);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static PostureDecision *
decision_from_json (JsonNode  *node,
                    guint      index,
                    GError   **error)
{
  g_autoptr(PostureDecision) decision = NULL;
  g_autoptr(GDateTime) updated = NULL;
  g_autoptr(GDateTime) due = NULL;
  PostureDecisionStatus status;
  JsonObject *object;
  JsonArray *history;
  const char *control;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_CORRUPT,
                   "decisions[%u]: expected an object", index);
      return NULL;
    }
  object = json_node_get_object (node);
  control = posture_json_get_string (object, "control");
  if (control == NULL || control[0] == '\0' ||
      !posture_decision_status_from_string (posture_json_get_string (object, "status"), &status))
    {
      g_set_error (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_CORRUPT,
                   "decisions[%u]: expected a control id and a known status", index);
      return NULL;
    }

  decision = posture_decision_new (control, status);
  posture_decision_set_resource_id (decision, posture_json_get_string (object, "resource"));
  updated = parse_time (posture_json_get_string (object, "updated_at"));
  posture_decision_restore_details (decision, posture_json_get_string (object, "note"),
                                    posture_json_get_string (object, "author"), updated);
  posture_decision_set_owner (decision, posture_json_get_string (object, "owner"));
  due = posture_decision_store_parse_date (posture_json_get_string (object, "due"));
  posture_decision_set_due (decision, due);

  history = posture_json_get_array (object, "history");
  for (guint i = 0; history != NULL && i < json_array_get_length (history) && i < MAX_CHANGES; i++)
    {
      JsonNode *cnode = json_array_get_element (history, i);
      JsonObject *c = JSON_NODE_HOLDS_OBJECT (cnode) ? json_node_get_object (cnode) : NULL;
      g_autoptr(GDateTime) when = NULL;
      PostureDecisionStatus from, to;

      if (c == NULL ||
          !(when = parse_time (posture_json_get_string (c, "when"))) ||
          !posture_decision_status_from_string (posture_json_get_string (c, "from"), &from) ||
          !posture_decision_status_from_string (posture_json_get_string (c, "to"), &to))
        {
          g_debug ("decisions[%u].history[%u] is damaged; skipped", index, i);
          continue;
        }
      posture_decision_restore_change (decision, when, posture_json_get_string (c, "author"),
                                       from, to, posture_json_get_string (c, "note"));
    }

  return g_steal_pointer (&decision);
}

static int
compare_decisions (gconstpointer a,
                   gconstpointer b)
{
  PostureDecision *da = *(PostureDecision **) a;
  PostureDecision *db = *(PostureDecision **) b;
  int cmp = g_strcmp0 (posture_decision_get_control_id (da), posture_decision_get_control_id (db));

  if (cmp != 0)
    return cmp;
  return g_strcmp0 (posture_decision_get_resource_id (da), posture_decision_get_resource_id (db));
}

static gpointer
posture_decision_store_parse (PostureStateStore  *store,
                              JsonObject         *root,
                              gint64              version,
                              GPtrArray          *damaged,
                              GError            **error)
{
  GPtrArray *decisions = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *array = root ? posture_json_get_array (root, "decisions") : NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autoptr(GError) local_error = NULL;
      PostureDecision *decision = NULL;

      if (i < MAX_DECISIONS)
        decision = decision_from_json (node, i, &local_error);

      /* One decision per control and resource: a second one is damage. */
      if (decision != NULL)
        {
          const char *resource = posture_decision_get_resource_id (decision);
          char *key = g_strdup_printf ("%s/%s", posture_decision_get_control_id (decision),
                                       resource ? resource : "");

          if (!g_hash_table_add (seen, key))
            g_clear_object (&decision);
        }

      if (decision == NULL)
        {
          g_debug ("Decision %u is damaged: %s", i,
                   local_error ? local_error->message : "a duplicate, or beyond the bound");
          g_ptr_array_add (damaged, json_node_ref (node));
          continue;
        }
      g_ptr_array_add (decisions, decision);
    }

  g_ptr_array_sort (decisions, compare_decisions);
  return decisions;
}

static void
posture_decision_store_serialize (PostureStateStore *store,
                                  gpointer           contents,
                                  JsonObject        *root)
{
  GPtrArray *decisions = contents;
  JsonArray *out = json_array_new ();

  for (guint i = 0; i < decisions->len; i++)
    json_array_add_element (out, decision_to_json (g_ptr_array_index (decisions, i)));
  json_object_set_array_member (root, "decisions", out);
}

gboolean
posture_decision_store_load (PostureDecisionStore  *self,
                             GError               **recovered,
                             GError               **error)
{
  g_return_val_if_fail (POSTURE_IS_DECISION_STORE (self), FALSE);
  return posture_state_store_load (POSTURE_STATE_STORE (self), recovered, error);
}

void
posture_decision_store_load_async (PostureDecisionStore *self,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data)
{
  g_return_if_fail (POSTURE_IS_DECISION_STORE (self));
  posture_state_store_load_async (POSTURE_STATE_STORE (self), cancellable, callback, user_data);
}

gboolean
posture_decision_store_load_finish (PostureDecisionStore  *self,
                                    GAsyncResult          *result,
                                    GError               **recovered,
                                    GError               **error)
{
  g_return_val_if_fail (POSTURE_IS_DECISION_STORE (self), FALSE);
  return posture_state_store_load_finish (POSTURE_STATE_STORE (self), result, recovered, error);
}

/* ---- Deciding ------------------------------------------------------------------------ */

typedef struct
{
  char                  *control_id;
  char                  *resource_id;
  PostureDecisionStatus  status;
  char                  *note;
  char                  *author;
  char                  *owner;
  GDateTime             *due;
  gboolean               clear_due;
  GDateTime             *when;          /* NULL: the store's clock */
} Request;

static void
request_free (Request *request)
{
  g_free (request->control_id);
  g_free (request->resource_id);
  g_free (request->note);
  g_free (request->author);
  g_free (request->owner);
  g_clear_pointer (&request->due, g_date_time_unref);
  g_clear_pointer (&request->when, g_date_time_unref);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

static Request *
request_copy (const PostureDecisionRequest *in,
              GError                      **error)
{
  g_autoptr(Request) request = g_new0 (Request, 1);

  if (in->control_id == NULL || in->control_id[0] == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "A decision needs a control id");
      return NULL;
    }
  if ((guint) in->status > POSTURE_DECISION_THIRD_PARTY)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "Unknown decision status %d", in->status);
      return NULL;
    }
  if (in->note != NULL && (strlen (in->note) > POSTURE_DECISION_NOTE_MAX ||
                           !g_utf8_validate (in->note, -1, NULL)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "The note must be UTF-8 text of at most %d bytes", POSTURE_DECISION_NOTE_MAX);
      return NULL;
    }
  if ((in->owner != NULL && !g_utf8_validate (in->owner, -1, NULL)) ||
      (in->author != NULL && !g_utf8_validate (in->author, -1, NULL)) ||
      (in->resource_id != NULL && !g_utf8_validate (in->resource_id, -1, NULL)) ||
      !g_utf8_validate (in->control_id, -1, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "Names and ids must be UTF-8 text");
      return NULL;
    }

  request->control_id = g_strdup (in->control_id);
  request->resource_id = (in->resource_id && in->resource_id[0]) ? g_strdup (in->resource_id)
                                                                 : NULL;
  request->status = in->status;
  request->note = (in->note && in->note[0]) ? g_strdup (in->note) : NULL;
  request->author = g_strdup (in->author);
  request->owner = g_strdup (in->owner);
  request->due = in->due ? g_date_time_ref (in->due) : NULL;
  request->clear_due = in->clear_due;
  request->when = in->when ? g_date_time_to_utc (in->when) : NULL;
  return g_steal_pointer (&request);
}

/* Runs under the lock on what is on disk now (another process may have decided
 * meanwhile). The objects already handed out are never changed: the decision that
 * changes is a fresh one read from disk. */
static gboolean
decide_edit (PostureStateStore  *store,
             gpointer            contents,
             gpointer            edit_data,
             GDateTime          *now,
             GError            **error)
{
  GPtrArray *decisions = contents;
  Request *request = edit_data;
  g_autoptr(PostureDecision) decision = NULL;

  for (guint i = 0; i < decisions->len; i++)
    {
      PostureDecision *d = g_ptr_array_index (decisions, i);

      if (g_strcmp0 (posture_decision_get_control_id (d), request->control_id) == 0 &&
          g_strcmp0 (posture_decision_get_resource_id (d), request->resource_id) == 0)
        {
          decision = g_ptr_array_steal_index (decisions, i);
          break;
        }
    }

  if (decision == NULL)
    {
      decision = posture_decision_new (request->control_id, POSTURE_DECISION_TO_ADDRESS);
      posture_decision_set_resource_id (decision, request->resource_id);
    }

  posture_decision_change (decision, request->status, request->note, request->author,
                           request->when ? request->when : now);
  if (request->owner != NULL)
    posture_decision_set_owner (decision, request->owner[0] ? request->owner : NULL);
  if (request->due != NULL || request->clear_due)
    posture_decision_set_due (decision, request->due);

  g_ptr_array_add (decisions, g_steal_pointer (&decision));
  g_ptr_array_sort (decisions, compare_decisions);
  return TRUE;
}

gboolean
posture_decision_store_decide (PostureDecisionStore         *self,
                               const PostureDecisionRequest *request,
                               GError                      **recovered,
                               GError                      **error)
{
  g_autoptr(Request) copy = NULL;

  g_return_val_if_fail (POSTURE_IS_DECISION_STORE (self), FALSE);
  g_return_val_if_fail (request != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(copy = request_copy (request, error)))
    return FALSE;
  return _posture_state_store_edit (POSTURE_STATE_STORE (self), decide_edit, copy,
                                    recovered, error);
}

void
posture_decision_store_decide_async (PostureDecisionStore         *self,
                                     const PostureDecisionRequest *request,
                                     GCancellable                 *cancellable,
                                     GAsyncReadyCallback           callback,
                                     gpointer                      user_data)
{
  GError *error = NULL;
  Request *copy;

  g_return_if_fail (POSTURE_IS_DECISION_STORE (self));
  g_return_if_fail (request != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  if (!(copy = request_copy (request, &error)))
    {
      g_task_report_error (self, callback, user_data, posture_decision_store_decide_async, error);
      return;
    }

  _posture_state_store_edit_async (POSTURE_STATE_STORE (self), decide_edit, copy,
                                   (GDestroyNotify) request_free, cancellable, callback, user_data);
}

/* A damaged file found while deciding was moved aside: that is reported by the store's
 * "recovered" signal, not failed. */
gboolean
posture_decision_store_decide_finish (PostureDecisionStore  *self,
                                      GAsyncResult          *result,
                                      GError               **error)
{
  g_return_val_if_fail (POSTURE_IS_DECISION_STORE (self), FALSE);

  if (g_async_result_is_tagged (result, posture_decision_store_decide_async))
    return g_task_propagate_boolean (G_TASK (result), error);
  return _posture_state_store_edit_finish (POSTURE_STATE_STORE (self), result, NULL, error);
}

/* ---- The object ------------------------------------------------------------------- */

static void
posture_decision_store_class_init (PostureDecisionStoreClass *klass)
{
  PostureStateStoreClass *store_class = POSTURE_STATE_STORE_CLASS (klass);

  store_class->format_key = POSTURE_DECISIONS_FORMAT_KEY;
  store_class->format_version = POSTURE_DECISIONS_FORMAT_VERSION;
  store_class->parse = posture_decision_store_parse;
  store_class->serialize = posture_decision_store_serialize;
  POSTURE_STATE_LIST_CLASS (klass)->item_type = POSTURE_TYPE_DECISION;
}

static void
posture_decision_store_init (PostureDecisionStore *self)
{
}

PostureDecisionStore *
posture_decision_store_new (const char *tenant_id)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (tenant_id != NULL, NULL);

  path = posture_state_path_for_tenant (POSTURE_STATE_DATA, "decisions", tenant_id, ".json");
  return g_object_new (POSTURE_TYPE_DECISION_STORE, "tenant-id", tenant_id, "path", path, NULL);
}

const char *
posture_decision_store_get_tenant_id (PostureDecisionStore *self)
{
  g_return_val_if_fail (POSTURE_IS_DECISION_STORE (self), NULL);
  return posture_state_store_get_tenant_id (POSTURE_STATE_STORE (self));
}

char *
posture_decision_store_dup_path (PostureDecisionStore *self)
{
  g_return_val_if_fail (POSTURE_IS_DECISION_STORE (self), NULL);
  return g_strdup (posture_state_store_get_path (POSTURE_STATE_STORE (self)));
}

/* ---- Lookup ------------------------------------------------------------------------ */

PostureDecision *
posture_decision_store_lookup (PostureDecisionStore *self,
                               const char           *control_id,
                               const char           *resource_id)
{
  g_return_val_if_fail (POSTURE_IS_DECISION_STORE (self), NULL);
  g_return_val_if_fail (control_id != NULL, NULL);

  if (resource_id != NULL && resource_id[0] == '\0')
    resource_id = NULL;

  for (guint i = 0; i < get_decisions (self)->len; i++)
    {
      PostureDecision *d = g_ptr_array_index (get_decisions (self), i);

      if (g_strcmp0 (posture_decision_get_control_id (d), control_id) == 0 &&
          g_strcmp0 (posture_decision_get_resource_id (d), resource_id) == 0)
        return d;
    }
  return NULL;
}

GHashTable *
posture_decision_store_dup_table (PostureDecisionStore *self)
{
  GHashTable *table;

  g_return_val_if_fail (POSTURE_IS_DECISION_STORE (self), NULL);

  table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  for (guint i = 0; i < get_decisions (self)->len; i++)
    {
      PostureDecision *d = g_ptr_array_index (get_decisions (self), i);
      const char *resource = posture_decision_get_resource_id (d);
      char *key = resource ? g_strdup_printf ("%s/%s", posture_decision_get_control_id (d),
                                              resource)
                           : g_strdup (posture_decision_get_control_id (d));

      g_hash_table_replace (table, key, g_object_ref (d));
    }
  return table;
}
