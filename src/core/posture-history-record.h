/* posture-history-record.h: one reading of a tenant, as the score history keeps it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "posture-assessment.h"
#include "posture-types.h"

G_BEGIN_DECLS

/* One control in a record. Statuses are kept as their stable strings (DESIGN.md) so that
 * a record written by a later catalog still reads. */
typedef struct
{
  char   *id;
  char   *status;       /* pass, fail, partial, not-applicable, unknown, manual */
  guint   earned;
  guint   possible;
  GStrv   failing;      /* ids of the resources that failed (never NULL) */
} PostureHistoryControl;

#define POSTURE_TYPE_HISTORY_RECORD (posture_history_record_get_type ())

/* A record is immutable. Properties (read-only): sequence (guint64: the reading's number
 * in its tenant's history, from 1; 0 before the history stored it), assessed-at
 * (GDateTime, to the microsecond), profile (string), percent (double, -1 when nothing
 * was possible), level (string: low, medium, high, unknown), earned, possible (guint),
 * n-controls (guint). */
G_DECLARE_FINAL_TYPE (PostureHistoryRecord, posture_history_record, POSTURE, HISTORY_RECORD,
                      GObject)

PostureHistoryRecord *posture_history_record_new_from_json      (JsonNode              *node,
                                                                 GError               **error);
/* From DESIGN.md's `assess --format json` object. */
PostureHistoryRecord *posture_history_record_new_from_assessment_json (JsonNode        *node,
                                                                 GError               **error);
PostureHistoryRecord *posture_history_record_new_from_assessment (PostureAssessment    *assessment);
/* The record as the history file stores it. */
JsonNode             *posture_history_record_to_json            (PostureHistoryRecord  *self);
guint64               posture_history_record_get_sequence       (PostureHistoryRecord  *self);
GDateTime            *posture_history_record_get_assessed_at    (PostureHistoryRecord  *self);
const char           *posture_history_record_get_profile        (PostureHistoryRecord  *self);
double                posture_history_record_get_percent        (PostureHistoryRecord  *self);
PostureLevel          posture_history_record_get_level          (PostureHistoryRecord  *self);
guint                 posture_history_record_get_earned         (PostureHistoryRecord  *self);
guint                 posture_history_record_get_possible       (PostureHistoryRecord  *self);
guint                 posture_history_record_get_n_controls     (PostureHistoryRecord  *self);
const PostureHistoryControl *posture_history_record_get_control (PostureHistoryRecord  *self,
                                                                 guint                  position);
/* Every resource (environment) id the assessment covered, sorted. */
const char * const   *posture_history_record_get_resources      (PostureHistoryRecord  *self);
/* The display name a resource had at that reading (transfer none), or NULL when the
 * record does not know it (records written before names were kept). */
const char           *posture_history_record_get_resource_name  (PostureHistoryRecord  *self,
                                                                 const char        *resource_id);
const PostureHistoryControl *posture_history_record_lookup_control (PostureHistoryRecord *self,
                                                                 const char            *control_id);
/* TRUE when both records hold the same reading (the same time, to the microsecond,
 * profile and results), whatever their sequence numbers. */
gboolean              posture_history_record_same_reading       (PostureHistoryRecord  *self,
                                                                 PostureHistoryRecord  *other);

G_END_DECLS
