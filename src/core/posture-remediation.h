/* posture-remediation.h: each control's remediation plan (DESIGN.md "Remediation")
 *
 * The engine's assessment is the only judge of what fails: a plan is made for the
 * control's failing resources as the engine found them, and never re-judges a
 * setting. It checks the preconditions the real service imposes (managed-only
 * features, Dataverse, environment types), lists the exact requests, the risks, and
 * the resources it will not touch and why.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "posture-assessment.h"
#include "posture-fix-plan.h"
#include "posture-snapshot.h"

G_BEGIN_DECLS

#define POSTURE_FIX_ERROR (posture_fix_error_quark ())

/* Codes say what the caller should do. Messages are untranslated, name the option as
 * `posture-cli fix` spells it, and say what to pass. */
typedef enum
{
  POSTURE_FIX_ERROR_UNKNOWN_CONTROL,  /* no such control in the catalog */
  POSTURE_FIX_ERROR_NO_API_FIX,       /* the control is fixed by hand: its steps say how */
  POSTURE_FIX_ERROR_NOT_ASSESSED,     /* the assessment left the control out (profile) */
  POSTURE_FIX_ERROR_MISSING_OPTION,   /* the plan needs an input: the message names it */
  POSTURE_FIX_ERROR_INVALID_OPTION,   /* an input is invalid, too wide, or not for this control */
  POSTURE_FIX_ERROR_PROJECTION,       /* the projected snapshot does not load (a defect) */
  POSTURE_FIX_ERROR_NEEDS_DOCUMENT,   /* the snapshot has no raw document (the cache's
                                       * serialised form): read the tenant, or load the
                                       * snapshot's JSON file */
} PostureFixError;

GQuark posture_fix_error_quark (void);

/* The inputs a control's plan takes, so the Fix dialog asks only for those. */
typedef enum
{
  POSTURE_FIX_INPUT_NONE          = 0,
  POSTURE_FIX_INPUT_ENVIRONMENTS  = 1 << 0,  /* may be restricted to named environments */
  POSTURE_FIX_INPUT_IP_RANGES     = 1 << 1,  /* needs the firewall's allow-list */
  POSTURE_FIX_INPUT_APP_IDS       = 1 << 2,  /* needs the allowed application ids */
  POSTURE_FIX_INPUT_SHARING_LIMIT = 1 << 3,  /* takes the number of people (default 20) */
  POSTURE_FIX_INPUT_ENFORCE       = 1 << 4,  /* has a second, enforcing step */
} PostureFixInputs;

#define POSTURE_FIX_DEFAULT_SHARING_LIMIT 20
#define POSTURE_FIX_MAX_SHARING_LIMIT     10000

typedef struct
{
  const char * const *environments;   /* environment names to restrict to; NULL: all */
  const char * const *ip_ranges;      /* ip-firewall: the allow-list (CIDR entries) */
  const char * const *app_ids;        /* app-access-control: the allowed application ids */
  gint64              sharing_limit;  /* sharing-limits: 1 to POSTURE_FIX_MAX_SHARING_LIMIT */
  gboolean            enforce;        /* ip-firewall, app-access-control: the enforcing step */
} PostureFixOptions;

#define POSTURE_FIX_OPTIONS_INIT { NULL, NULL, NULL, POSTURE_FIX_DEFAULT_SHARING_LIMIT, FALSE }

/* The display name of the DLP baseline policy the plans create ("Posture baseline"); the
 * connector ids it puts in Business are DESIGN.md's allow-list (posture-dlp-allow-list.h). */
#define POSTURE_FIX_DLP_BASELINE_NAME "Posture baseline"

/* Whether the control has a fix through the API. */
gboolean            posture_remediation_has_api_fix   (const char *control_id);
/* The inputs its plan takes (with @enforce, those of the enforcing step). */
PostureFixInputs    posture_remediation_get_inputs    (const char *control_id,
                                                       gboolean    enforce);

/* What the plan would refuse of @options before any tenant is read (usage errors);
 * the environments named are checked when planning. Errors: POSTURE_FIX_ERROR_*. */
gboolean            posture_remediation_check_options (const char               *control_id,
                                                       const PostureFixOptions  *options,
                                                       GError                  **error);

/* The plan for @control_id's failing (and unknown: skipped) resources in @assessment,
 * which the engine made from @snapshot. A control that already passes gets a plan with
 * no steps. Errors: POSTURE_FIX_ERROR_*. */
PostureFixPlan     *posture_remediation_plan          (PostureSnapshot          *snapshot,
                                                       PostureAssessment        *assessment,
                                                       const char               *control_id,
                                                       const PostureFixOptions  *options,
                                                       GError                  **error);

/* The what-if of several fixes (issue 16): each control's plan (default options) is
 * made on the snapshot the previous ones projected, and applied in turn, so the
 * engine's assessment of the result shows every side effect exactly. Controls with no
 * API fix, or whose plan needs an input (the firewall's allow-list, app ids), are left
 * out and named in @out_left_out (optional, NULL-terminated). Returns: (transfer full):
 * the projected snapshot, or NULL with @error set (a projection that does not load). */
PostureSnapshot    *posture_remediation_what_if       (PostureSnapshot          *snapshot,
                                                       const char * const       *control_ids,
                                                       GStrv                    *out_left_out,
                                                       GError                  **error);

G_END_DECLS
