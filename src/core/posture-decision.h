/* posture-decision.h: what a user decided about a control (after Microsoft Secure Score)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "posture-types.h"

G_BEGIN_DECLS

#define POSTURE_TYPE_DECISION (posture_decision_get_type ())

G_DECLARE_FINAL_TYPE (PostureDecision, posture_decision, POSTURE, DECISION, GObject)

/* One earlier state of a decision, oldest first in the history. */
typedef struct
{
  GDateTime             *when;
  char                  *author;
  PostureDecisionStatus  from;
  PostureDecisionStatus  to;
  char                  *note;
} PostureDecisionChange;

/* Properties: control-id, status (PostureDecisionStatus), note, author, updated-at
 * (GDateTime), owner (who will do it; nullable), due (planned date, GDateTime, nullable),
 * resource-id (nullable: a decision on one resource of the control rather than all). */
PostureDecision   *posture_decision_new             (const char            *control_id,
                                                     PostureDecisionStatus  status);
const char        *posture_decision_get_control_id  (PostureDecision       *self);
const char        *posture_decision_get_resource_id (PostureDecision       *self);
void               posture_decision_set_resource_id (PostureDecision       *self,
                                                     const char            *resource_id);
PostureDecisionStatus posture_decision_get_status   (PostureDecision       *self);
/* Records a change in the history (from the current status) and applies it. */
void               posture_decision_change          (PostureDecision       *self,
                                                     PostureDecisionStatus  status,
                                                     const char            *note,
                                                     const char            *author,
                                                     GDateTime             *when);
const char        *posture_decision_get_note        (PostureDecision       *self);
const char        *posture_decision_get_author      (PostureDecision       *self);
GDateTime         *posture_decision_get_updated_at  (PostureDecision       *self);
const char        *posture_decision_get_owner       (PostureDecision       *self);
void               posture_decision_set_owner       (PostureDecision       *self,
                                                     const char            *owner);
GDateTime         *posture_decision_get_due         (PostureDecision       *self);
void               posture_decision_set_due         (PostureDecision       *self,
                                                     GDateTime             *due);
/* For loading a stored decision: appends a change to the history as it was, without
 * touching the current status. */
void               posture_decision_restore_change  (PostureDecision       *self,
                                                     GDateTime             *when,
                                                     const char            *author,
                                                     PostureDecisionStatus  from,
                                                     PostureDecisionStatus  to,
                                                     const char            *note);
/* Added, for loading a stored decision: sets note, author and updated-at as they were,
 * without adding to the history. */
void               posture_decision_restore_details (PostureDecision       *self,
                                                     const char            *note,
                                                     const char            *author,
                                                     GDateTime             *updated_at);
/* (element-type PostureDecisionChange) (transfer none) */
GPtrArray         *posture_decision_get_history     (PostureDecision       *self);

G_END_DECLS
