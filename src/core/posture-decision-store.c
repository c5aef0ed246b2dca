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

#define MAX_DECISIONS 100000
#define MAX_CHANGES   10000

struct _PostureDecisionStore
{
  GObject    parent_instance;

  char      *tenant_id;
  char      *path;
  GPtrArray *decisions;   /* of PostureDecision, sorted */
};

enum {
  PROP_0,
  PROP_TENANT_ID,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static GType
posture_decision_store_get_item_type (GListModel *model)
{
  return POSTURE_TYPE_DECISION;
}

static guint
posture_decision_store_get_n_items (GListModel *model)
{
  return POSTURE_DECISION_STORE (model)->decisions->len;
}

static gpointer
posture_decision_store_get_item (GListModel *model,
                                 guint       position)
{
  PostureDecisionStore *self = POSTURE_DECISION_STORE (model);

  if (position >= self->decisions->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->decisions, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = posture_decision_store_get_item_type;
  iface->get_n_items = posture_decision_store_get_n_items;
  iface->get_item = posture_decision_store_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (PostureDecisionStore, posture_decision_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
posture_decision_store_finalize (GObject *object)
{
  PostureDecisionStore *self = (PostureDecisionStore *) object;

  g_clear_pointer (&self->tenant_id, g_free);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->decisions, g_ptr_array_unref);

  G_OBJECT_CLASS (posture_decision_store_parent_class)->finalize (object);
}

static void
posture_decision_store_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  PostureDecisionStore *self = POSTURE_DECISION_STORE (object);

  switch (prop_id)
    {
    case PROP_TENANT_ID:
      g_value_set_string (value, self->tenant_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_decision_store_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  PostureDecisionStore *self = POSTURE_DECISION_STORE (object);

  switch (prop_id)
    {
    case PROP_TENANT_ID:
      {
        g_autofree char *name = NULL;
        g_autofree char *file = NULL;

        self->tenant_id = g_value_dup_string (value);
        if (self->tenant_id == NULL)
          self->tenant_id = g_strdup ("demo");
        name = posture_state_file_name_for (self->tenant_id);
        file = g_strconcat (name, ".json", NULL);
        self->path = posture_state_path (POSTURE_STATE_DATA, "decisions", file, NULL);
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_decision_store_class_init (PostureDecisionStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = posture_decision_store_finalize;
  object_class->get_property = posture_decision_store_get_property;
  object_class->set_property = posture_decision_store_set_property;

  properties[PROP_TENANT_ID] =
    g_param_spec_string ("tenant-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
posture_decision_store_init (PostureDecisionStore *self)
{
  self->decisions = g_ptr_array_new_with_free_func (g_object_unref);
}

PostureDecisionStore *
posture_decision_store_new (const char *tenant_id)
{
  g_return_val_if_fail (tenant_id != NULL, NULL);

  return g_object_new (POSTURE_TYPE_DECISION_STORE, "tenant-id", tenant_id, NULL);
}

const char *
posture_decision_store_get_tenant_id (PostureDecisionStore *self)
{
  g_return_val_if_fail (POSTURE_IS_DECISION_STORE (self), NULL);
  return self->tenant_id;
}

char *
posture_decision_store_dup_path (PostureDecisionStore *self)
{
  g_return_val_if_fail (POSTURE_IS_DECISION_STORE (self), NULL);
  return g_strdup (self->path);
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

static void
set_string_or_null (JsonObject *object,
                    const char *member,
                    const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, member, value);
  else
    json_object_set_null_member (object, member);
}

static JsonObject *
decision_to_json (PostureDecision *decision)
{
  JsonObject *object = json_object_new ();
  JsonArray *history = json_array_new ();
  GPtrArray *changes = posture_decision_get_history (decision);
  GDateTime *updated = posture_decision_get_updated_at (decision);
  GDateTime *due = posture_decision_get_due (decision);

  json_object_set_string_member (object, "control", posture_decision_get_control_id (decision));
  set_string_or_null (object, "resource", posture_decision_get_resource_id (decision));
  json_object_set_string_member (object, "status",
                                 posture_decision_status_to_string (posture_decision_get_status (decision)));
  set_string_or_null (object, "note", posture_decision_get_note (decision));
  set_string_or_null (object, "author", posture_decision_get_author (decision));
  if (updated != NULL)
    {
      g_autofree char *text = format_time (updated);
      json_object_set_string_member (object, "updated_at", text);
    }
  else
    json_object_set_null_member (object, "updated_at");
  set_string_or_null (object, "owner", posture_decision_get_owner (decision));
  if (due != NULL)
    {
      g_autofree char *text = g_date_time_format (due, "%Y-%m-%d");
      json_object_set_string_member (object, "due", text);
    }
  else
    json_object_set_null_member (object, "due");

  for (guint i = 0; i < changes->len; i++)
    {
      const PostureDecisionChange *change = g_ptr_array_index (changes, i);
      JsonObject *c = json_object_new ();
      g_autofree char *when = format_time (change->when);

      json_object_set_string_member (c, "when", when);
      set_string_or_null (c, "author", change->author);
      json_object_set_string_member (c, "from", posture_decision_status_to_string (change->from));
      json_object_set_string_member (c, "to", posture_decision_status_to_string (change->to));
      set_string_or_null (c, "note", change->note);
      json_array_add_object_element (history, c);
    }
  json_object_set_array_member (object, "history", history);

  return object;
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

static GPtrArray *
decisions_from_root (JsonObject *root,
                     guint      *n_skipped)
{
  GPtrArray *decisions = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *array = posture_json_get_array (root, "decisions");
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  *n_skipped = 0;
  for (guint i = 0; array != NULL && i < json_array_get_length (array) && i < MAX_DECISIONS; i++)
    {
      g_autoptr(GError) error = NULL;
      PostureDecision *decision = decision_from_json (json_array_get_element (array, i), i, &error);
      char *key;

      if (decision == NULL)
        {
          g_debug ("%s", error->message);
          (*n_skipped)++;
          continue;
        }

      /* One decision per control and resource: a duplicate keeps the first. */
      key = g_strdup_printf ("%s/%s", posture_decision_get_control_id (decision),
                             posture_decision_get_resource_id (decision) ?: "");
      if (!g_hash_table_add (seen, key))
        {
          g_object_unref (decision);
          (*n_skipped)++;
          continue;
        }
      g_ptr_array_add (decisions, decision);
    }

  g_ptr_array_sort (decisions, compare_decisions);
  return decisions;
}

static void
replace_decisions (PostureDecisionStore *self,
                   GPtrArray            *decisions)
{
  guint old_len = self->decisions->len;

  g_clear_pointer (&self->decisions, g_ptr_array_unref);
  self->decisions = g_ptr_array_ref (decisions);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, decisions->len);
}

static GPtrArray *
load_decisions (const char  *path,
                GError     **recovered,
                GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) root = NULL;
  guint n_skipped = 0;
  GPtrArray *decisions;

  root = posture_state_file_load (path, POSTURE_DECISIONS_FORMAT_KEY,
                                  POSTURE_DECISIONS_FORMAT_VERSION, NULL, &local_error);
  if (root == NULL)
    {
      if (g_error_matches (local_error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_IO))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (!g_error_matches (local_error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_NOT_FOUND) &&
          recovered != NULL)
        g_propagate_error (recovered, g_steal_pointer (&local_error));
      return g_ptr_array_new_with_free_func (g_object_unref);
    }

  decisions = decisions_from_root (json_node_get_object (root), &n_skipped);
  if (n_skipped > 0 && recovered != NULL && *recovered == NULL)
    g_set_error (recovered, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_CORRUPT,
                 "%u damaged decision(s) in %s were skipped", n_skipped, path);
  return decisions;
}

gboolean
posture_decision_store_load (PostureDecisionStore  *self,
                             GError               **recovered,
                             GError               **error)
{
  g_autoptr(GPtrArray) decisions = NULL;

  g_return_val_if_fail (POSTURE_IS_DECISION_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(decisions = load_decisions (self->path, recovered, error)))
    return FALSE;

  replace_decisions (self, decisions);
  return TRUE;
}

/* ---- Deciding ------------------------------------------------------------------------ */

typedef struct
{
  char                  *tenant_id;
  char                  *control_id;
  char                  *resource_id;
  PostureDecisionStatus  status;
  char                  *note;
  char                  *author;
  char                  *owner;
  GDateTime             *due;
  gboolean               clear_due;
  GDateTime             *when;
} Request;

static void
request_free (Request *request)
{
  g_free (request->tenant_id);
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
request_copy (const char                   *tenant_id,
              const PostureDecisionRequest *in,
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
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "Unknown decision status %d", in->status);
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

  request->tenant_id = g_strdup (tenant_id);
  request->control_id = g_strdup (in->control_id);
  request->resource_id = (in->resource_id && in->resource_id[0]) ? g_strdup (in->resource_id) : NULL;
  request->status = in->status;
  request->note = (in->note && in->note[0]) ? g_strdup (in->note) : NULL;
  request->author = g_strdup (in->author);
  request->owner = g_strdup (in->owner);
  request->due = in->due ? g_date_time_ref (in->due) : NULL;
  request->clear_due = in->clear_due;
  request->when = in->when ? g_date_time_to_utc (in->when) : g_date_time_new_now_utc ();
  return g_steal_pointer (&request);
}

typedef struct
{
  Request   *request;
  GPtrArray *decisions;   /* out */
} DecideData;

static gboolean
decide_update_cb (JsonObject  *root,
                  gpointer     user_data,
                  GError     **error)
{
  DecideData *data = user_data;
  Request *request = data->request;
  g_autoptr(PostureDecision) decision = NULL;
  JsonObject *tenant;
  JsonArray *out;
  guint n_skipped = 0;
  gboolean replaced = FALSE;

  /* Read what is on disk now (another process may have decided meanwhile). */
  data->decisions = decisions_from_root (root, &n_skipped);

  for (guint i = 0; i < data->decisions->len; i++)
    {
      PostureDecision *d = g_ptr_array_index (data->decisions, i);

      if (g_strcmp0 (posture_decision_get_control_id (d), request->control_id) == 0 &&
          g_strcmp0 (posture_decision_get_resource_id (d), request->resource_id) == 0)
        {
          /* A copy, so that the objects already handed out never change. */
          g_autoptr(JsonObject) json = decision_to_json (d);
          g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), json);

          decision = decision_from_json (node, i, error);
          if (decision == NULL)
            return FALSE;
          g_ptr_array_remove_index (data->decisions, i);
          replaced = TRUE;
          break;
        }
    }

  if (!replaced)
    {
      decision = posture_decision_new (request->control_id, POSTURE_DECISION_TO_ADDRESS);
      posture_decision_set_resource_id (decision, request->resource_id);
    }

  posture_decision_change (decision, request->status, request->note, request->author, request->when);
  if (request->owner != NULL)
    posture_decision_set_owner (decision, request->owner[0] ? request->owner : NULL);
  if (request->due != NULL || request->clear_due)
    posture_decision_set_due (decision, request->due);

  g_ptr_array_add (data->decisions, g_steal_pointer (&decision));
  g_ptr_array_sort (data->decisions, compare_decisions);

  out = json_array_new ();
  for (guint i = 0; i < data->decisions->len; i++)
    json_array_add_object_element (out, decision_to_json (g_ptr_array_index (data->decisions, i)));
  json_object_set_array_member (root, "decisions", out);

  if (!(tenant = posture_json_get_object (root, "tenant")))
    {
      tenant = json_object_new ();
      json_object_set_object_member (root, "tenant", tenant);
    }
  json_object_set_string_member (tenant, "id", request->tenant_id);

  return TRUE;
}

static GPtrArray *
decide (const char  *path,
        Request     *request,
        GError     **recovered,
        GError     **error)
{
  DecideData data = { request, NULL };

  if (!posture_state_file_update (path, POSTURE_DECISIONS_FORMAT_KEY,
                                  POSTURE_DECISIONS_FORMAT_VERSION, decide_update_cb, &data,
                                  recovered, error))
    {
      g_clear_pointer (&data.decisions, g_ptr_array_unref);
      return NULL;
    }
  return data.decisions;
}

gboolean
posture_decision_store_decide (PostureDecisionStore         *self,
                               const PostureDecisionRequest *request,
                               GError                      **recovered,
                               GError                      **error)
{
  g_autoptr(Request) copy = NULL;
  g_autoptr(GPtrArray) decisions = NULL;

  g_return_val_if_fail (POSTURE_IS_DECISION_STORE (self), FALSE);
  g_return_val_if_fail (request != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(copy = request_copy (self->tenant_id, request, error)))
    return FALSE;
  if (!(decisions = decide (self->path, copy, recovered, error)))
    return FALSE;

  replace_decisions (self, decisions);
  return TRUE;
}

/* ---- Async ------------------------------------------------------------------------- */

typedef struct
{
  char      *path;
  Request   *request;
  GPtrArray *decisions;
  GError    *recovered;
} TaskData;

static void
task_data_free (gpointer data)
{
  TaskData *td = data;

  g_free (td->path);
  g_clear_pointer (&td->request, request_free);
  g_clear_pointer (&td->decisions, g_ptr_array_unref);
  g_clear_error (&td->recovered);
  g_free (td);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  TaskData *td = task_data;
  GError *error = NULL;

  if (!(td->decisions = load_decisions (td->path, &td->recovered, &error)))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
posture_decision_store_load_async (PostureDecisionStore *self,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  TaskData *td;

  g_return_if_fail (POSTURE_IS_DECISION_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, posture_decision_store_load_async);
  g_task_set_return_on_cancel (task, TRUE);
  td = g_new0 (TaskData, 1);
  td->path = g_strdup (self->path);
  g_task_set_task_data (task, td, task_data_free);
  g_task_run_in_thread (task, load_thread);
}

gboolean
posture_decision_store_load_finish (PostureDecisionStore  *self,
                                    GAsyncResult          *result,
                                    GError               **recovered,
                                    GError               **error)
{
  TaskData *td;

  g_return_val_if_fail (POSTURE_IS_DECISION_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == posture_decision_store_load_async, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  td = g_task_get_task_data (G_TASK (result));
  replace_decisions (self, td->decisions);
  if (td->recovered != NULL && recovered != NULL)
    g_propagate_error (recovered, g_steal_pointer (&td->recovered));
  return TRUE;
}

static void
decide_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  TaskData *td = task_data;
  GError *error = NULL;

  if (!(td->decisions = decide (td->path, td->request, &td->recovered, &error)))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
posture_decision_store_decide_async (PostureDecisionStore         *self,
                                     const PostureDecisionRequest *request,
                                     GCancellable                 *cancellable,
                                     GAsyncReadyCallback           callback,
                                     gpointer                      user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  TaskData *td;

  g_return_if_fail (POSTURE_IS_DECISION_STORE (self));
  g_return_if_fail (request != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, posture_decision_store_decide_async);
  td = g_new0 (TaskData, 1);
  td->path = g_strdup (self->path);
  g_task_set_task_data (task, td, task_data_free);

  if (!(td->request = request_copy (self->tenant_id, request, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  g_task_run_in_thread (task, decide_thread);
}

/* A damaged file found while deciding was moved aside and replaced; that is logged, not
 * failed: the decision is stored. */
gboolean
posture_decision_store_decide_finish (PostureDecisionStore  *self,
                                      GAsyncResult          *result,
                                      GError               **error)
{
  TaskData *td;

  g_return_val_if_fail (POSTURE_IS_DECISION_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == posture_decision_store_decide_async, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  td = g_task_get_task_data (G_TASK (result));
  if (td->recovered != NULL)
    g_message ("%s", td->recovered->message);
  replace_decisions (self, td->decisions);
  return TRUE;
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

  for (guint i = 0; i < self->decisions->len; i++)
    {
      PostureDecision *d = g_ptr_array_index (self->decisions, i);

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
  for (guint i = 0; i < self->decisions->len; i++)
    {
      PostureDecision *d = g_ptr_array_index (self->decisions, i);
      const char *resource = posture_decision_get_resource_id (d);
      char *key = resource ? g_strdup_printf ("%s/%s", posture_decision_get_control_id (d), resource)
                           : g_strdup (posture_decision_get_control_id (d));

      g_hash_table_replace (table, key, g_object_ref (d));
    }
  return table;
}
