/* posture-diff-entry.h: one change between two assessments
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  POSTURE_DIFF_CONTROL_REGRESSED,   /* pass → partial/fail, partial → fail, or fewer points */
  POSTURE_DIFF_CONTROL_IMPROVED,    /* the opposite */
  POSTURE_DIFF_CONTROL_CHANGED,     /* status changed without an order (→ unknown, n/a…) */
  POSTURE_DIFF_CONTROL_ADDED,       /* assessed now, not before (profile or catalog) */
  POSTURE_DIFF_CONTROL_REMOVED,
  POSTURE_DIFF_RESOURCE_FAILING,    /* a resource of a control started failing */
  POSTURE_DIFF_RESOURCE_FIXED,      /* a resource of a control stopped failing */
  POSTURE_DIFF_RESOURCE_APPEARED,   /* an environment appeared in the tenant */
  POSTURE_DIFF_RESOURCE_WENT_AWAY,  /* an environment went away */
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
