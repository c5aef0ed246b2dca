/* posture-remediation-private.h: what the planner's pieces share
 *
 * posture_remediation_plan() checks the options, looks the control up in the table of
 * remedies, and walks the engine's failing resources; each kind of fix turns them into
 * steps in a file of its own:
 *
 *   posture-remediation.c             the table, the option checks, the plan's walk
 *   posture-remediation-context.c     helpers for every kind: names, skips, Managed
 *                                     Environment checks, adding a change
 *   posture-remediation-tenant.c      tenant settings and tenant isolation
 *   posture-remediation-dlp.c         the DLP baseline policy
 *   posture-remediation-governance.c  Managed Environments and sharing limits
 *   posture-remediation-dataverse.c   Dataverse organization settings: flags, the IP
 *                                     firewall's audit and enforce steps, app access
 *   posture-remediation-what-if.c     several fixes projected in turn
 *
 * To add a fix: write its planning function beside its kind, declare it below, and give
 * it a row in posture-remediation.c's table.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "posture-control-result.h"
#include "posture-control.h"
#include "posture-fix-private.h"
#include "posture-remediation.h"
#include "posture-snapshot.h"

G_BEGIN_DECLS

typedef struct _PostureRemedy PostureRemedy;

/* One plan in the making. */
typedef struct
{
  PostureSnapshot         *snapshot;
  PostureControl          *control;        /* the catalog's: the settings it reads */
  PostureControlResult    *result;
  const PostureFixOptions *options;
  const PostureRemedy     *remedy;
  PostureFixPlan          *plan;
  GHashTable              *environments;   /* lower-cased names to restrict to, or NULL */
  char                    *action;         /* the sentence the summary opens with */
  gboolean                 tenant_wide;
} PostureRemedyContext;

/* One tenant-wide step, or one step for a failing environment. */
typedef void (*PostureRemedyTenantFunc)      (PostureRemedyContext     *ctx);
typedef void (*PostureRemedyEnvironmentFunc) (PostureRemedyContext     *ctx,
                                              const PostureEnvironment *env);

/* A row of the table: how a control is fixed, or what it needs instead. */
struct _PostureRemedy
{
  const char                   *id;
  PostureRemedyTenantFunc       tenant;
  PostureRemedyEnvironmentFunc  environment;
  PostureFixInputs              inputs;
  PostureFixInputs              enforce_inputs;
  /* Dataverse switches: the value the fix writes to each column the catalog says the
   * control reads. (A tenant setting's field and value are its rule's.) */
  gboolean                      value;
  gboolean                      managed_only;
  const char                   *action;         /* N_(): what the change does */
  const char                   *enforce_action; /* N_(): what the enforcing step does */
  const char                   *risk;           /* N_(): nullable */
  const char                   *audit_risk;     /* N_(): nullable, only without --enforce */
  const char                   *enforce_risk;   /* N_(): nullable, only with --enforce */
  const char                   *needs;          /* N_(): no API fix: what it needs instead */
};

/* posture-remediation-context.c */
const char     *_posture_remediation_environment_name (const PostureEnvironment *env);
const char     *_posture_remediation_tenant_name      (PostureSnapshot          *snapshot);
/* Takes @object. */
JsonNode       *_posture_remediation_object_node      (JsonObject               *object);
/* A JSON scalar as the governance API writes it: a string. NULL for anything else. */
char           *_posture_remediation_scalar_string    (JsonNode                 *node);
/* @node read with the one string-to-boolean rule: UNSET when absent or null. */
PostureFlag     _posture_remediation_node_flag        (JsonNode                 *node);
/* A value for a plan's "before": its scalar form, "not set", or its JSON type. */
char           *_posture_remediation_describe_flag    (JsonNode                 *node);
/* The entries joined with ", ", or "(empty)". */
char           *_posture_remediation_join_or_empty    (const char * const       *entries);
PostureFixStep *_posture_remediation_tenant_step      (PostureRemedyContext     *ctx,
                                                       const char               *reason);
PostureFixStep *_posture_remediation_environment_step (const PostureEnvironment *env,
                                                       const char               *reason);
void            _posture_remediation_skip             (PostureRemedyContext     *ctx,
                                                       const char               *id,
                                                       const char               *name,
                                                       const char               *reason);
void            _posture_remediation_skip_environment (PostureRemedyContext     *ctx,
                                                       const PostureEnvironment *env,
                                                       const char               *reason);
/* Adds @step to the plan with its values and its one request. */
void            _posture_remediation_add_change       (PostureRemedyContext     *ctx,
                                                       PostureFixStep           *step,
                                                       const char               *before,
                                                       const char               *after,
                                                       PostureFixRequest        *request);
/* Whether the environment type may be managed: Production, Sandbox, Default. */
gboolean        _posture_remediation_can_be_managed   (const PostureEnvironment *env);
/* Managed-only features: an environment that is not managed is skipped, saying whether
 * it can become managed. */
gboolean        _posture_remediation_check_managed    (PostureRemedyContext     *ctx,
                                                       const PostureEnvironment *env);
void            _posture_remediation_add_managed_precondition (PostureFixStep   *step);

/* posture-remediation-tenant.c */
void            _posture_remediation_plan_tenant_setting     (PostureRemedyContext *ctx);
void            _posture_remediation_plan_tenant_isolation   (PostureRemedyContext *ctx);

/* posture-remediation-dlp.c */
void            _posture_remediation_plan_dlp_baseline       (PostureRemedyContext *ctx);

/* posture-remediation-governance.c */
void            _posture_remediation_plan_managed_environment (PostureRemedyContext     *ctx,
                                                               const PostureEnvironment *env);
void            _posture_remediation_plan_sharing_limits      (PostureRemedyContext     *ctx,
                                                               const PostureEnvironment *env);

/* posture-remediation-dataverse.c */
void            _posture_remediation_plan_dataverse_flags     (PostureRemedyContext     *ctx,
                                                               const PostureEnvironment *env);
void            _posture_remediation_plan_ip_firewall         (PostureRemedyContext     *ctx,
                                                               const PostureEnvironment *env);
void            _posture_remediation_plan_app_access_control  (PostureRemedyContext     *ctx,
                                                               const PostureEnvironment *env);
/* NULL when @entry is a valid allow-list entry; else why not (translated). */
char           *_posture_remediation_ip_range_problem         (const char               *entry);

G_END_DECLS
