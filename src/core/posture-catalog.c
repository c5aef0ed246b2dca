/* posture-catalog.c: the controls catalog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-catalog"

#include "config.h"

#include "posture-catalog.h"
#include "posture-control-private.h"
#include "posture-data-resources.h"
#include "posture-error.h"
#include "posture-json.h"

#define CATALOG_RESOURCE "/io/github/posture/Posture/data/controls/controls.json"
#define CATALOG_VERSION  2

struct _PostureCatalog
{
  GObject     parent_instance;

  /* Owned */
  GPtrArray  *controls;   /* of PostureControl, catalog order */
  GHashTable *by_id;      /* id (borrowed from the control) → PostureControl (borrowed) */
  guint       version;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PostureCatalog, posture_catalog, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
posture_catalog_get_item_type (GListModel *model)
{
  return POSTURE_TYPE_CONTROL;
}

static guint
posture_catalog_get_n_items (GListModel *model)
{
  return POSTURE_CATALOG (model)->controls->len;
}

static gpointer
posture_catalog_get_item (GListModel *model,
                          guint       position)
{
  PostureCatalog *self = POSTURE_CATALOG (model);

  if (position >= self->controls->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->controls, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = posture_catalog_get_item_type;
  iface->get_n_items = posture_catalog_get_n_items;
  iface->get_item = posture_catalog_get_item;
}

static void
posture_catalog_finalize (GObject *object)
{
  PostureCatalog *self = (PostureCatalog *)object;

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->controls, g_ptr_array_unref);

  G_OBJECT_CLASS (posture_catalog_parent_class)->finalize (object);
}

static void
posture_catalog_class_init (PostureCatalogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = posture_catalog_finalize;
}

static void
posture_catalog_init (PostureCatalog *self)
{
  self->controls = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
}

/**
 * posture_catalog_new_from_bytes:
 * @bytes: a catalog document (`{"posture_catalog": 2, "controls": [...]}`)
 *
 * Returns: (transfer full): the catalog, or %NULL with POSTURE_ENGINE_ERROR_CATALOG
 *   naming the member that is wrong.
 */
PostureCatalog *
posture_catalog_new_from_bytes (GBytes  *bytes,
                                GError **error)
{
  g_autoptr(PostureCatalog) self = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *object;
  JsonArray *controls;
  gint64 version = 0;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(root = posture_json_parse_bytes (bytes, POSTURE_JSON_DEFAULT_MAX_DEPTH, &local_error)))
    {
      g_set_error (error, POSTURE_ENGINE_ERROR, POSTURE_ENGINE_ERROR_CATALOG,
                   "Controls catalog: %s", local_error->message);
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (root) ||
      !posture_json_get_int ((object = json_node_get_object (root)), "posture_catalog", &version) ||
      version != CATALOG_VERSION ||
      (controls = posture_json_get_array (object, "controls")) == NULL)
    {
      g_set_error (error, POSTURE_ENGINE_ERROR, POSTURE_ENGINE_ERROR_CATALOG,
                   "Controls catalog: expected an object with \"posture_catalog\": %d "
                   "and a \"controls\" array", CATALOG_VERSION);
      return NULL;
    }

  self = g_object_new (POSTURE_TYPE_CATALOG, NULL);
  self->version = (guint) version;

  for (guint i = 0; i < json_array_get_length (controls); i++)
    {
      g_autofree char *path = g_strdup_printf ("controls[%u]", i);
      JsonNode *node = json_array_get_element (controls, i);
      PostureControl *control;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, POSTURE_ENGINE_ERROR, POSTURE_ENGINE_ERROR_CATALOG,
                       "Controls catalog: %s: expected an object, found %s",
                       path, posture_json_node_type_name (node));
          return NULL;
        }

      if (!(control = _posture_control_new_from_json (json_node_get_object (node), path,
                                                      &local_error)))
        {
          g_set_error (error, POSTURE_ENGINE_ERROR, POSTURE_ENGINE_ERROR_CATALOG,
                       "Controls catalog: %s", local_error->message);
          return NULL;
        }

      if (g_hash_table_contains (self->by_id, posture_control_get_id (control)))
        {
          g_set_error (error, POSTURE_ENGINE_ERROR, POSTURE_ENGINE_ERROR_CATALOG,
                       "Controls catalog: %s: the id \"%s\" is used twice",
                       path, posture_control_get_id (control));
          g_object_unref (control);
          return NULL;
        }

      g_ptr_array_add (self->controls, control);
      g_hash_table_insert (self->by_id, (gpointer) posture_control_get_id (control), control);
    }

  return g_steal_pointer (&self);
}

/**
 * posture_catalog_get_default:
 *
 * Returns: (transfer none): the built-in catalog, loaded once.
 */
PostureCatalog *
posture_catalog_get_default (void)
{
  static PostureCatalog *catalog;

  if (g_once_init_enter (&catalog))
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      PostureCatalog *loaded;

      bytes = g_resource_lookup_data (posture_data_get_resource (), CATALOG_RESOURCE,
                                      G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      if (bytes == NULL)
        g_error ("The built-in controls catalog is missing: %s", error->message);

      if (!(loaded = posture_catalog_new_from_bytes (bytes, &error)))
        g_error ("The built-in controls catalog is damaged: %s", error->message);

      g_once_init_leave (&catalog, loaded);
    }

  return catalog;
}

guint
posture_catalog_get_version (PostureCatalog *self)
{
  g_return_val_if_fail (POSTURE_IS_CATALOG (self), 0);

  return self->version;
}

/**
 * posture_catalog_lookup:
 *
 * Returns: (transfer none) (nullable): the control with this id
 */
PostureControl *
posture_catalog_lookup (PostureCatalog *self,
                        const char     *control_id)
{
  g_return_val_if_fail (POSTURE_IS_CATALOG (self), NULL);

  if (control_id == NULL)
    return NULL;

  return g_hash_table_lookup (self->by_id, control_id);
}

/**
 * posture_catalog_select:
 * @profile: the profile, used when @comma_separated_ids is %NULL or empty
 * @comma_separated_ids: (nullable): "id,id,…" (spaces around ids are ignored)
 *
 * Returns: (transfer container) (element-type PostureControl): the selected
 *   controls in catalog order, each once.
 */
GPtrArray *
posture_catalog_select (PostureCatalog  *self,
                        PostureProfile   profile,
                        const char      *comma_separated_ids,
                        GError         **error)
{
  g_autoptr(GPtrArray) selected = NULL;
  g_autoptr(GHashTable) wanted = NULL;

  g_return_val_if_fail (POSTURE_IS_CATALOG (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  selected = g_ptr_array_new_with_free_func (g_object_unref);

  if (comma_separated_ids != NULL && comma_separated_ids[0] != '\0')
    {
      g_auto(GStrv) parts = g_strsplit (comma_separated_ids, ",", 0);

      wanted = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; parts[i] != NULL; i++)
        {
          const char *id = g_strstrip (parts[i]);
          PostureControl *control;

          if (id[0] == '\0')
            continue;

          if (!(control = g_hash_table_lookup (self->by_id, id)))
            {
              g_set_error (error, POSTURE_ENGINE_ERROR, POSTURE_ENGINE_ERROR_UNKNOWN_CONTROL,
                           "Unknown control \"%s\"; \"posture-cli controls\" lists the "
                           "control ids", id);
              return NULL;
            }
          g_hash_table_add (wanted, (gpointer) posture_control_get_id (control));
        }

      if (g_hash_table_size (wanted) == 0)
        {
          g_set_error_literal (error, POSTURE_ENGINE_ERROR, POSTURE_ENGINE_ERROR_UNKNOWN_CONTROL,
                               "No control ids given; \"posture-cli controls\" lists them");
          return NULL;
        }
    }

  for (guint i = 0; i < self->controls->len; i++)
    {
      PostureControl *control = g_ptr_array_index (self->controls, i);

      if (wanted != NULL
          ? g_hash_table_contains (wanted, posture_control_get_id (control))
          : posture_control_in_profile (control, profile))
        g_ptr_array_add (selected, g_object_ref (control));
    }

  return g_steal_pointer (&selected);
}
