/* posture-types.h: the enumerations of the assessment model
 *
 * Every enum has a stable string form (the one DESIGN.md and the JSON output use)
 * through posture_<enum>_to_string()/_from_string(), and a GType (posture-enums.h,
 * generated) so that it can be a property and be bound from the UI.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _PostureAssessment     PostureAssessment;
typedef struct _PostureCatalog        PostureCatalog;
typedef struct _PostureControl        PostureControl;
typedef struct _PostureControlResult  PostureControlResult;
typedef struct _PostureDecision       PostureDecision;
typedef struct _PostureResourceResult PostureResourceResult;
typedef struct _PostureSnapshot       PostureSnapshot;

typedef enum
{
  POSTURE_SEVERITY_LOW,
  POSTURE_SEVERITY_MEDIUM,
  POSTURE_SEVERITY_HIGH,
} PostureSeverity;

typedef enum
{
  POSTURE_SCOPE_TENANT,
  POSTURE_SCOPE_ENVIRONMENT,
} PostureScope;

/* Zero Trust principle: verify-explicitly, least-privilege, assume-breach. */
typedef enum
{
  POSTURE_PRINCIPLE_VERIFY_EXPLICITLY,
  POSTURE_PRINCIPLE_LEAST_PRIVILEGE,
  POSTURE_PRINCIPLE_ASSUME_BREACH,
} PosturePrinciple;

/* data-protection, identity-access, network, compliance, threat-detection */
typedef enum
{
  POSTURE_CATEGORY_DATA_PROTECTION,
  POSTURE_CATEGORY_IDENTITY_ACCESS,
  POSTURE_CATEGORY_NETWORK,
  POSTURE_CATEGORY_COMPLIANCE,
  POSTURE_CATEGORY_THREAT_DETECTION,
} PostureCategory;

/* One resource's result: pass, fail, unknown (its settings could not be read). */
typedef enum
{
  POSTURE_RESULT_PASS,
  POSTURE_RESULT_FAIL,
  POSTURE_RESULT_UNKNOWN,
} PostureResult;

/* A control's status: pass, fail, partial, not-applicable, unknown, manual. */
typedef enum
{
  POSTURE_STATUS_PASS,
  POSTURE_STATUS_FAIL,
  POSTURE_STATUS_PARTIAL,
  POSTURE_STATUS_NOT_APPLICABLE,
  POSTURE_STATUS_UNKNOWN,
  POSTURE_STATUS_MANUAL,
} PostureStatus;

/* unknown (no possible points), low 0–50, medium 51–80, high 81–100 */
typedef enum
{
  POSTURE_LEVEL_UNKNOWN,
  POSTURE_LEVEL_LOW,
  POSTURE_LEVEL_MEDIUM,
  POSTURE_LEVEL_HIGH,
} PostureLevel;

/* to-address, planned, risk-accepted, alternate-mitigation, third-party */
typedef enum
{
  POSTURE_DECISION_TO_ADDRESS,
  POSTURE_DECISION_PLANNED,
  POSTURE_DECISION_RISK_ACCEPTED,
  POSTURE_DECISION_ALTERNATE_MITIGATION,
  POSTURE_DECISION_THIRD_PARTY,
} PostureDecisionStatus;

/* all, scuba, ppac */
typedef enum
{
  POSTURE_PROFILE_ALL,
  POSTURE_PROFILE_SCUBA,
  POSTURE_PROFILE_PPAC,
} PostureProfile;

const char *posture_severity_to_string        (PostureSeverity         value);
gboolean    posture_severity_from_string      (const char             *text,
                                               PostureSeverity        *value);
const char *posture_scope_to_string           (PostureScope            value);
gboolean    posture_scope_from_string         (const char             *text,
                                               PostureScope           *value);
const char *posture_principle_to_string       (PosturePrinciple        value);
gboolean    posture_principle_from_string     (const char             *text,
                                               PosturePrinciple       *value);
const char *posture_category_to_string        (PostureCategory         value);
gboolean    posture_category_from_string      (const char             *text,
                                               PostureCategory        *value);
const char *posture_result_to_string          (PostureResult           value);
gboolean    posture_result_from_string        (const char             *text,
                                               PostureResult          *value);
const char *posture_status_to_string          (PostureStatus           value);
gboolean    posture_status_from_string        (const char             *text,
                                               PostureStatus          *value);
const char *posture_level_to_string           (PostureLevel            value);
gboolean    posture_level_from_string         (const char             *text,
                                               PostureLevel           *value);
const char *posture_decision_status_to_string (PostureDecisionStatus   value);
gboolean    posture_decision_status_from_string (const char           *text,
                                               PostureDecisionStatus  *value);
const char *posture_profile_to_string         (PostureProfile          value);
gboolean    posture_profile_from_string       (const char             *text,
                                               PostureProfile         *value);

/* Level of a percent: rounded half up to an integer, then low 0–50, medium 51–80,
 * high 81–100. Pass a negative percent for "no possible points" (unknown). */
PostureLevel posture_level_for_percent        (double                  percent);

G_END_DECLS
