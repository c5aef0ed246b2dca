/* training-fixture.h: what the training tests of core and state share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "posture-training-library.h"

static inline PostureTrainingLibrary *
new_builtin_library (void)
{
  g_autoptr(GError) error = NULL;
  PostureTrainingLibrary *library = posture_training_library_new ();

  g_assert_true (posture_training_library_load_builtin (library, &error));
  g_assert_no_error (error);
  return library;
}

static inline gboolean
list_has (GListModel *model,
          const char *id)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PostureTrainingModule) module = g_list_model_get_item (model, i);

      if (g_str_equal (posture_training_module_get_id (module), id))
        return TRUE;
    }
  return FALSE;
}
