/* posture-state-list.c: a store whose contents are a list of objects, as a GListModel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-state-list"

#include "config.h"

#include "posture-state-list.h"

typedef struct
{
  GPtrArray *items;
} PostureStateListPrivate;

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_ABSTRACT_TYPE_WITH_CODE (PostureStateList, posture_state_list, POSTURE_TYPE_STATE_STORE,
                                  G_ADD_PRIVATE (PostureStateList)
                                  G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
posture_state_list_get_item_type (GListModel *model)
{
  return POSTURE_STATE_LIST_GET_CLASS (model)->item_type;
}

static guint
posture_state_list_get_n_items (GListModel *model)
{
  return posture_state_list_get_items (POSTURE_STATE_LIST (model))->len;
}

static gpointer
posture_state_list_get_item (GListModel *model,
                             guint       position)
{
  GPtrArray *items = posture_state_list_get_items (POSTURE_STATE_LIST (model));

  if (position >= items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = posture_state_list_get_item_type;
  iface->get_n_items = posture_state_list_get_n_items;
  iface->get_item = posture_state_list_get_item;
}

static void
posture_state_list_apply (PostureStateStore  *store,
                          gpointer           *contents)
{
  PostureStateList *self = POSTURE_STATE_LIST (store);
  PostureStateListPrivate *priv = posture_state_list_get_instance_private (self);
  guint removed = priv->items->len;

  g_ptr_array_unref (priv->items);
  priv->items = g_steal_pointer (contents);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, priv->items->len);
}

static void
posture_state_list_finalize (GObject *object)
{
  PostureStateList *self = (PostureStateList *) object;
  PostureStateListPrivate *priv = posture_state_list_get_instance_private (self);

  g_clear_pointer (&priv->items, g_ptr_array_unref);

  G_OBJECT_CLASS (posture_state_list_parent_class)->finalize (object);
}

static void
posture_state_list_class_init (PostureStateListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  PostureStateStoreClass *store_class = POSTURE_STATE_STORE_CLASS (klass);

  object_class->finalize = posture_state_list_finalize;

  store_class->free_contents = (GDestroyNotify) g_ptr_array_unref;
  store_class->apply = posture_state_list_apply;

  klass->item_type = G_TYPE_OBJECT;
}

static void
posture_state_list_init (PostureStateList *self)
{
  PostureStateListPrivate *priv = posture_state_list_get_instance_private (self);

  priv->items = g_ptr_array_new_with_free_func (g_object_unref);
}

GPtrArray *
posture_state_list_get_items (PostureStateList *self)
{
  PostureStateListPrivate *priv = posture_state_list_get_instance_private (self);

  g_return_val_if_fail (POSTURE_IS_STATE_LIST (self), NULL);
  return priv->items;
}
