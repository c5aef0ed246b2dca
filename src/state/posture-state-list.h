/* posture-state-list.h: a store whose contents are a list of objects, as a GListModel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "posture-state-store.h"

G_BEGIN_DECLS

#define POSTURE_TYPE_STATE_LIST (posture_state_list_get_type ())

G_DECLARE_DERIVABLE_TYPE (PostureStateList, posture_state_list, POSTURE, STATE_LIST,
                          PostureStateStore)

/**
 * PostureStateListClass:
 * @item_type: the GType of the items (set in class_init)
 *
 * The contents a subclass parses are a GPtrArray of @item_type objects that is never
 * changed after it is applied (edits work on a fresh copy read from disk), so the items
 * may be handed to other threads. The store is a GListModel of them.
 */
struct _PostureStateListClass
{
  PostureStateStoreClass  parent_class;

  GType                   item_type;

  /*< private >*/
  gpointer                padding[4];
};

/* The current items (transfer none; replaced, never changed, by the next operation). */
GPtrArray *posture_state_list_get_items (PostureStateList *self);

G_END_DECLS
