/* posture-control.h: one control of the catalog (metadata only; evaluation is the engine's)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "posture-types.h"

G_BEGIN_DECLS

#define POSTURE_TYPE_CONTROL (posture_control_get_type ())

G_DECLARE_FINAL_TYPE (PostureControl, posture_control, POSTURE, CONTROL, GObject)

/* Properties (all read-only, set at construction by the catalog):
 *   id, title, description, rationale (strings; title/description/rationale translated),
 *   remediation (GStrv, ordered steps), scope (PostureScope), severity (PostureSeverity),
 *   category (PostureCategory), principle (PosturePrinciple),
 *   scuba-id (nullable, e.g. "MS.POWERPLATFORM.3.1v1"), scuba-requirement (nullable,
 *   "SHALL" or "SHOULD"), ppac-name (nullable, the admin-center recommendation),
 *   waf-code (nullable, e.g. "SE:04"), training (GStrv of training module ids),
 *   manual (boolean: needs an admin's attestation, carries no points).
 *
 * Settings: the human title (translated) of each API field the control's rule reads,
 * by key: a tenant setting's dotted path, a Dataverse column, a BAP property path or a
 * source name ("powerPlatform.powerApps.disableShareWithEveryone" → "Share with
 * Everyone"). Views show the title; the key is secondary text. Strings returned are
 * interned: they live as long as the process. */
const char         *posture_control_get_id                (PostureControl *self);
const char         *posture_control_get_title             (PostureControl *self);
const char         *posture_control_get_description       (PostureControl *self);
const char         *posture_control_get_rationale         (PostureControl *self);
const char * const *posture_control_get_remediation       (PostureControl *self);
PostureScope        posture_control_get_scope             (PostureControl *self);
PostureSeverity     posture_control_get_severity          (PostureControl *self);
PostureCategory     posture_control_get_category          (PostureControl *self);
PosturePrinciple    posture_control_get_principle         (PostureControl *self);
const char         *posture_control_get_scuba_id          (PostureControl *self);
const char         *posture_control_get_scuba_requirement (PostureControl *self);
const char         *posture_control_get_ppac_name         (PostureControl *self);
const char         *posture_control_get_waf_code          (PostureControl *self);
const char * const *posture_control_get_training          (PostureControl *self);
gboolean            posture_control_get_manual            (PostureControl *self);
gboolean            posture_control_in_profile            (PostureControl *self,
                                                           PostureProfile  profile);
guint               posture_control_get_n_settings        (PostureControl *self);
const char         *posture_control_get_setting_key       (PostureControl *self,
                                                           guint           position);
const char         *posture_control_get_setting_title     (PostureControl *self,
                                                           guint           position);
/* The title of @key (matched case-insensitively), or NULL when the control reads no such
 * setting. */
const char         *posture_control_lookup_setting_title  (PostureControl *self,
                                                           const char     *key);

G_END_DECLS
