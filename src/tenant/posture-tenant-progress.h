/* posture-tenant-progress.h: how far a snapshot read has come
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "posture-tenant-enums.h"
#include "posture-tenant-types.h"

G_BEGIN_DECLS

typedef enum
{
  POSTURE_READ_PHASE_IDLE,
  POSTURE_READ_PHASE_SIGNING_IN,    /* getting access tokens */
  POSTURE_READ_PHASE_TENANT,        /* tenant settings, isolation, organization */
  POSTURE_READ_PHASE_ENVIRONMENTS,  /* environment pages */
  POSTURE_READ_PHASE_POLICIES,      /* DLP policies */
  POSTURE_READ_PHASE_DATAVERSE,     /* each environment's organization settings */
  POSTURE_READ_PHASE_DONE,
  POSTURE_READ_PHASE_FAILED,
} PostureReadPhase;

/* POSTURE_TYPE_READ_PHASE is in posture-tenant-enums.h. */
#define POSTURE_TYPE_TENANT_PROGRESS (posture_tenant_progress_get_type ())

G_DECLARE_FINAL_TYPE (PostureTenantProgress, posture_tenant_progress,
                      POSTURE, TENANT_PROGRESS, GObject)

/* Properties (read-only outside the reader, notified on the reader's main context):
 * "phase" (PostureReadPhase), "phase-name" (untranslated id: "tenant", "dataverse", …),
 * "done" and "total" (requests; total grows as pages and lists reveal more work),
 * "fraction" (done / total, 0..1), "throttled-seconds" (0, or how long until the
 * reader resumes after the service asked it to wait; counts down each second) and
 * "status" (translated, for a label or a terminal line: "Throttled, resuming in 45 s",
 * or NULL when there is nothing to say beyond the phase). */
PostureTenantProgress *posture_tenant_progress_new            (void);
PostureReadPhase       posture_tenant_progress_get_phase      (PostureTenantProgress *self);
const char            *posture_tenant_progress_get_phase_name (PostureTenantProgress *self);
guint                  posture_tenant_progress_get_done       (PostureTenantProgress *self);
guint                  posture_tenant_progress_get_total      (PostureTenantProgress *self);
double                 posture_tenant_progress_get_fraction   (PostureTenantProgress *self);
guint                  posture_tenant_progress_get_throttled_seconds (PostureTenantProgress *self);
const char            *posture_tenant_progress_get_status     (PostureTenantProgress *self);

/* For the reader. */
void                   posture_tenant_progress_reset          (PostureTenantProgress *self);
void                   posture_tenant_progress_set_phase      (PostureTenantProgress *self,
                                                               PostureReadPhase       phase);
void                   posture_tenant_progress_add_total      (PostureTenantProgress *self,
                                                               guint                  n);
void                   posture_tenant_progress_add_done       (PostureTenantProgress *self,
                                                               guint                  n);
/* The service asked to wait @seconds: "throttled-seconds" shows the longest wait still
 * ahead and counts down on the thread-default main context; 0 clears it (resumed). */
void                   posture_tenant_progress_set_throttled  (PostureTenantProgress *self,
                                                               guint                  seconds);

G_END_DECLS
