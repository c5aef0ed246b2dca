/* posture-training-library.c
 *
 * The training library is a GListModel of PostureTrainingModule: the built-in
 * modules compiled into the data GResource, then an organization's own folder.
 * Learner progress and champions' reviews are kept on disk by the state library
 * (src/state/posture-training-state.c), which applies them to the modules. An approval
 * records the module's content version (the SHA-256 of its file); it goes stale when
 * the file changes or when the review interval has passed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-training"

#include "config.h"

#include <string.h>

#include "posture-data-resources.h"
#include "posture-error.h"
#include "posture-json.h"
#include "posture-training-library.h"
#include "posture-training-module-private.h"

#define RESOURCE_BASE     "/io/github/posture/Posture/data"
#define TRAINING_RESOURCE RESOURCE_BASE "/training"
#define MAX_ORG_MODULES   1000

struct _PostureTrainingLibrary
{
  GObject     parent_instance;

  GPtrArray  *modules;          /* PostureTrainingModule, sorted by origin then title */
  GHashTable *by_id;            /* id → module (borrowed from modules) */
  GHashTable *review_history;   /* id → GPtrArray of PostureTrainingReview, as applied */
  GPtrArray  *problems;         /* GError, from the organization folder */
  char       *directory;
  GDateTime  *now;              /* NULL: real time */
  guint       review_interval_days;
};

enum {
  PROP_0,
  PROP_REVIEW_INTERVAL_DAYS,
  PROP_DIRECTORY,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PostureTrainingLibrary, posture_training_library, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

PostureTrainingReview *
posture_training_review_copy (const PostureTrainingReview *review)
{
  PostureTrainingReview *copy = g_new0 (PostureTrainingReview, 1);

  copy->state = review->state;
  copy->reviewer = g_strdup (review->reviewer);
  copy->at = review->at ? g_date_time_ref (review->at) : NULL;
  copy->notes = g_strdup (review->notes);
  copy->content_version = g_strdup (review->content_version);
  return copy;
}

void
posture_training_review_free (PostureTrainingReview *review)
{
  if (review == NULL)
    return;
  g_free (review->reviewer);
  g_clear_pointer (&review->at, g_date_time_unref);
  g_free (review->notes);
  g_free (review->content_version);
  g_free (review);
}

G_DEFINE_BOXED_TYPE (PostureTrainingReview, posture_training_review,
                     posture_training_review_copy, posture_training_review_free)

/* GListModel ---------------------------------------------------------------------- */

static GType
list_model_get_item_type (GListModel *model)
{
  return POSTURE_TYPE_TRAINING_MODULE;
}

static guint
list_model_get_n_items (GListModel *model)
{
  return POSTURE_TRAINING_LIBRARY (model)->modules->len;
}

static gpointer
list_model_get_item (GListModel *model,
                     guint       position)
{
  PostureTrainingLibrary *self = POSTURE_TRAINING_LIBRARY (model);

  if (position >= self->modules->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->modules, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_model_get_item_type;
  iface->get_n_items = list_model_get_n_items;
  iface->get_item = list_model_get_item;
}

/* Helpers ------------------------------------------------------------------------- */

static GDateTime *
dup_now (PostureTrainingLibrary *self)
{
  return self->now ? g_date_time_ref (self->now) : g_date_time_new_now_utc ();
}

static int
compare_modules (gconstpointer a,
                 gconstpointer b)
{
  PostureTrainingModule *ma = *(PostureTrainingModule **) a;
  PostureTrainingModule *mb = *(PostureTrainingModule **) b;
  int origin =
      (int) posture_training_module_get_origin (ma) - (int) posture_training_module_get_origin (mb);
  int by_title;

  if (origin != 0)
    return origin;
  by_title = g_utf8_collate (posture_training_module_get_title (ma),
                             posture_training_module_get_title (mb));
  if (by_title != 0)
    return by_title;
  return strcmp (posture_training_module_get_id (ma), posture_training_module_get_id (mb));
}

static void
replace_modules (PostureTrainingLibrary *self,
                 GPtrArray              *added)
{
  guint old_len = self->modules->len;

  for (guint i = 0; i < added->len; i++)
    {
      PostureTrainingModule *module = g_ptr_array_index (added, i);

      g_ptr_array_add (self->modules, g_object_ref (module));
      g_hash_table_insert (self->by_id, (gpointer) posture_training_module_get_id (module), module);
    }
  g_ptr_array_sort (self->modules, compare_modules);

  if (old_len != self->modules->len || added->len > 0)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, self->modules->len);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_ITEMS]);
    }
}

GHashTable *
posture_training_library_dup_known_controls (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) known = NULL;
  JsonArray *controls;

  bytes =
      g_resource_lookup_data (posture_data_get_resource (), RESOURCE_BASE "/controls/controls.json",
                              G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (bytes == NULL)
    return NULL;
  if (!(root = posture_json_parse_bytes (bytes, POSTURE_JSON_DEFAULT_MAX_DEPTH, NULL)) ||
      !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  if (!(controls = posture_json_get_array (json_node_get_object (root), "controls")))
    return NULL;

  known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < json_array_get_length (controls); i++)
    {
      JsonNode *node = json_array_get_element (controls, i);
      const char *id;

      if (JSON_NODE_HOLDS_OBJECT (node) &&
          (id = posture_json_get_string (json_node_get_object (node), "id")) != NULL)
        g_hash_table_add (known, g_strdup (id));
    }

  /* An empty catalog (an early build) validates nothing rather than everything away. */
  if (g_hash_table_size (known) == 0)
    return NULL;

  return g_steal_pointer (&known);
}

/* Loading ------------------------------------------------------------------------- */

gboolean
posture_training_library_load_builtin (PostureTrainingLibrary  *self,
                                       GError                 **error)
{
  g_autoptr(GHashTable) known = NULL;
  g_autoptr(GPtrArray) added = NULL;
  g_auto(GStrv) children = NULL;

  g_return_val_if_fail (POSTURE_IS_TRAINING_LIBRARY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  children = g_resource_enumerate_children (posture_data_get_resource (), TRAINING_RESOURCE,
                                            G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (children == NULL)
    {
      g_prefix_error (error, "The built-in training library is missing from this build: ");
      return FALSE;
    }

  known = posture_training_library_dup_known_controls ();
  added = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; children[i] != NULL; i++)
    {
      g_autofree char *path = NULL;
      g_autofree char *id = NULL;
      g_autoptr(GBytes) bytes = NULL;
      PostureTrainingModule *module;

      if (!g_str_has_suffix (children[i], ".md"))
        continue;

      id = g_strndup (children[i], strlen (children[i]) - 3);
      if (g_hash_table_contains (self->by_id, id))
        continue;

      path = g_strconcat (TRAINING_RESOURCE "/", children[i], NULL);
      if (!(bytes = g_resource_lookup_data (posture_data_get_resource (), path,
                                            G_RESOURCE_LOOKUP_FLAGS_NONE, error)))
        return FALSE;

      if (!(module =
                posture_training_module_new_from_bytes (id, bytes, POSTURE_TRAINING_ORIGIN_BUILTIN,
                                                        path, known, error)))
        return FALSE;
      g_ptr_array_add (added, module);
    }

  replace_modules (self, added);
  return TRUE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

gboolean
posture_training_library_load_directory (PostureTrainingLibrary  *self,
                                         const char              *directory,
                                         GError                 **error)
{
  g_autoptr(GHashTable) known = NULL;
  g_autoptr(GPtrArray) added = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;

  g_return_val_if_fail (POSTURE_IS_TRAINING_LIBRARY (self), FALSE);
  g_return_val_if_fail (directory != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(dir = g_dir_open (directory, 0, &local_error)))
    {
      g_set_error (error, POSTURE_TRAINING_ERROR, POSTURE_TRAINING_ERROR_NOT_FOUND,
                   "Cannot open the organization training folder %s: %s. Check the path in "
                   "Preferences or --training-dir", directory, local_error->message);
      return FALSE;
    }

  g_free (self->directory);
  self->directory = g_strdup (directory);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DIRECTORY]);

  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".md") && !g_str_equal (name, "README.md") && name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  known = posture_training_library_dup_known_controls ();
  added = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (directory, g_ptr_array_index (names, i), NULL);
      g_autoptr(PostureTrainingModule) module = NULL;
      g_autoptr(GError) module_error = NULL;
      const char *id;

      if (i >= MAX_ORG_MODULES)
        {
          g_ptr_array_add (self->problems,
                           g_error_new (POSTURE_TRAINING_ERROR, POSTURE_TRAINING_ERROR_INVALID,
                                        "%s: more than %u modules; the rest were not loaded",
                                        directory, MAX_ORG_MODULES));
          break;
        }

      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;

      module = posture_training_module_new_from_file (path, POSTURE_TRAINING_ORIGIN_ORGANIZATION,
                                                      known, &module_error);
      if (module == NULL)
        {
          g_ptr_array_add (self->problems, g_steal_pointer (&module_error));
          continue;
        }

      id = posture_training_module_get_id (module);
      if (g_hash_table_contains (self->by_id, id))
        {
          PostureTrainingModule *existing = g_hash_table_lookup (self->by_id, id);

          g_ptr_array_add (self->problems,
                           g_error_new (POSTURE_TRAINING_ERROR, POSTURE_TRAINING_ERROR_INVALID,
                                        "%s: field \"id\": \"%s\" is already used by %s module %s; "
                                        "rename the file",
                                        path, id,
                                        posture_training_module_get_origin (existing) ==
                                                POSTURE_TRAINING_ORIGIN_BUILTIN ?
                                            "the built-in" :
                                            "the organization",
                                        posture_training_module_get_source (existing)));
          continue;
        }

      g_hash_table_insert (self->by_id, (gpointer) id, module);
      g_ptr_array_add (added, g_steal_pointer (&module));
    }

  /* by_id is filled again by replace_modules(). */
  for (guint i = 0; i < added->len; i++)
    g_hash_table_remove (self->by_id,
                         posture_training_module_get_id (g_ptr_array_index (added, i)));
  replace_modules (self, added);

  return TRUE;
}

/* Removes the organization's modules and the problems found in its folder (before
 * loading another folder, or when the setting is cleared). Progress and reviews on
 * disk are kept. */
void
posture_training_library_clear_directory (PostureTrainingLibrary *self)
{
  guint old_len;

  g_return_if_fail (POSTURE_IS_TRAINING_LIBRARY (self));

  old_len = self->modules->len;
  for (guint i = self->modules->len; i > 0; i--)
    {
      PostureTrainingModule *module = g_ptr_array_index (self->modules, i - 1);

      if (posture_training_module_get_origin (module) != POSTURE_TRAINING_ORIGIN_ORGANIZATION)
        continue;
      g_hash_table_remove (self->by_id, posture_training_module_get_id (module));
      g_ptr_array_remove_index (self->modules, i - 1);
    }
  g_ptr_array_set_size (self->problems, 0);

  if (self->directory != NULL)
    {
      g_clear_pointer (&self->directory, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DIRECTORY]);
    }
  if (old_len != self->modules->len)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, self->modules->len);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_ITEMS]);
    }
}

GPtrArray *
posture_training_library_get_problems (PostureTrainingLibrary *self)
{
  g_return_val_if_fail (POSTURE_IS_TRAINING_LIBRARY (self), NULL);
  return self->problems;
}

const char *
posture_training_library_get_directory (PostureTrainingLibrary *self)
{
  g_return_val_if_fail (POSTURE_IS_TRAINING_LIBRARY (self), NULL);
  return self->directory;
}

/* State --------------------------------------------------------------------------- */

/* Progress and reviews are kept on disk by src/state (posture-training-state.c), which
 * applies what it reads through these two. */

static char *
format_time (GDateTime *time)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (time);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/**
 * posture_training_library_apply_progress:
 * @id: a module id (an unknown one is ignored: the module may have been removed)
 * @quiz_correct: -1 when no quiz was answered
 * @quiz_total: -1 when no quiz was answered
 *
 * Sets a module's progress as the state on disk says.
 */
void
posture_training_library_apply_progress (PostureTrainingLibrary  *self,
                                         const char              *id,
                                         PostureTrainingProgress  progress,
                                         int                      quiz_correct,
                                         int                      quiz_total)
{
  PostureTrainingModule *module;

  g_return_if_fail (POSTURE_IS_TRAINING_LIBRARY (self));
  g_return_if_fail (id != NULL);

  if ((module = g_hash_table_lookup (self->by_id, id)))
    _posture_training_module_set_progress (module, progress, quiz_correct, quiz_total);
}

/**
 * posture_training_library_apply_review:
 * @id: a module id (an unknown one is ignored)
 * @reviewer: (nullable):
 * @at: (nullable):
 * @notes: (nullable):
 * @content_version: (nullable): the content the review approved
 *
 * Sets a module's current review as the state on disk says, and whether it is stale
 * (by the library's clock and review interval).
 */
void
posture_training_library_apply_review (PostureTrainingLibrary     *self,
                                       const char                 *id,
                                       PostureTrainingReviewState  state,
                                       const char                 *reviewer,
                                       GDateTime                  *at,
                                       const char                 *notes,
                                       const char                 *content_version)
{
  g_autoptr(GDateTime) now = NULL;
  PostureTrainingModule *module;

  g_return_if_fail (POSTURE_IS_TRAINING_LIBRARY (self));
  g_return_if_fail (id != NULL);

  if (!(module = g_hash_table_lookup (self->by_id, id)))
    return;

  now = dup_now (self);
  _posture_training_module_set_review (module, state, reviewer, at, notes, content_version);
  _posture_training_module_update_stale (module, self->review_interval_days, now);
}

/**
 * posture_training_library_apply_review_history:
 * @history: (element-type PostureTrainingReview) (transfer none): oldest first
 *
 * Keeps a module's review history as the state on disk says (for
 * posture_training_library_dup_review_history() and the review report).
 */
void
posture_training_library_apply_review_history (PostureTrainingLibrary *self,
                                               const char             *id,
                                               GPtrArray              *history)
{
  GPtrArray *copy;

  g_return_if_fail (POSTURE_IS_TRAINING_LIBRARY (self));
  g_return_if_fail (id != NULL);
  g_return_if_fail (history != NULL);

  copy = g_ptr_array_new_full (history->len, (GDestroyNotify) posture_training_review_free);
  for (guint i = 0; i < history->len; i++)
    g_ptr_array_add (copy, posture_training_review_copy (g_ptr_array_index (history, i)));
  g_hash_table_replace (self->review_history, g_strdup (id), copy);
}

/**
 * posture_training_library_dup_review_history:
 *
 * Returns: (transfer full) (element-type PostureTrainingReview): the module's reviews,
 *   oldest first, as last applied from the state on disk
 */
GPtrArray *
posture_training_library_dup_review_history (PostureTrainingLibrary *self,
                                             const char             *id)
{
  GPtrArray *history;
  GPtrArray *copy;

  g_return_val_if_fail (POSTURE_IS_TRAINING_LIBRARY (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  history = g_hash_table_lookup (self->review_history, id);
  copy = g_ptr_array_new_with_free_func ((GDestroyNotify) posture_training_review_free);
  for (guint i = 0; history != NULL && i < history->len; i++)
    g_ptr_array_add (copy, posture_training_review_copy (g_ptr_array_index (history, i)));
  return copy;
}

/**
 * posture_training_library_dup_now:
 *
 * Returns: (transfer full): the library's clock (posture_training_library_set_now()),
 *   else the real time
 */
GDateTime *
posture_training_library_dup_now (PostureTrainingLibrary *self)
{
  g_return_val_if_fail (POSTURE_IS_TRAINING_LIBRARY (self), NULL);
  return dup_now (self);
}

/* Queries ------------------------------------------------------------------------- */

PostureTrainingModule *
posture_training_library_lookup (PostureTrainingLibrary *self,
                                 const char             *id)
{
  g_return_val_if_fail (POSTURE_IS_TRAINING_LIBRARY (self), NULL);

  if (id == NULL)
    return NULL;
  return g_hash_table_lookup (self->by_id, id);
}

GListModel *
posture_training_library_search (PostureTrainingLibrary *self,
                                 const char             *query,
                                 const char             *audience,
                                 const char             *phase,
                                 const char             *principle,
                                 const char             *control_id)
{
  GListStore *store;

  g_return_val_if_fail (POSTURE_IS_TRAINING_LIBRARY (self), NULL);

  store = g_list_store_new (POSTURE_TYPE_TRAINING_MODULE);
  for (guint i = 0; i < self->modules->len; i++)
    {
      PostureTrainingModule *module = g_ptr_array_index (self->modules, i);

      if (posture_training_module_matches (module, query, audience, phase, principle, control_id))
        g_list_store_append (store, module);
    }

  return G_LIST_MODEL (store);
}

void
posture_training_library_set_review_interval_days (PostureTrainingLibrary *self,
                                                   guint                   days)
{
  g_return_if_fail (POSTURE_IS_TRAINING_LIBRARY (self));
  g_return_if_fail (days >= 1 && days <= 3650);

  if (self->review_interval_days == days)
    return;
  self->review_interval_days = days;
  posture_training_library_refresh_staleness (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_REVIEW_INTERVAL_DAYS]);
}

void
posture_training_library_set_now (PostureTrainingLibrary *self,
                                  GDateTime              *now)
{
  g_return_if_fail (POSTURE_IS_TRAINING_LIBRARY (self));

  g_clear_pointer (&self->now, g_date_time_unref);
  if (now != NULL)
    self->now = g_date_time_ref (now);
  posture_training_library_refresh_staleness (self);
}

void
posture_training_library_refresh_staleness (PostureTrainingLibrary *self)
{
  g_autoptr(GDateTime) now = NULL;

  g_return_if_fail (POSTURE_IS_TRAINING_LIBRARY (self));

  now = dup_now (self);
  for (guint i = 0; i < self->modules->len; i++)
    _posture_training_module_update_stale (g_ptr_array_index (self->modules, i),
                                           self->review_interval_days, now);
}

/* Review report ------------------------------------------------------------------- */

/* RFC 4180: every field quoted, quotes doubled, CRLF line ends. A field that a
 * spreadsheet would read as a formula (= + - @, tab, carriage return) gets a leading
 * apostrophe so that opening the report never runs anything. */
static void
append_csv_field (GString    *out,
                  const char *value,
                  gboolean    last)
{
  const char *text = value ? value : "";

  g_string_append_c (out, '"');
  if (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' ||
      text[0] == '\t' || text[0] == '\r' || text[0] == '\n')
    g_string_append_c (out, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append (out, "\"\"");
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
  g_string_append (out, last ? "\r\n" : ",");
}

/* Markdown table cell: one line, Markdown and HTML punctuation escaped. */
static void
append_md_text (GString    *out,
                const char *value)
{
  const char *text = value ? value : "";

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\n' || *p == '\r' || *p == '\t')
        g_string_append_c (out, ' ');
      else if (strchr ("\\`*_[]<>|~&!", *p) != NULL)
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
        }
      else
        g_string_append_c (out, *p);
    }
}

static char *
date_or_empty (GDateTime *time)
{
  if (time == NULL)
    return g_strdup ("");
  return format_time (time);
}

char *
posture_training_library_review_report (PostureTrainingLibrary      *self,
                                        PostureTrainingReportFormat  format)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *generated = NULL;
  guint n_needing = 0;

  g_return_val_if_fail (POSTURE_IS_TRAINING_LIBRARY (self), NULL);

  posture_training_library_refresh_staleness (self);
  now = dup_now (self);
  generated = format_time (now);

  if (format == POSTURE_TRAINING_REPORT_CSV)
    {
      static const char *const header [] = {
        "module", "title",    "origin",      "source",     "review_state",    "needs_review",
        "reason", "reviewer", "reviewed_at", "review_due", "content_version", "reviewed_version",
        "notes",  NULL
      };

      for (guint i = 0; header[i] != NULL; i++)
        append_csv_field (out, header[i], header[i + 1] == NULL);
    }
  else
    {
      g_string_append (out, "# Training review report\n\n");
      g_string_append_printf (out, "Generated %s. Review interval: %u days.\n\n",
                              generated, self->review_interval_days);
      g_string_append (out, "| Module | Title | Origin | State | Needs review | Reviewer | "
                            "Reviewed | Due | Version | Notes |\n");
      g_string_append (out, "|---|---|---|---|---|---|---|---|---|---|\n");
    }

  for (guint i = 0; i < self->modules->len; i++)
    {
      PostureTrainingModule *module = g_ptr_array_index (self->modules, i);
      g_autoptr (GDateTime) due_time =
          posture_training_module_dup_review_due (module, self->review_interval_days);
      g_autofree char *reviewed = date_or_empty (posture_training_module_get_reviewed_at (module));
      g_autofree char *due = date_or_empty (due_time);
      g_autofree char *short_version =
          g_strndup (posture_training_module_get_content_version (module), 12);
      const char *state = posture_training_review_state_to_string (
          posture_training_module_get_review_state (module));
      const char *reason = posture_training_stale_reason_to_string (
          posture_training_module_get_stale_reason (module));
      gboolean needs = posture_training_module_get_needs_review (module);

      n_needing += needs ? 1 : 0;

      if (format == POSTURE_TRAINING_REPORT_CSV)
        {
          append_csv_field (out, posture_training_module_get_id (module), FALSE);
          append_csv_field (out, posture_training_module_get_title (module), FALSE);
          append_csv_field (out,
                            posture_training_origin_to_string (
                                posture_training_module_get_origin (module)),
                            FALSE);
          append_csv_field (out, posture_training_module_get_source (module), FALSE);
          append_csv_field (out, state, FALSE);
          append_csv_field (out, needs ? "yes" : "no", FALSE);
          append_csv_field (out, reason, FALSE);
          append_csv_field (out, posture_training_module_get_reviewer (module), FALSE);
          append_csv_field (out, reviewed, FALSE);
          append_csv_field (out, due, FALSE);
          append_csv_field (out, posture_training_module_get_content_version (module), FALSE);
          append_csv_field (out, posture_training_module_get_reviewed_version (module), FALSE);
          append_csv_field (out, posture_training_module_get_review_notes (module), TRUE);
        }
      else
        {
          const char *cells[] = {
            posture_training_module_get_id (module),
            posture_training_module_get_title (module),
            posture_training_origin_to_string (posture_training_module_get_origin (module)),
            state,
            needs ? reason : "no",
            posture_training_module_get_reviewer (module),
            reviewed,
            due,
            short_version,
            posture_training_module_get_review_notes (module),
          };

          g_string_append (out, "|");
          for (guint c = 0; c < G_N_ELEMENTS (cells); c++)
            {
              g_string_append_c (out, ' ');
              append_md_text (out, cells[c]);
              g_string_append (out, " |");
            }
          g_string_append_c (out, '\n');
        }
    }

  if (format == POSTURE_TRAINING_REPORT_MARKDOWN)
    {
      g_string_append_printf (out, "\n%u of %u modules need review.\n", n_needing,
                              self->modules->len);

      for (guint i = 0; i < self->modules->len; i++)
        {
          PostureTrainingModule *module = g_ptr_array_index (self->modules, i);
          g_autoptr (GPtrArray) history =
              posture_training_library_dup_review_history (self,
                                                           posture_training_module_get_id (module));

          if (history->len == 0)
            continue;

          g_string_append (out, "\n## History of ");
          append_md_text (out, posture_training_module_get_id (module));
          g_string_append (out, "\n\n");
          for (guint h = 0; h < history->len; h++)
            {
              PostureTrainingReview *review = g_ptr_array_index (history, h);
              g_autofree char *at = date_or_empty (review->at);
              g_autofree char *version =
                  g_strndup (review->content_version ? review->content_version : "", 12);

              g_string_append (out, "- ");
              append_md_text (out, at);
              g_string_append (out, ": ");
              append_md_text (out, posture_training_review_state_to_string (review->state));
              g_string_append (out, " by ");
              append_md_text (out, review->reviewer);
              g_string_append (out, " (version ");
              append_md_text (out, version);
              g_string_append (out, ")");
              if (review->notes != NULL && review->notes[0] != '\0')
                {
                  g_string_append (out, ": ");
                  append_md_text (out, review->notes);
                }
              g_string_append_c (out, '\n');
            }
        }
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* GObject ------------------------------------------------------------------------- */

static void
posture_training_library_finalize (GObject *object)
{
  PostureTrainingLibrary *self = (PostureTrainingLibrary *)object;

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->review_history, g_hash_table_unref);
  g_clear_pointer (&self->modules, g_ptr_array_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->now, g_date_time_unref);
  g_free (self->directory);

  G_OBJECT_CLASS (posture_training_library_parent_class)->finalize (object);
}

static void
posture_training_library_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  PostureTrainingLibrary *self = POSTURE_TRAINING_LIBRARY (object);

  switch (prop_id)
    {
    case PROP_REVIEW_INTERVAL_DAYS:
      g_value_set_uint (value, self->review_interval_days);
      break;
    case PROP_DIRECTORY:
      g_value_set_string (value, self->directory);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->modules->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_training_library_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  PostureTrainingLibrary *self = POSTURE_TRAINING_LIBRARY (object);

  switch (prop_id)
    {
    case PROP_REVIEW_INTERVAL_DAYS:
      posture_training_library_set_review_interval_days (self, g_value_get_uint (value));
      break;
    case PROP_DIRECTORY:
    case PROP_N_ITEMS:
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_training_library_class_init (PostureTrainingLibraryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = posture_training_library_finalize;
  object_class->get_property = posture_training_library_get_property;
  object_class->set_property = posture_training_library_set_property;

  properties [PROP_REVIEW_INTERVAL_DAYS] =
    g_param_spec_uint ("review-interval-days", NULL, NULL, 1, 3650,
                       POSTURE_TRAINING_DEFAULT_REVIEW_INTERVAL_DAYS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_DIRECTORY] =
    g_param_spec_string ("directory", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
posture_training_library_init (PostureTrainingLibrary *self)
{
  self->modules = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->review_history = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                (GDestroyNotify) g_ptr_array_unref);
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  self->review_interval_days = POSTURE_TRAINING_DEFAULT_REVIEW_INTERVAL_DAYS;
}

PostureTrainingLibrary *
posture_training_library_new (void)
{
  return g_object_new (POSTURE_TYPE_TRAINING_LIBRARY, NULL);
}
