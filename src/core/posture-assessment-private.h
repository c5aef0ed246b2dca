/* posture-assessment-private.h: how the engine builds assessments
 *
 * The engine fills these structures directly; once posture_engine_assess() returns
 * them they are immutable.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "posture-assessment.h"
#include "posture-controls-eval-private.h"

G_BEGIN_DECLS

struct _PostureResourceResult
{
  GObject           parent_instance;

  char             *id;
  char             *name;
  char             *reason;
  char             *environment_type;
  PostureResult     status;

  /* What the rule read: title and key interned, value owned. */
  PostureEvidence   evidence[POSTURE_MAX_EVIDENCE];
  guint             n_evidence;

  /* Scoring, after decisions: what a pass is worth (1, or N for tenant controls) and
   * whether it counts as earned (it passes, or a decision resolved it). */
  guint             points;
  guint             credited : 1;
  guint             hidden : 1;      /* a resource-level decision takes it off the to-do list */
};

struct _PostureControlResult
{
  GObject           parent_instance;

  PostureControl   *control;         /* owned */
  PostureDecision  *decision;        /* owned, nullable: the control-level decision */
  GPtrArray        *resource_array;  /* of PostureResourceResult, owned */
  GListStore       *resources;       /* built on first use from resource_array */
  char             *evidence;

  PostureStatus     status;
  guint             earned;
  guint             possible;
  guint             raw_earned;
  guint             n_pass;
  guint             n_fail;
  guint             n_unknown;
  double            gain;
  gboolean          recommended;
  guint             rank;            /* 1-based among the recommendations, 0 when not one */
};

struct _PostureBreakdown
{
  GObject           parent_instance;

  char             *id;              /* the category's or principle's stable name */
  const char       *label;           /* translated, static */
  guint             earned;
  guint             possible;
  guint             n_controls;
  guint             n_failing;       /* failing or partial */
};

struct _PostureAssessment
{
  GObject           parent_instance;

  char             *tenant_id;
  char             *tenant_name;
  GDateTime        *assessed_at;
  GDateTime        *captured_at;
  GPtrArray        *control_array;   /* of PostureControlResult, catalog order */
  GPtrArray        *recommendation_array;
  GListStore       *controls;        /* built on first use */
  GListStore       *recommendations; /* built on first use */
  GListStore       *categories;      /* of PostureBreakdown, built by the engine */
  GListStore       *principles;      /* of PostureBreakdown, built by the engine */
  GStrv             warnings;
  GPtrArray        *decisions;       /* of PostureDecision, every decision that was applied */

  PostureProfile    profile;
  PostureScore      score;
  PostureScore      planned;
};

/* Takes @reason and the evidence of @ev (left empty). */
PostureResourceResult *_posture_resource_result_new (const char    *id,
                                                     const char    *name,
                                                     const char    *environment_type,
                                                     PostureResult  status,
                                                     char          *reason);
void                   _posture_resource_result_take_evidence (PostureResourceResult *self,
                                                               PostureEval           *ev);
PostureControlResult  *_posture_control_result_new  (PostureControl *control);
PostureBreakdown      *_posture_breakdown_new       (const char     *id,
                                                     const char     *label);
PostureAssessment     *_posture_assessment_new      (void);
/* The category and principle breakdowns, from the control results. */
void                   _posture_assessment_add_breakdowns (PostureAssessment *self);
void                   _posture_score_init          (PostureScore   *score,
                                                     guint           earned,
                                                     guint           possible);

G_END_DECLS
