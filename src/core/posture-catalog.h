/* posture-catalog.h: the controls catalog (data/controls/controls.json in a GResource)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "posture-control.h"

G_BEGIN_DECLS

#define POSTURE_TYPE_CATALOG (posture_catalog_get_type ())

G_DECLARE_FINAL_TYPE (PostureCatalog, posture_catalog, POSTURE, CATALOG, GObject)

/* A GListModel of PostureControl in catalog order. The built-in catalog is compiled
 * in; failing to load it is a build defect (g_error), not a runtime condition. */
PostureCatalog *posture_catalog_get_default (void);
PostureCatalog *posture_catalog_new_from_bytes (GBytes          *bytes,
                                                GError         **error);
guint           posture_catalog_get_version (PostureCatalog  *self);
PostureControl *posture_catalog_lookup      (PostureCatalog  *self,
                                             const char      *control_id);
/* Parses "id,id,…"; an unknown id is POSTURE_ENGINE_ERROR_UNKNOWN_CONTROL naming it. */
GPtrArray      *posture_catalog_select      (PostureCatalog  *self,
                                             PostureProfile   profile,
                                             const char      *comma_separated_ids,
                                             GError         **error);

G_END_DECLS
