/* posture-training-store.c: training progress or reviews, kept in $XDG_DATA_HOME/posture
 *
 *   training-progress.json: { "posture_training_progress": 1, "modules": { "<id>":
 *     { "status": "in-progress", "quiz_correct": 3, "quiz_total": 4, "updated_at": "…Z" } } }
 *   training-reviews.json: { "posture_training_reviews": 1, "modules": { "<id>":
 *     { "state": "approved", "reviewer": "…", "reviewed_at": "…Z", "notes": "…",
 *       "content_version": "<sha256>", "history": [ { …the same members… } ] } } }
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-training-store"

#include "config.h"

#include "posture-json.h"
#include "posture-state-file.h"
#include "posture-state-store-private.h"
#include "posture-training-store.h"

#define FORMAT_VERSION 1

struct _PostureTrainingStore
{
  PostureStateStore  parent_instance;

  JsonObject        *modules;
};

G_DEFINE_FINAL_TYPE (PostureTrainingStore, posture_training_store, POSTURE_TYPE_STATE_STORE)

static gpointer
posture_training_store_parse (PostureStateStore  *store,
                              JsonObject         *root,
                              gint64              version,
                              GPtrArray          *damaged,
                              GError            **error)
{
  JsonObject *modules = root ? posture_json_get_object (root, "modules") : NULL;
  JsonObject *kept = json_object_new ();
  JsonObjectIter iter;
  const char *id;
  JsonNode *entry;

  if (modules == NULL)
    return kept;

  json_object_iter_init (&iter, modules);
  while (json_object_iter_next (&iter, &id, &entry))
    {
      if (JSON_NODE_HOLDS_OBJECT (entry))
        json_object_set_member (kept, id, json_node_ref (entry));
      else
        {
          g_autoptr(JsonObject) wrapped = json_object_new ();

          json_object_set_member (wrapped, id, json_node_ref (entry));
          g_ptr_array_add (damaged, json_node_init_object (json_node_alloc (), wrapped));
        }
    }
  return kept;
}

static void
posture_training_store_serialize (PostureStateStore *store,
                                  gpointer           contents,
                                  JsonObject        *root)
{
  json_object_set_object_member (root, "modules", json_object_ref (contents));
}

static void
posture_training_store_apply (PostureStateStore  *store,
                              gpointer           *contents)
{
  PostureTrainingStore *self = POSTURE_TRAINING_STORE (store);

  g_clear_pointer (&self->modules, json_object_unref);
  self->modules = g_steal_pointer (contents);
}

static void
posture_training_store_finalize (GObject *object)
{
  PostureTrainingStore *self = (PostureTrainingStore *) object;

  g_clear_pointer (&self->modules, json_object_unref);

  G_OBJECT_CLASS (posture_training_store_parent_class)->finalize (object);
}

static void
posture_training_store_class_init (PostureTrainingStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  PostureStateStoreClass *store_class = POSTURE_STATE_STORE_CLASS (klass);

  object_class->finalize = posture_training_store_finalize;

  store_class->format_version = FORMAT_VERSION;
  store_class->free_contents = (GDestroyNotify) json_object_unref;
  store_class->parse = posture_training_store_parse;
  store_class->serialize = posture_training_store_serialize;
  store_class->apply = posture_training_store_apply;
}

static void
posture_training_store_init (PostureTrainingStore *self)
{
  self->modules = json_object_new ();
}

/**
 * posture_training_store_new:
 *
 * Returns: (transfer full): the store of the progress or of the reviews; load it
 */
PostureTrainingStore *
posture_training_store_new (PostureTrainingStoreKind kind)
{
  gboolean reviews = kind == POSTURE_TRAINING_STORE_REVIEWS;
  g_autofree char *path = NULL;

  path = posture_state_path (POSTURE_STATE_DATA,
                             reviews ? "training-reviews.json" : "training-progress.json", NULL);
  return g_object_new (POSTURE_TYPE_TRAINING_STORE,
                       "path", path,
                       "format-key", reviews ? "posture_training_reviews"
                                             : "posture_training_progress",
                       NULL);
}

JsonObject *
posture_training_store_get_modules (PostureTrainingStore *self)
{
  g_return_val_if_fail (POSTURE_IS_TRAINING_STORE (self), NULL);
  return self->modules;
}

typedef struct
{
  const char               *module_id;
  PostureTrainingEntryFunc  entry_func;
  gpointer                  user_data;
} SetEntry;

static gboolean
set_entry_edit (PostureStateStore  *store,
                gpointer            contents,
                gpointer            edit_data,
                GDateTime          *now,
                GError            **error)
{
  SetEntry *set = edit_data;
  JsonObject *modules = contents;

  json_object_set_object_member (modules, set->module_id,
                                 set->entry_func (posture_json_get_object (modules, set->module_id),
                                                  set->user_data, now));
  return TRUE;
}

gboolean
posture_training_store_set_entry (PostureTrainingStore      *self,
                                  const char                *module_id,
                                  PostureTrainingEntryFunc   entry_func,
                                  gpointer                   user_data,
                                  GError                   **recovered,
                                  GError                   **error)
{
  SetEntry set = { module_id, entry_func, user_data };

  g_return_val_if_fail (POSTURE_IS_TRAINING_STORE (self), FALSE);
  g_return_val_if_fail (module_id != NULL, FALSE);
  g_return_val_if_fail (entry_func != NULL, FALSE);

  return _posture_state_store_edit (POSTURE_STATE_STORE (self), set_entry_edit, &set,
                                    recovered, error);
}
