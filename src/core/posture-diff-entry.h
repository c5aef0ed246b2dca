/* posture-diff-entry.h: one change between two assessments
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The string forms (posture_diff_kind_to_string()) are the nicks: "regressed", …,
 * "resource-failing", …, "resource-went-away". */
typedef enum
{
  /* pass → partial/fail, partial → fail, or fewer points */
  POSTURE_DIFF_CONTROL_REGRESSED, /*< nick=regressed >*/
  /* the opposite */
  POSTURE_DIFF_CONTROL_IMPROVED,  /*< nick=improved >*/
  /* status changed without an order (→ unknown, n/a…) */
  POSTURE_DIFF_CONTROL_CHANGED,   /*< nick=changed >*/
  /* assessed now, not before (profile or catalog) */
  POSTURE_DIFF_CONTROL_ADDED,     /*< nick=added >*/
  POSTURE_DIFF_CONTROL_REMOVED,   /*< nick=removed >*/
  /* a resource of a control started failing */
  POSTURE_DIFF_RESOURCE_FAILING,   /*< nick=resource-failing >*/
  /* a resource of a control stopped failing */
  POSTURE_DIFF_RESOURCE_FIXED,     /*< nick=resource-fixed >*/
  /* an environment appeared in the tenant */
  POSTURE_DIFF_RESOURCE_APPEARED,  /*< nick=resource-appeared >*/
  /* an environment went away */
  POSTURE_DIFF_RESOURCE_WENT_AWAY, /*< nick=resource-went-away >*/
} PostureDiffKind;

const char *posture_diff_kind_to_string (PostureDiffKind kind);

#define POSTURE_TYPE_DIFF_ENTRY (posture_diff_entry_get_type ())

/* One change. Properties (read-only): kind (guint, PostureDiffKind), control-id
 * (nullable for appeared/went-away), resource-id (nullable for control changes),
 * resource-name (the display name the records kept for the resource, else its id),
 * from-status, to-status (nullable strings), from-earned, from-possible, to-earned,
 * to-possible (guint). */
G_DECLARE_FINAL_TYPE (PostureDiffEntry, posture_diff_entry, POSTURE, DIFF_ENTRY, GObject)

PostureDiffKind posture_diff_entry_get_kind        (PostureDiffEntry *self);
const char     *posture_diff_entry_get_control_id  (PostureDiffEntry *self);
const char     *posture_diff_entry_get_resource_id (PostureDiffEntry *self);
const char     *posture_diff_entry_get_resource_name (PostureDiffEntry *self);
const char     *posture_diff_entry_get_from_status (PostureDiffEntry *self);
const char     *posture_diff_entry_get_to_status   (PostureDiffEntry *self);
void            posture_diff_entry_get_points      (PostureDiffEntry *self,
                                                    guint            *from_earned,
                                                    guint            *from_possible,
                                                    guint            *to_earned,
                                                    guint            *to_possible);

/* Internal: for posture-diff.c. */
PostureDiffEntry *_posture_diff_entry_new          (PostureDiffKind   kind,
                                                    const char       *control_id,
                                                    const char       *resource_id,
                                                    const char       *resource_name,
                                                    const char       *from_status,
                                                    const char       *to_status,
                                                    guint             from_earned,
                                                    guint             from_possible,
                                                    guint             to_earned,
                                                    guint             to_possible);

G_END_DECLS
