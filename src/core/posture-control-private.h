/* posture-control-private.h: building controls from the catalog's JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "posture-control.h"

G_BEGIN_DECLS

/* @path names the object in error messages ("controls[3]"). Translatable texts are
 * translated here, at load, through GETTEXT_PACKAGE. */
PostureControl *_posture_control_new_from_json (JsonObject  *object,
                                                const char  *path,
                                                GError     **error);

G_END_DECLS
