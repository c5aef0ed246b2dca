/* posture-resource-result.h: one environment's (or the tenant's) result for a control
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "posture-types.h"

G_BEGIN_DECLS

#define POSTURE_TYPE_RESOURCE_RESULT (posture_resource_result_get_type ())

G_DECLARE_FINAL_TYPE (
    PostureResourceResult, posture_resource_result, POSTURE, RESOURCE_RESULT, GObject)

/* Properties (read-only): id (environment name, or the tenant id for tenant controls),
 * name (display name), status (PostureResult), reason (one line in the admin's words,
 * the API field as secondary text, translated), environment-type (nullable,
 * environmentSku), setting-title (nullable: the human title of the first setting the
 * control read, "Share with Everyone"), evidence (nullable: every value the control read,
 * one "Title: value" per line, translated).
 *
 * Evidence items: what the control's rule read, each with the setting's human title
 * (from the catalog), its API field (the key, secondary text) and the value in human
 * words ("On", "Off (not set)", "10.0.0.0/8, 192.168.0.0/24", "12 people"). */
const char    *posture_resource_result_get_id               (PostureResourceResult *self);
const char    *posture_resource_result_get_name             (PostureResourceResult *self);
PostureResult  posture_resource_result_get_status           (PostureResourceResult *self);
const char    *posture_resource_result_get_reason           (PostureResourceResult *self);
const char    *posture_resource_result_get_environment_type (PostureResourceResult *self);
guint          posture_resource_result_get_n_evidence       (PostureResourceResult *self);
const char    *posture_resource_result_get_evidence_title   (PostureResourceResult *self,
                                                             guint                  position);
const char    *posture_resource_result_get_evidence_key     (PostureResourceResult *self,
                                                             guint                  position);
const char    *posture_resource_result_get_evidence_value   (PostureResourceResult *self,
                                                             guint                  position);
char          *posture_resource_result_dup_evidence         (PostureResourceResult *self);

G_END_DECLS
